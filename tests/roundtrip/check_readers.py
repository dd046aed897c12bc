"""Third-party readers on what write_sample writes (run with Debian's /usr/bin/python3).

usage: check_readers.py WRITE_SAMPLE SHARED_DIR CHECK
CHECK: xsd | rng | networkx | igraph | deterministic
Each check writes the sample files into its own temporary folder, reads them with the real
client and asserts exact node and edge counts and a sample of attribute values.
"""
import json
import os
import subprocess
import sys
import tempfile

HOSTILE = "A&B <Corp> \"Q\" 'S'\tT\nL\rC\x01X\uffff"
NODES, EDGES = 5, 4


def write_sample(tool, folder):
    subprocess.run([tool, folder], check=True)
    return {name: os.path.join(folder, name) for name in ("sample.graphml", "sample.apoc.graphml", "sample.gexf")}


def xmllint(args, env=None):
    return subprocess.run(["xmllint", "--nonet", "--noout", *args], env=env, capture_output=True, text=True)


def check_xsd(files, shared):
    env = dict(os.environ, XML_CATALOG_FILES=os.path.join(shared, "ref", "graphml", "catalog.xml"))
    xsd = os.path.join(shared, "ref", "graphml", "graphml.xsd")
    strict = xmllint(["--schema", xsd, files["sample.graphml"]], env)
    assert strict.returncode == 0, strict.stderr
    # APOC-exact adds attributes the XSD does not allow: well-formed, but not schema-valid.
    assert xmllint([files["sample.apoc.graphml"]]).returncode == 0
    apoc = xmllint(["--schema", xsd, files["sample.apoc.graphml"]], env)
    assert apoc.returncode == 3 and "labels" in apoc.stderr, (apoc.returncode, apoc.stderr)


def check_rng(files, shared):
    rng = os.path.join(shared, "ref", "gexf", "gexf.rng")
    result = xmllint(["--relaxng", rng, files["sample.gexf"]])
    assert result.returncode == 0, result.stderr


def by_uid(nodes):
    return {attributes["uid"]: attributes for attributes in nodes}


def check_networkx(files, shared):
    import networkx as nx

    for name in ("sample.graphml", "sample.apoc.graphml"):
        g = nx.read_graphml(files[name], force_multigraph=True)
        assert g.is_directed() and g.is_multigraph()
        assert g.number_of_nodes() == NODES and g.number_of_edges() == EDGES, (g.number_of_nodes(), g.number_of_edges())
        nodes = by_uid(attributes for _, attributes in g.nodes(data=True))
        morales = nodes["person/evo_morales"]
        assert morales["name"] == "Evo Morales" and morales["label"] == "Evo Morales"
        assert morales["labels"] == ":Person:Entity" and morales["type"] == "Person"
        assert morales["mentions"] == 3 and json.loads(morales["aliases"]) == ["Evo Morales", "Morales"]
        hostile = [a for a in nodes.values() if "exact" in a][0]
        assert json.loads(hostile["exact"])["name"] == HOSTILE
        assert json.loads(hostile["aliases"]) == [HOSTILE]
        edges = {a["predicate_lemma"]: a for _, _, a in g.edges(data=True)}
        assert edges["flee_to"]["weight"] == 2.0 and edges["flee_to"]["label"] == "FLEE_TO"
        assert edges["resign_from"]["negated"] is True and edges["flee_to"]["negated"] is False
        provenance = json.loads(edges["flee_to"]["provenance"])
        assert [p["doc"] for p in provenance] == ["afp-1", "afp-2"]
        assert json.loads(g.graph["documents"])[0]["url"] == "https://example.org/a?x=1&y=2"


def check_igraph(files, shared):
    import igraph as ig

    g = ig.Graph.Read_GraphML(files["sample.graphml"])
    assert g.is_directed() and g.vcount() == NODES and g.ecount() == EDGES, (g.vcount(), g.ecount())
    assert g.vs["id"] == ["n0", "n1", "n2", "n3", "n4"]
    assert sorted(g.vs["uid"])[2] == "person/evo_morales"
    morales = g.vs.find(uid="person/evo_morales")
    assert morales["mentions"] == 3.0 and morales["label"] == "Evo Morales"
    assert sorted(g.es["label"]) == ["FLEE_TO", "GRANT_ASYLUM_TO", "RESIGN_FROM", "SAY_TO_SO"]
    flee = g.es.find(label="FLEE_TO")
    assert flee["weight"] == 2.0 and flee["support"] == 2.0 and abs(flee["confidence"] - 0.9375) < 1e-12
    assert g.vs[flee.source]["uid"] == "person/evo_morales" and g.vs[flee.target]["uid"] == "place/mexico"


def check_deterministic(files, shared):
    with tempfile.TemporaryDirectory() as other:
        again = write_sample(sys.argv[1], other)
        for name, path in files.items():
            with open(path, "rb") as a, open(again[name], "rb") as b:
                assert a.read() == b.read(), name


def main():
    tool, shared, check = sys.argv[1:4]
    with tempfile.TemporaryDirectory() as folder:
        files = write_sample(tool, folder)
        globals()["check_" + check](files, shared)
    print("ok", check)


if __name__ == "__main__":
    main()
