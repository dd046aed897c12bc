#!/bin/sh
# Retrains models/parser.bin from ../shared/data (UD English EWT train + GUM train) with
# fixed seeds: the same data gives the same bytes. Training tags come from 10-fold
# jackknifing with the tagger's settings (scripts/train/tagger.sh), so the parser sees
# realistic tag errors; dev figures use models/tagger.bin. The word clusters of
# models/ner_clusters.tsv are used by the jackknifed taggers and the parser, and copied into
# parser.bin. 2.5-7 min on the shared machine.
# Usage: scripts/train/parser.sh [SHARED_DIR]   (default: ../shared beside the repository)
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
shared=${1:-$root/../shared}
build=${BUILD_DIR:-$root/build}
[ -d "$build" ] || meson setup "$build" "$root"
ninja -C "$build" -j2 tools/train_parser/train_parser
"$build/tools/train_parser/train_parser" --shared="$shared" --tagger="$root/models/tagger.bin" \
  --output="$root/models/parser.bin" --with-gum --jackknife=10 --tagger-epochs=12 \
  --epochs=9 --bits=20 --label-bits=18 --seed=1 --explore=0.9 --clusters="$root/models/ner_clusters.tsv" --fast-hash
