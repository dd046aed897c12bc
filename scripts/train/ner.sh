#!/bin/sh
# Retrains models/ner.bin from ../shared/data (UNER EWT train, GUM train) and the gazetteer
# built from Debian's iso-codes and WordNet (kept inside ner.bin; the TSV goes to the build
# dir). Fixed seed and input order: the same bytes twice.
# Usage: scripts/train/ner.sh [BUILD_DIR] [SHARED_DIR]
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$root/build}
shared=${2:-$root/../shared}
"$root/scripts/train/gazetteer.sh" "$build/gazetteer.tsv"
ninja -C "$build" tools/train_ner/text2kg-train-ner
"$build/tools/train_ner/text2kg-train-ner" --shared "$shared" --gazetteer "$build/gazetteer.tsv" \
  --gum-in-primary --epochs 15 --bits 18 --seed 20240729 -o "$root/models/ner.bin"
