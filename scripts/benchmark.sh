#!/usr/bin/env bash
# Speed and memory: the NLP stages and the extraction rules (words/s, load time, peak RSS),
# the exporters (seconds, MB, peak RSS per format), and the whole tool end to end on one
# large news-like text (words/s and peak RSS, GraphML and JSON-LD out).
# Usage: scripts/benchmark.sh [SIZES...] (export sizes, default 10000 100000)
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --tests build >/dev/null
echo "## NLP pipeline from raw text, then extraction, single thread"
build/tools/bench_nlp/bench_nlp --stages=tokenizer,tagger,lemmatizer,parser,ner,coref --repeat=5 --extract=yes
echo "## Export"
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(10000 100000)
build/tools/bench_export/bench_export "${sizes[@]}"
echo "## End to end: text in, GraphML and JSON-LD out"
# One document of CaRB dev sentences (Wikipedia and newswire), detokenised, ten times over.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
/usr/bin/python3 - "../shared/data/carb/dev.txt" "$work/big.txt" <<'PY'
import sys
pairs = [(" ,", ","), (" .", "."), (" 's", "'s"), (" ;", ";"), (" :", ":"), (" n't", "n't"),
         ("`` ", '"'), (" ''", '"'), ("-LRB- ", "("), (" -RRB-", ")")]
lines = [l.strip() for l in open(sys.argv[1], encoding="utf-8") if l.strip()]
for a, b in pairs:
    lines = [l.replace(a, b) for l in lines]
paragraphs = [" ".join(lines[i:i + 5]) for i in range(0, len(lines), 5)]
text = "\n\n".join(paragraphs) + "\n"
open(sys.argv[2], "w", encoding="utf-8").write("\n\n".join([text] * 10))
PY
words=$(wc -w < "$work/big.txt")
/usr/bin/time -f "%e %U %M" -o "$work/time" \
  build/tools/text2kg/text2kg "$work/big.txt" -o "$work/g.graphml" -o "$work/g.jsonld" -q
read -r wall user rss < "$work/time"
/usr/bin/python3 -c "import sys; w,wall,user,rss=map(float,sys.argv[1:]); print(f'{int(w)} words: {wall:.2f} s wall, {w/wall:.0f} words/s ({user:.2f} s user, {w/user:.0f} words/s of CPU), peak RSS {rss/1024:.0f} MiB')" \
  "$words" "$wall" "$user" "$rss"
