#!/bin/sh
# Retrains models/tokenizer.bin from UD English EWT train + GUM train (deterministic:
# the same data gives the same bytes). Usage: scripts/train/tokenizer.sh [SHARED_DIR]
# Needs a build in ./build (meson setup build && ninja -C build).
set -eu
cd "$(dirname "$0")/../.."
shared="${1:-../shared}"
ninja -C build tools/train_tokenizer/text2kg-train-tokenizer >/dev/null
build/tools/train_tokenizer/text2kg-train-tokenizer --shared "$shared" --epochs 10 --out models/tokenizer.bin
