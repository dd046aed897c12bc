"""Checks that the writers' prefetches survive the optimizer.

g++ 12 -O3 once deleted every call to the helpers of io/graphml_prefetch.hpp (they held only
loads and __builtin_prefetch, so they counted as pure functions with an unused result), and
the writers ran without a single prefetch: nothing but their speed showed it. This reads the
machine code of each writer in the static library and fails when one has no prefetch.

Usage: prefetch_kept.py LIBTEXT2KG_A
Exit 77 (skipped) where the check does not apply: not x86, or no objdump.
"""
import platform
import re
import shutil
import subprocess
import sys

WRITERS = ["graphml_writer", "gexf_writer", "jsonld_writer", "neo4j_writer"]


def prefetches_per_member(archive):
    """{archive member name: number of prefetch instructions in it}."""
    listing = subprocess.run(["objdump", "-d", "--no-show-raw-insn", archive], check=True,
                             capture_output=True, text=True).stdout
    counts = {}
    member = None
    for line in listing.splitlines():
        header = re.match(r"^(\S+\.o):\s+file format", line)
        if header:
            member = header.group(1)
            counts[member] = 0
        elif member and re.search(r"\bprefetch(t0|t1|t2|nta|w)?\b", line):
            counts[member] += 1
    return counts


def main():
    if platform.machine() not in ("x86_64", "i686", "i386") or shutil.which("objdump") is None:
        print("skipped: needs x86 and objdump")
        return 77
    counts = prefetches_per_member(sys.argv[1])
    failed = False
    for writer in WRITERS:
        found = [(name, n) for name, n in counts.items() if name.endswith("io_" + writer + ".cpp.o")]
        if len(found) != 1:
            print(f"{writer}: no single object file for it in {sys.argv[1]} (found {found})")
            failed = True
        elif found[0][1] == 0:
            print(f"{writer}: no prefetch instruction: the optimizer removed the look-ahead")
            failed = True
        else:
            print(f"{writer}: {found[0][1]} prefetch instructions")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
