#!/usr/bin/env bash
# Every quality figure the issues ask for, from the committed models (evaluations are
# commands, not tests). Usage: scripts/evaluate.sh [SHARED_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
shared=${1:-../shared}
scripts/setup.sh --tests build >/dev/null
bin=build/tools
echo "## NLP: CoNLL 2018 metrics"
for gold in "$shared/data/ud/en_ewt-ud-dev.conllu" "$shared/data/gum/dev"; do
  for mode in --raw --gold-tokens; do
    echo "### $(basename "$gold") $mode"
    "$bin/nlp_eval/text2kg-eval" --gold "$gold" "$mode"
  done
done
echo "### GUM dev by genre, raw text"
"$bin/nlp_eval/text2kg-eval" --gold "$shared/data/gum/dev" --raw --per-genre
echo "## NER: span F1 (UNER EWT dev, GUM dev, GUM news)"
"$bin/ner_eval/text2kg-ner-eval" --shared "$shared"
"$bin/ner_eval/text2kg-ner-eval" --shared "$shared" --gum-only --news
echo "## Coreference: GUM dev, MUC / B3 / CEAF-e / CoNLL F1 (singletons excluded), gold parse and our pipeline"
"$bin/coref_eval/text2kg-coref-eval" --shared="$shared" --mention-recall
echo "## CaRB dev"
sys=$(mktemp --suffix=.tsv)
"$bin/carb/text2kg-carb" extract --text "$shared/data/carb/dev.txt" -o "$sys"
"$bin/carb/text2kg-carb" score --gold "$shared/data/carb/dev_gold.tsv" --system "$sys"
rm -f "$sys"
echo "## Key facts of the sample"
out=$(mktemp -d)
"$bin/text2kg/text2kg" samples/morales-asylum.txt -o "$out/graph.graphml" -q
/usr/bin/python3 "$shared/tools/kgscore.py" "$out/graph.graphml" "$shared/gold/morales-asylum.gold.jsonl" --misses
rm -rf "$out"
