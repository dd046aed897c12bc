#!/usr/bin/env bash
# Rebuilds models/coref.tsv (coreference statistics) from GUM train's chains; deterministic.
# Usage: scripts/train/coref.sh [SHARED_DIR]
set -euo pipefail
cd "$(dirname "$0")/../.."
shared=${1:-../shared}
/usr/bin/python3 scripts/make_coref_table.py "$shared/data/gum/train" models/coref.tsv 3
