#!/bin/sh
# Retrains models/tagger.bin from ../shared/data (UD English EWT train + GUM train) with a
# fixed seed: the same data gives the same bytes. Takes well under a minute on one core.
# Usage: scripts/train/tagger.sh [SHARED_DIR]   (default: ../shared beside the repository)
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
shared=${1:-$root/../shared}
build=${BUILD_DIR:-$root/build}
[ -d "$build" ] || meson setup "$build" "$root"
ninja -C "$build" -j2 tools/train_tagger/train_tagger
"$build/tools/train_tagger/train_tagger" --shared="$shared" --output="$root/models/tagger.bin" \
  --epochs=12 --bits=18 --seed=1 --with-gum --clusters="$root/models/ner_clusters.tsv"
