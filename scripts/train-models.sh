#!/usr/bin/env bash
# Rebuilds every NLP model in models/ from the corpora in ../shared/data, with fixed seeds
# (the same bytes on every run). Usage: scripts/train-models.sh [SHARED_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
shared=${1:-../shared}
[ -d "$shared/data" ] || { echo "train-models: no corpora in $shared/data" >&2; exit 1; }
scripts/setup.sh build
start=$(date +%s)
# Order matters: the parser trains on the tagger's predicted tags.
for stage in tokenizer lemmatizer tagger parser ner coref; do
  args=("$shared"); [ "$stage" = ner ] && args=(build "$shared")
  script=scripts/train/$stage.sh
  [ -x "$script" ] || { echo "train-models: missing $script" >&2; exit 1; }
  echo "== $stage" >&2
  t0=$(date +%s)
  "$script" "${args[@]}"
  echo "== $stage done in $(( $(date +%s) - t0 )) s" >&2
done
echo "train-models: all models rebuilt in $(( $(date +%s) - start )) s" >&2
ls -l models/
