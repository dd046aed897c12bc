// text2kg graph for Neo4j 5.26 or later (dynamic labels and relationship types):
// 5 entities, 7 relationships.
// Copy nodes.csv and relationships.csv into the database's import directory
// (server.directories.import), then run
//   cypher-shell -f import.cypher
// To read them from elsewhere, change the two 'file:///' URLs (https:// works too).
// Idempotent: entities are MERGEd on uid, relationships on sid.
// Each LOAD CSV commits every 10000 rows, so run the script in auto-commit
// mode (no :begin). The files quote as RFC 4180 does, a backslash being plain text:
// set dbms.import.csv.legacy_quote_escaping=false if a name or sentence holds \".
CREATE CONSTRAINT text2kg_entity_uid IF NOT EXISTS FOR (n:Entity) REQUIRE n.uid IS UNIQUE;

LOAD CSV WITH HEADERS FROM 'file:///nodes.csv' AS row
CALL (row) {
  MERGE (n:Entity {uid: row.`uid:ID(Entity)`})
  SET n:$(split(row.`:LABEL`, ';')),
    n.name = row.name,
    n.type = row.type,
    n.aliases = split(row.`aliases:string[]`, ';'),
    n.mentions = toInteger(row.`mentions:long`),
    n.sameAs = row.sameAs,
    n.in_degree = toInteger(row.`in_degree:long`),
    n.out_degree = toInteger(row.`out_degree:long`),
    n.weighted_degree = toFloat(row.`weighted_degree:double`),
    n.pagerank = toFloat(row.`pagerank:double`),
    n.component = toInteger(row.`component:long`)
} IN TRANSACTIONS OF 10000 ROWS;

LOAD CSV WITH HEADERS FROM 'file:///relationships.csv' AS row
CALL (row) {
  MATCH (a:Entity {uid: row.`:START_ID(Entity)`})
  MATCH (b:Entity {uid: row.`:END_ID(Entity)`})
  MERGE (a)-[r:$(row.`:TYPE`) {sid: row.sid}]->(b)
  SET r.predicate = row.predicate,
    r.predicate_lemma = row.predicate_lemma,
    r.confidence = toFloat(row.`confidence:double`),
    r.support = toInteger(row.`support:long`),
    r.negated = toBoolean(row.`negated:boolean`),
    r.doc = row.doc,
    r.sentence = toInteger(row.`sentence:long`),
    r.evidence = row.evidence,
    r.rule = row.rule
} IN TRANSACTIONS OF 10000 ROWS;

// Check, on a database that held no text2kg graph before:
//   MATCH (n:Entity) RETURN count(n);  // 5
//   MATCH (:Entity)-[r]->(:Entity) WHERE r.sid IS NOT NULL RETURN count(r);  // 7
