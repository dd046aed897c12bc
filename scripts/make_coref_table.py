#!/usr/bin/env python3
"""Counts, from GUM train's coreference chains, what the pronouns of a chain say about the
head nouns and first names in it (gender, number) and what entity types a head noun or a
first name carries (animacy, type). Writes models/coref.tsv (see models/README.md).
usage: make_coref_table.py GUM_TRAIN_DIR OUT.tsv [MIN_COUNT]"""
import collections
import os
import re
import sys

PRONOUNS = {
    "he": "masc", "him": "masc", "his": "masc", "himself": "masc",
    "she": "fem", "her": "fem", "hers": "fem", "herself": "fem",
    "it": "neut", "its": "neut", "itself": "neut",
    "they": "plur", "them": "plur", "their": "plur", "theirs": "plur", "themselves": "plur",
}
TYPES = {"person": "person", "animal": "person", "place": "place", "organization": "organization"}
COLUMNS = ["masc", "fem", "neut", "plur", "person", "place", "organization", "other"]
OPEN = re.compile(r"\((\d+)-([a-z]+)[^()]*?(?=\(|\)|$)")


def read_doc(path):
    """Yields (tokens, mentions) of one document: tokens are (form, lemma, upos, head index
    in the document or -1); mentions are (entity id, etype, first, last)."""
    tokens, mentions, stack = [], [], []
    offset = 0
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line:
                offset = len(tokens)
                continue
            if line.startswith("#"):
                continue
            cols = line.split("\t")
            if "-" in cols[0] or "." in cols[0]:
                continue
            head = int(cols[6]) if cols[6].isdigit() else 0
            i = len(tokens)
            tokens.append((cols[1], cols[2].lower(), cols[3], offset + head - 1 if head else -1))
            entity = next((m[7:] for m in cols[9].split("|") if m.startswith("Entity=")), "")
            pos = 0
            while pos < len(entity):
                if entity[pos] == "(":
                    m = re.match(r"\((\d+)-([a-z]+)", entity[pos:])
                    end = pos + 1
                    while end < len(entity) and entity[end] not in "()":
                        end += 1
                    closes = end < len(entity) and entity[end] == ")"
                    if closes:
                        mentions.append((m.group(1), m.group(2), i, i))
                        end += 1
                    else:
                        stack.append((m.group(1), m.group(2), i))
                    pos = end
                else:
                    m = re.match(r"(\d+)\)", entity[pos:])
                    if not m:
                        pos += 1
                        continue
                    for k in range(len(stack) - 1, -1, -1):
                        if stack[k][0] == m.group(1):
                            ident, etype, first = stack.pop(k)
                            mentions.append((ident, etype, first, i))
                            break
                    pos += len(m.group(0))
    return tokens, mentions


def head_of(tokens, first, last):
    for i in range(first, last + 1):
        h = tokens[i][3]
        if h < first or h > last:
            return i
    return last


def main(argv):
    if len(argv) < 2:
        print(__doc__)
        return 2
    folder, out = argv[0], argv[1]
    min_count = int(argv[2]) if len(argv) > 2 else 3
    counts = collections.defaultdict(lambda: collections.Counter())
    for name in sorted(os.listdir(folder)):
        if not name.endswith(".conllu"):
            continue
        tokens, mentions = read_doc(os.path.join(folder, name))
        chain_pronouns = collections.defaultdict(collections.Counter)
        for ident, etype, first, last in mentions:
            if first == last and tokens[first][1] in PRONOUNS:
                chain_pronouns[ident][PRONOUNS[tokens[first][1]]] += 1
        for ident, etype, first, last in mentions:
            h = head_of(tokens, first, last)
            form, lemma, upos, _ = tokens[h]
            keys = []
            if upos == "NOUN":
                keys.append("noun\t" + lemma)
            elif upos == "PROPN":
                # the first capitalized word of a name: a given name for people
                for i in range(first, h + 1):
                    if tokens[i][2] == "PROPN" and tokens[i][0][:1].isupper():
                        keys.append("name\t" + tokens[i][0].lower())
                        break
            for key in keys:
                counts[key][TYPES.get(etype, "other")] += 1
                for gender, n in chain_pronouns[ident].items():
                    counts[key][gender] += n
    rows = [(k, c) for k, c in counts.items() if sum(c.values()) >= min_count]
    rows.sort()
    with open(out, "w", encoding="utf-8") as f:
        f.write("# text2kg coreference statistics from GUM train (CC BY 4.0); scripts/make_coref_table.py\n")
        f.write("kind\tword\t" + "\t".join(COLUMNS) + "\n")
        for key, c in rows:
            f.write(key + "\t" + "\t".join(str(c[col]) for col in COLUMNS) + "\n")
    print(f"{out}: {len(rows)} rows")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
