#!/bin/sh
# Rebuilds models/ner_clusters.tsv: word clusters for the "ner" stage (ner.sh stores them in
# models/ner.bin), learnt by exchange clustering from unlabelled, openly licensed text only
# (nothing hand-written, no dev or test text):
#   - the word forms of UD English EWT train (CC BY-SA 4.0) and GUM train (../shared/data),
#   - the glosses and example sentences of WordNet 3.0 (wordnet-base, WordNet 3.0 licence).
# Deterministic (fixed order, no randomness): the same bytes twice.
# Usage: scripts/train/clusters.sh [BUILD_DIR] [SHARED_DIR]
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$root/build}
shared=${2:-$root/../shared}
text=$build/cluster-text
mkdir -p "$text"
/usr/bin/python3 - "$shared/data" "$text" <<'PY'
import glob, os, re, sys
data, out = sys.argv[1], sys.argv[2]
def conllu(paths, target):
    with open(target, 'w', encoding='utf-8', newline='\n') as f:
        for path in paths:
            words = []
            for line in open(path, encoding='utf-8'):
                line = line.rstrip('\n')
                if not line:
                    if words:
                        f.write(' '.join(words) + '\n')
                    words = []
                elif not line.startswith('#'):
                    cols = line.split('\t')
                    if cols[0].isdigit():
                        words.append(cols[1].replace(' ', '_'))
            if words:
                f.write(' '.join(words) + '\n')
conllu([os.path.join(data, 'ud', 'en_ewt-ud-train.conllu')], os.path.join(out, 'ewt-train.txt'))
conllu(sorted(glob.glob(os.path.join(data, 'gum', 'train', '*.conllu'))), os.path.join(out, 'gum-train.txt'))
# WordNet glosses: "definition; \"example\"; ..." after the '|' of each synset line.
token = re.compile(r"[A-Za-z]+(?=n't)|n't|'s\b|[A-Za-z0-9]+(?:[.'’-][A-Za-z0-9]+)*\.?(?<!\.)|[^\sA-Za-z0-9]")
with open(os.path.join(out, 'wordnet-glosses.txt'), 'w', encoding='utf-8', newline='\n') as f:
    for part in ('noun', 'verb', 'adj', 'adv'):
        for line in open('/usr/share/wordnet/data.' + part, encoding='latin-1'):
            if line.startswith('  ') or '|' not in line:
                continue
            gloss = line.split('|', 1)[1].strip()
            for piece in re.split(r';\s*', gloss):
                piece = piece.strip().strip('"').strip()
                words = token.findall(piece)
                if len(words) >= 2:
                    f.write(' '.join(words) + '\n')
PY
ninja -C "$build" tools/train_ner/text2kg-train-ner
"$build/tools/train_ner/text2kg-train-ner" --learn-clusters "$root/models/ner_clusters.tsv" \
  --text "$text/ewt-train.txt" --text "$text/gum-train.txt" --text "$text/wordnet-glosses.txt" \
  --cluster-sizes 64,256,1024 --cluster-min-count 3 --cluster-iterations 15
