#!/usr/bin/env bash
# Rebuilds models/coref.tsv (coreference statistics) from GUM train's chains, the extent
# model models/coref_extents.tsv (GUM train's mentions on our own pipeline's parses), the
# link filter of the noun-phrase sieves models/coref_links.tsv (GUM train's chains, our
# pipeline, those extents), then the pronoun ranker models/coref_pronouns.tsv (GUM train,
# gold parses, our NER, those extents and links: needs every other model, so run after the
# other scripts); all deterministic.
# Usage: scripts/train/coref.sh [SHARED_DIR]
set -euo pipefail
cd "$(dirname "$0")/../.."
shared=${1:-../shared}
build=${BUILD_DIR:-build}
/usr/bin/python3 scripts/make_coref_table.py "$shared/data/gum/train" models/coref.tsv 3
ninja -C "$build" tools/train_coref/text2kg-train-coref
"$build/tools/train_coref/text2kg-train-coref" --shared="$shared" --models=models --extents --epochs=5 --seed=1 \
  --output=models/coref_extents.tsv
"$build/tools/train_coref/text2kg-train-coref" --shared="$shared" --models=models --links --epochs=5 --seed=1 \
  --output=models/coref_links.tsv
"$build/tools/train_coref/text2kg-train-coref" --shared="$shared" --models=models --gold-parse --epochs=6 --seed=1 \
  --output=models/coref_pronouns.tsv
