#!/usr/bin/env bash
# Set up, build and run the whole test suite (unit, golden, CLI and third-party round trips),
# then the same suite under AddressSanitizer + UndefinedBehaviorSanitizer.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --tests build
meson test -C build --print-errorlogs --num-processes "$(nproc)"
if [ "${TEXT2KG_SKIP_SANITIZERS:-0}" != 1 ]; then
  if [ ! -f build-asan/build.ninja ]; then
    # g++ 12 reports a false -Wmaybe-uninitialized inside Boost.Graph's named_graph when the
    # sanitizers change inlining; every other warning stays an error. -O1 with line tables
    # only (-g1) keeps ASan's reports readable at half the compile time of -O2 -g.
    meson setup build-asan -Dbuildtype=plain \
      -Dcpp_args="-O1 -g1 -fno-omit-frame-pointer -Wno-maybe-uninitialized" \
      -Dtests=true -Db_sanitize=address,undefined -Db_lundef=false -Dbenchmarks=false >/dev/null
  fi
  ninja -C build-asan -j "$(nproc)"
  UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 ASAN_OPTIONS=detect_leaks=1 \
    meson test -C build-asan --print-errorlogs --num-processes "$(nproc)" --timeout-multiplier 4
fi
