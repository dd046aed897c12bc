// text2kg graph for Neo4j: cypher-shell -f import.cypher
// Idempotent: entities are MERGEd on uid, relationships on sid.
CREATE CONSTRAINT text2kg_entity_uid IF NOT EXISTS FOR (n:Entity) REQUIRE n.uid IS UNIQUE;
:begin
UNWIND [
{uid: 'person/evo_morales', props: {name: 'Evo Morales', type: 'Person', aliases: ['Evo Morales'], mentions: 1, in_degree: 2, out_degree: 3, weighted_degree: 6.0, pagerank: 0.22638829199362878, component: 0}}
] AS row
MERGE (n:Entity {uid: row.uid}) SET n += row.props, n:`Person`;
:commit
:begin
UNWIND [
{uid: 'organization/a_b_c_d_e_f_g_h_i_anez_✓', props: {name: 'A<b>&\"c\" \'d\'\te\nf\u0001g\u007F;h,`i` Añez \\ ✓', type: 'Organization', aliases: ['A<b>&\"c\" \'d\'\te\nf\u0001g\u007F;h,`i` Añez \\ ✓'], mentions: 1, in_degree: 0, out_degree: 1, weighted_degree: 1.0, pagerank: 0.07554569011215967, component: 0}}
] AS row
MERGE (n:Entity {uid: row.uid}) SET n += row.props, n:`Organization`;
:commit
:begin
UNWIND [
{uid: 'place/bolivia', props: {name: 'Bolivia', type: 'Place', aliases: ['Bolivia'], mentions: 1, in_degree: 2, out_degree: 2, weighted_degree: 4.0, pagerank: 0.20383238890854932, component: 0}},
{uid: 'place/mexico', props: {name: 'Mexico', type: 'Place', aliases: ['Mexico'], mentions: 1, in_degree: 2, out_degree: 1, weighted_degree: 4.0, pagerank: 0.22631780479648794, component: 0}}
] AS row
MERGE (n:Entity {uid: row.uid}) SET n += row.props, n:`Place`;
:commit
:begin
UNWIND [
{uid: 'concept/asylum', props: {name: 'asylum', type: 'Concept', aliases: ['asylum'], mentions: 1, in_degree: 1, out_degree: 0, weighted_degree: 1.0, pagerank: 0.26791582418917437, component: 0}}
] AS row
MERGE (n:Entity {uid: row.uid}) SET n += row.props, n:`Concept`;
:commit
:begin
UNWIND [
{s: 'place/bolivia', o: 'place/mexico', sid: '69cb1625a97d944d', props: {predicate: 'is part of', predicate_lemma: 'be part of', confidence: 0.2, support: 1, negated: false, doc: 'morales-asylum', sentence: 7, evidence: 'Bolivia is part of Mexico.', rule: 'test'}}
] AS row
MATCH (a:Entity {uid: row.s})
MATCH (b:Entity {uid: row.o})
MERGE (a)-[r:`BE_PART_OF` {sid: row.sid}]->(b) SET r += row.props;
:commit
:begin
UNWIND [
{s: 'person/evo_morales', o: 'place/mexico', sid: 'c1e31c28a753a91e', props: {predicate: 'fled_to', predicate_lemma: 'flee_to', confidence: 0.95, support: 2, negated: false, doc: 'morales-asylum', sentence: 0, evidence: 'Evo Morales fled_to Mexico.', rule: 'test'}}
] AS row
MATCH (a:Entity {uid: row.s})
MATCH (b:Entity {uid: row.o})
MERGE (a)-[r:`FLEE_TO` {sid: row.sid}]->(b) SET r += row.props;
:commit
:begin
UNWIND [
{s: 'place/mexico', o: 'concept/asylum', sid: '30a93606ad0672be', props: {predicate: 'granted', predicate_lemma: 'grant', confidence: 1.0, support: 1, negated: false, doc: 'morales-asylum', sentence: 3, evidence: 'Mexico granted asylum.', rule: 'test'}}
] AS row
MATCH (a:Entity {uid: row.s})
MATCH (b:Entity {uid: row.o})
MERGE (a)-[r:`GRANT` {sid: row.sid}]->(b) SET r += row.props;
:commit
:begin
UNWIND [
{s: 'person/evo_morales', o: 'place/bolivia', sid: '06af9f7b5f012c1c', props: {predicate: 'left', predicate_lemma: 'leave', confidence: 0.75, support: 1, negated: false, doc: 'morales-asylum', sentence: 1, evidence: 'Evo Morales left Bolivia.', rule: 'test'}}
] AS row
MATCH (a:Entity {uid: row.s})
MATCH (b:Entity {uid: row.o})
MERGE (a)-[r:`LEAVE` {sid: row.sid}]->(b) SET r += row.props;
:commit
:begin
UNWIND [
{s: 'place/bolivia', o: 'person/evo_morales', sid: '2f55ba5c31f53a38', props: {predicate: 'name', predicate_lemma: 'name', confidence: 0.3, support: 1, negated: false, doc: 'morales-asylum', sentence: 6, evidence: 'Bolivia name Evo Morales.', rule: 'test'}}
] AS row
MATCH (a:Entity {uid: row.s})
MATCH (b:Entity {uid: row.o})
MERGE (a)-[r:`NAME` {sid: row.sid}]->(b) SET r += row.props;
:commit
:begin
UNWIND [
{s: 'person/evo_morales', o: 'place/bolivia', sid: 'b176cac20463daf1', props: {predicate: 'returned_to', predicate_lemma: 'return_to', confidence: 0.4, support: 1, negated: true, doc: 'morales-asylum', sentence: 5, evidence: 'Evo Morales returned_to Bolivia.', rule: 'test'}}
] AS row
MATCH (a:Entity {uid: row.s})
MATCH (b:Entity {uid: row.o})
MERGE (a)-[r:`RETURN_TO` {sid: row.sid}]->(b) SET r += row.props;
:commit
:begin
UNWIND [
{s: 'organization/a_b_c_d_e_f_g_h_i_anez_✓', o: 'person/evo_morales', sid: '255bd96ece5dde5e', props: {predicate: 'said', predicate_lemma: 'say', confidence: 0.6, support: 1, negated: false, doc: 'other \"doc\"', sentence: 4, evidence: 'He said: \"no\"\n\tthen <left> & \u0002 went.', rule: 'test'}}
] AS row
MATCH (a:Entity {uid: row.s})
MATCH (b:Entity {uid: row.o})
MERGE (a)-[r:`SAY` {sid: row.sid}]->(b) SET r += row.props;
:commit
