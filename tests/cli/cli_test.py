#!/usr/bin/python3
"""Command-line behaviour of text2kg: exit codes, messages naming file and line or byte,
all-or-nothing outputs, determinism and merging. Run by meson with the binary's path."""
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

BINARY = None
HEADER = "subject\tpredicate\tobject\tsubject_type\tobject_type\tpredicate_lemma\tdocument\tsentence\tconfidence\n"
TRIPLES_A = HEADER + (
    "Evo Morales\tflew_to\tMexico\tPerson\tPlace\tfly_to\ta\t0\t0.9\n"
    "Marcelo Ebrard\tforeign_minister_of\tMexico\tPerson\tPlace\tforeign_minister_of\ta\t1\t0.8\n")
TRIPLES_B = HEADER + (
    "Evo Morales\tleft\tBolivia\tPerson\tPlace\tleave\tb\t0\t0.7\n"
    "Evo Morales\tflew_to\tMexico\tPerson\tPlace\tfly_to\tb\t2\t0.6\n")


def run(*args, stdin=None):
    return subprocess.run([BINARY, *args], input=stdin, capture_output=True, timeout=60)


class CliTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="text2kg_cli_")

    def tearDown(self):
        shutil.rmtree(self.dir, ignore_errors=True)

    def path(self, name):
        return os.path.join(self.dir, name)

    def write(self, name, content, mode="w"):
        with open(self.path(name), mode) as f:
            f.write(content)
        return self.path(name)

    def read(self, name):
        with open(self.path(name), "rb") as f:
            return f.read()

    def test_help_and_version(self):
        result = run("--help")
        self.assertEqual(result.returncode, 0)
        self.assertIn(b"Usage: text2kg", result.stdout)
        result = run("--version")
        self.assertEqual(result.returncode, 0)
        self.assertRegex(result.stdout.decode(), r"^text2kg \d+\.\d+\.\d+\n$")

    def test_usage_errors_exit_2(self):
        for args in ([], ["--bogus"], [self.write("a.tsv", TRIPLES_A)], ["x.tsv", "-o", "out.unknown"],
                     ["x.tsv", "--min-confidence", "2", "-o", "o.graphml"]):
            result = run(*args)
            self.assertEqual(result.returncode, 2, args)
            self.assertIn(b"Try 'text2kg --help'", result.stderr)

    def test_missing_input_names_the_file(self):
        result = run(self.path("nope.tsv"), "-o", self.path("o.graphml"))
        self.assertEqual(result.returncode, 1)
        self.assertIn(b"nope.tsv: cannot read", result.stderr)
        self.assertFalse(os.path.exists(self.path("o.graphml")))

    def test_malformed_line_names_file_and_line(self):
        bad = self.write("bad.tsv", HEADER + "Evo Morales\tflew_to\n")
        result = run(bad, "-o", self.path("o.graphml"))
        self.assertEqual(result.returncode, 1)
        self.assertIn((bad + ":2:").encode(), result.stderr)
        self.assertFalse(os.path.exists(self.path("o.graphml")))

    def test_invalid_utf8_names_the_byte(self):
        bad = self.write("bad.tsv", HEADER.encode() + b"Evo \xff\tflew_to\tMexico\n", mode="wb")
        result = run(bad, "-o", self.path("o.graphml"))
        self.assertEqual(result.returncode, 1)
        self.assertIn(b"byte %d: invalid UTF-8" % (len(HEADER) + 4), result.stderr)

    def test_empty_and_binary_inputs_fail(self):
        for name, content in (("empty.tsv", b""), ("binary.tsv", b"\x00\x01\x02")):
            result = run(self.write(name, content, mode="wb"), "-o", self.path("o.graphml"))
            self.assertEqual(result.returncode, 1, name)
            self.assertIn(name.encode(), result.stderr)

    def test_full_disk_fails_and_leaves_other_outputs_untouched(self):
        if not os.path.exists("/dev/full"):
            self.skipTest("no /dev/full")
        a = self.write("a.tsv", TRIPLES_A)
        self.write("keep.graphml", "old")
        result = run(a, "-o", self.path("keep.graphml"), "--format", "jsonld", "-o", "/dev/full")
        self.assertEqual(result.returncode, 1)
        self.assertIn(b"/dev/full", result.stderr)
        self.assertEqual(self.read("keep.graphml"), b"old")
        self.assertEqual(sorted(os.listdir(self.dir)), ["a.tsv", "keep.graphml"])

    def test_unwritable_output_fails(self):
        a = self.write("a.tsv", TRIPLES_A)
        result = run(a, "-o", self.path("no/such/dir/o.graphml"))
        self.assertEqual(result.returncode, 1)
        self.assertIn(b"cannot write", result.stderr)

    def test_out_dir_writes_every_format(self):
        a = self.write("a.tsv", TRIPLES_A)
        result = run(a, "--out-dir", self.path("out"))
        self.assertEqual(result.returncode, 0, result.stderr)
        for name in ("graph.graphml", "graph.jsonld", "graph.gexf", "neo4j/nodes.csv",
                     "neo4j/relationships.csv", "neo4j/import.cypher"):
            self.assertTrue(os.path.getsize(self.path("out/" + name)) > 0, name)

    def test_exporting_twice_and_in_any_order_gives_the_same_bytes(self):
        a = self.write("a.tsv", TRIPLES_A)
        b = self.write("b.tsv", TRIPLES_B)
        for name, inputs in (("1", [a, b]), ("2", [a, b]), ("3", [b, a])):
            result = run(*inputs, "-o", self.path(name + ".graphml"), "-o", self.path(name + ".jsonld"),
                         "-o", self.path(name + ".gexf"))
            self.assertEqual(result.returncode, 0, result.stderr)
        for ext in ("graphml", "jsonld", "gexf"):
            self.assertEqual(self.read("1." + ext), self.read("2." + ext), ext)
            self.assertEqual(self.read("1." + ext), self.read("3." + ext), ext)

    def test_merge_a_then_b_equals_a_and_b_at_once(self):
        a = self.write("a.tsv", TRIPLES_A)
        b = self.write("b.tsv", TRIPLES_B)
        for ext in ("graphml", "jsonld"):
            once = self.path("once." + ext)
            self.assertEqual(run(a, b, "-o", once).returncode, 0)
            merged = self.path("merged." + ext)
            self.assertEqual(run(a, "--merge-into", merged).returncode, 0)
            result = run(b, "--merge-into", merged)
            self.assertEqual(result.returncode, 0, result.stderr)
            self.assertEqual(self.read("once." + ext), self.read("merged." + ext), ext)

    def test_hostile_names_round_trip(self):
        hostile = "A <b> & \"c\" 'd' \\t e\\n f\x07"
        tsv = self.write("h.tsv", HEADER + hostile + "\tmet\tMexico\tPerson\tPlace\tmeet\ta\t0\t0.5\n")
        for ext in ("graphml", "jsonld"):
            first = self.path("h1." + ext)
            self.assertEqual(run(tsv, "-o", first).returncode, 0)
            second = self.path("h2." + ext)
            result = run(first, "-o", second)
            self.assertEqual(result.returncode, 0, result.stderr)
            self.assertEqual(self.read("h1." + ext), self.read("h2." + ext), ext)

    def test_stdin_and_stdout(self):
        result = run("-", "--input-format", "triples-tsv", "--format", "graphml", "-o", "-",
                     stdin=TRIPLES_A.encode())
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertTrue(result.stdout.startswith(b"<?xml"))


NEWS = ("The French President Emmanuel Macron visited Berlin on Tuesday. "
        "He met Chancellor Olaf Scholz, who praised the agreement.\n")


class TextInputTest(unittest.TestCase):
    """News text through the NLP models and extraction (committed models, hand-written text)."""

    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="text2kg_text_")

    def tearDown(self):
        shutil.rmtree(self.dir, ignore_errors=True)

    def path(self, name):
        return os.path.join(self.dir, name)

    def write(self, name, content):
        os.makedirs(os.path.dirname(self.path(name)), exist_ok=True)
        with open(self.path(name), "wb") as f:
            f.write(content if isinstance(content, bytes) else content.encode())
        return self.path(name)

    def test_text_becomes_a_graph_with_evidence(self):
        article = self.write("macron.txt", NEWS)
        result = run(article, "-o", self.path("g.graphml"), "-o", self.path("g.jsonld"))
        self.assertEqual(result.returncode, 0, result.stderr)
        graphml = open(self.path("g.graphml"), encoding="utf-8").read()
        self.assertIn("Macron", graphml)
        self.assertIn("Berlin", graphml)
        self.assertIn("<edge ", graphml)
        self.assertIn("macron", open(self.path("g.jsonld"), encoding="utf-8").read())

    def test_directory_skips_a_bad_document_and_says_so(self):
        self.write("corpus/a.txt", NEWS)
        self.write("corpus/sub/b.txt", b"Bad \xff bytes.\n")
        self.write("corpus/empty.txt", b"")
        self.write("corpus/notes.md", b"ignored")
        result = run(self.path("corpus"), "-o", self.path("g.graphml"))
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn(b"b.txt: byte 4: invalid UTF-8", result.stderr)
        self.assertIn(b"empty.txt: empty input", result.stderr)
        self.assertIn(b"from 3 documents (2 skipped)", result.stderr)
        result = run(self.path("corpus"), "--strict", "-o", self.path("h.graphml"))
        self.assertEqual(result.returncode, 1)
        self.assertFalse(os.path.exists(self.path("h.graphml")))

    def test_news_jsonl_metadata_reaches_the_json_ld(self):
        corpus = self.write("news.jsonl", '{"id": "n1", "title": "Macron in Berlin", "date": "2023-05-02", '
                            '"url": "https://example.org/n1", "text": "%s"}\n{"id": "n2"}\n' % NEWS.strip())
        result = run(corpus, "-o", self.path("g.jsonld"))
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn(b"news.jsonl:2: no \"text\"", result.stderr)
        jsonld = open(self.path("g.jsonld"), encoding="utf-8").read()
        for expected in ("NewsArticle", "Macron in Berlin", "2023-05-02", "https://example.org/n1"):
            self.assertIn(expected, jsonld)

    def test_dump_conllu_shows_every_layer(self):
        result = run(self.write("m.txt", NEWS), "--dump", "conllu")
        self.assertEqual(result.returncode, 0, result.stderr)
        lines = [l for l in result.stdout.decode().splitlines() if l and not l.startswith("#")]
        self.assertTrue(all(len(l.split("\t")) == 10 for l in lines))
        macron = next(l.split("\t") for l in lines if l.split("\t")[1] == "Macron")
        self.assertEqual(macron[3], "PROPN")
        self.assertEqual(sum(1 for l in lines if l.split("\t")[7] == "root"), 2)


if __name__ == "__main__":
    BINARY = sys.argv.pop(1)
    unittest.main(verbosity=2)
