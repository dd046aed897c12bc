#!/bin/sh
# Retrains models/lemmatizer.bin from UD English EWT train + GUM train and WordNet's
# exception lists in /usr/share/wordnet (Debian package wordnet-base). Deterministic.
# Usage: scripts/train/lemmatizer.sh [SHARED_DIR]; needs a build in ./build.
set -eu
cd "$(dirname "$0")/../.."
shared="${1:-../shared}"
ninja -C build tools/train_lemmatizer/text2kg-train-lemmatizer >/dev/null
build/tools/train_lemmatizer/text2kg-train-lemmatizer --shared "$shared" --out models/lemmatizer.bin
