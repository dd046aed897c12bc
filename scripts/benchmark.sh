#!/usr/bin/env bash
# Speed and memory: the NLP stages (words/s, load time, peak RSS) and the exporters
# (seconds, MB, peak RSS per format). Usage: scripts/benchmark.sh [SIZES...] (default 10000 100000)
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --tests build >/dev/null
echo "## NLP pipeline from raw text, single thread"
build/tools/bench_nlp/bench_nlp --stages=tokenizer,tagger,lemmatizer,parser,ner
echo "## Export"
build/tools/bench_export/bench_export "${@:-10000 100000}"
