#!/bin/sh
# Builds gazetteer.tsv (default build/gazetteer.tsv; scripts/train/ner.sh stores it in models/ner.bin) (TYPE<TAB>lower-cased name) from openly licensed lists that
# Debian installs, so no name list is ever written by hand:
#   - iso-codes (LGPL-2.1+): ISO 3166-1 country names, ISO 3166-2 subdivision names -> Place
#   - WordNet 3.0 (wordnet-base, WordNet licence): capitalised noun lemmas filed under
#     noun.person -> Person, noun.location -> Place, noun.group -> Organization,
#     noun.event -> Event (WordNet's instance nouns: cities, people, institutions, wars);
#     and every one-word, all lower-case WordNet lemma of any part of speech -> Common
#     (an ordinary English word: a capital on it says less than on a word WordNet lacks)
# The output is sorted and unique, so two runs give the same bytes.
set -eu
here=$(cd "$(dirname "$0")/../.." && pwd)
out=${1:-$here/build/gazetteer.tsv}
/usr/bin/python3 - "$out" <<'PY'
import json, re, sys
out = sys.argv[1]
entries = set()
def add(kind, name):
    name = name.strip()
    # Names with commas are ISO's inverted forms ("Korea, Republic of"): no text says them.
    if not name or ',' in name or '(' in name:
        return
    words = re.findall(r"\w+(?:[.'’]\w+)*\.?|[^\w\s]", name)
    if words and len(words) <= 6:
        entries.add((kind, ' '.join(words).lower()))
iso = '/usr/share/iso-codes/json/'
for c in json.load(open(iso + 'iso_3166-1.json', encoding='utf-8'))['3166-1']:
    for key in ('name', 'common_name', 'official_name'):
        if key in c:
            add('Place', c[key])
for s in json.load(open(iso + 'iso_3166-2.json', encoding='utf-8'))['3166-2']:
    add('Place', s['name'])
lexnames = {'18': 'Person', '15': 'Place', '14': 'Organization', '11': 'Event'}
with open('/usr/share/wordnet/data.noun', encoding='latin-1') as f:
    for line in f:
        if line.startswith('  '):
            continue
        fields = line.split(' ')
        kind = lexnames.get(fields[1])
        if kind is None:
            continue
        count = int(fields[3], 16)
        for k in range(count):
            lemma = fields[4 + 2 * k]
            lemma = re.sub(r'\([a-z]+\)$', '', lemma).replace('_', ' ')
            if lemma[:1].isupper():
                add(kind, lemma)
for part in ('noun', 'verb', 'adj', 'adv'):
    with open('/usr/share/wordnet/index.' + part, encoding='latin-1') as f:
        for line in f:
            if line.startswith('  '):
                continue
            lemma = line.split(' ', 1)[0]
            if re.fullmatch(r"[a-z]+(?:-[a-z]+)*", lemma) and len(lemma) > 1:
                entries.add(('Common', lemma))
with open(out, 'w', encoding='utf-8', newline='\n') as f:
    f.write('# text2kg-resource gazetteer v1: TYPE<TAB>lower-cased tokens; from iso-codes (LGPL-2.1+) and WordNet 3.0\n')
    for kind, name in sorted(entries):
        f.write(f'{kind}\t{name}\n')
PY
echo "wrote $out ($(wc -l < "$out") lines)"
