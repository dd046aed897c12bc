#!/usr/bin/python3
"""Real JSON-LD processors read what we write: pyld (to_rdf) and rdflib (json-ld parser)
must produce the same RDF graph, of the expected size, with every IRI absolute, and a
SPARQL query must join each rdf:Statement to its asserted triple.
Usage: check_rdf.py LD_EXPORT SAMPLE.tsv WORKDIR"""
import json
import os
import subprocess
import sys

import rdflib
import rdflib.compare
from pyld import jsonld

EXPORT, SAMPLE, WORK = sys.argv[1:4]
# sample.tsv: 6 triples -> 6 entities, 5 relations (flee_to twice), 1 negated, 2 documents.
# Triples: documents 2 x (type, identifier) = 4; entities 6 x (type, key, name,
# alternateName, mentionCount, inDegree, outDegree, weightedDegree, pagerank, component) = 60;
# asserted relations 4 (the negated one is not asserted); statements 5 x (type, subject,
# predicate, object, predicateLemma, surfacePredicate, confidence, negated, supportCount) = 45
# plus 6 evidence links; evidence records 6 x (type, wasDerivedFrom, sentenceIndex, sentence,
# charStart, charEnd, subjectStart, subjectEnd, objectStart, objectEnd, rule, level,
# confidence, negated) = 84, plus 1 modality.  4 + 60 + 4 + 45 + 6 + 84 + 1 = 204
EXPECTED_TRIPLES = 204
EXPECTED_STATEMENTS = 5
EXPECTED_JOINED = 4

failures = []


def check(condition, message):
    if not condition:
        failures.append(message)
        print("FAIL:", message)


def export(out, *extra):
    subprocess.run([EXPORT, *extra, out, SAMPLE], check=True)
    with open(out, encoding="utf-8") as f:
        return json.load(f)


def offline_loader(url, options=None):
    raise jsonld.JsonLdError("no remote contexts in tests", "loading document failed", {"url": url})


jsonld.set_document_loader(offline_loader)
os.makedirs(WORK, exist_ok=True)
path = os.path.join(WORK, "sample.jsonld")
doc = export(path)

nquads = jsonld.to_rdf(doc, {"format": "application/n-quads"})
g_pyld = rdflib.Graph().parse(data=nquads, format="nt")
g_rdflib = rdflib.Graph().parse(path, format="json-ld")
print(f"pyld: {len(g_pyld)} triples, rdflib: {len(g_rdflib)} triples")
check(len(g_pyld) == len(g_rdflib), f"pyld {len(g_pyld)} != rdflib {len(g_rdflib)} triples")
check(len(g_pyld) == EXPECTED_TRIPLES, f"pyld gave {len(g_pyld)} triples, expected {EXPECTED_TRIPLES}")
check(rdflib.compare.isomorphic(g_pyld, g_rdflib), "pyld and rdflib graphs are not isomorphic")

for s, p, o in g_rdflib:
    for term in (s, p, o):
        if isinstance(term, rdflib.URIRef):
            check(str(term).startswith(("https://w3id.org/text2kg/", "http://schema.org/", "http://www.w3.org/")),
                  f"unexpected IRI {term}")
        check(not isinstance(term, rdflib.BNode), f"blank node {term}")

KG = "https://w3id.org/text2kg/vocab#"
statements = list(g_rdflib.query(
    "SELECT ?st WHERE { ?st a rdf:Statement }",
    initNs={"rdf": rdflib.RDF}))
check(len(statements) == EXPECTED_STATEMENTS, f"{len(statements)} statements, expected {EXPECTED_STATEMENTS}")
joined = list(g_rdflib.query(
    """SELECT ?st ?s ?p ?o ?c WHERE {
         ?st a rdf:Statement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; kg:confidence ?c .
         ?s ?p ?o .
       }""",
    initNs={"rdf": rdflib.RDF, "kg": rdflib.Namespace(KG)}))
check(len(joined) == EXPECTED_JOINED, f"{len(joined)} statements joined to their triple, expected {EXPECTED_JOINED}")
names = {str(o) for o in g_rdflib.objects(None, rdflib.URIRef("http://schema.org/name"))}
check('A&B <Corp> "x"' in names, f"hostile name lost: {sorted(names)}")
sentences = {str(o) for o in g_rdflib.objects(None, rdflib.URIRef(KG + "sentence"))}
check('Mexico granted him "asylum" & <shelter>.\tTab\nline' in sentences, "sentence with tab/newline not exact")
check(any(str(p) == KG + "flee_to" for p in g_rdflib.predicates()), "kg:flee_to not asserted")

# --base-iri is honoured everywhere.
other = export(os.path.join(WORK, "based.jsonld"), "--base-iri", "http://example.org/kg/")
g_other = rdflib.Graph().parse(os.path.join(WORK, "based.jsonld"), format="json-ld")
check(len(g_other) == EXPECTED_TRIPLES, "other base changed the triple count")
for s in set(g_other.subjects()):
    check(str(s).startswith("http://example.org/kg/"), f"subject {s} outside the base IRI")
check("w3id.org/text2kg/id" not in json.dumps(other), "default base IRI leaked")

print("ok" if not failures else f"{len(failures)} failure(s)")
sys.exit(1 if failures else 0)
