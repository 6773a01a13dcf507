// The statements every kind of the catalogue (src/model/kinds.ts) has, written once and expanded per kind at start-up
// by src/graph/statements.ts; callers reach them through statementsFor(kind), e.g. statementsFor(kind).list.
// `// @template <scope> <name>` heads a statement; scope is `node` (each node kind), `reference` (each reference held
// as a node field), `relationship` (each relationship list) or `link` (references and relationship lists: anything
// with a relationship type). Placeholders take identifiers from the catalogue only, never from input:
//   node:         {{list}} {{label}}; {{#refs}}…{{/refs}} repeats per reference field ({{field}} {{type}} {{target}})
//   reference:    {{label}} (the node's) {{type}} {{target}} (label of the referenced kind)
//   relationship: {{type}} {{from}} {{to}} (fields) {{fromLabel}} {{toLabel}} ('Entity' when any or several kinds);
//                 {{#props}}…{{.}}…{{/props}} repeats per property of the format's item (without the two ends),
//                 {{#keyProps}}…{{/keyProps}} per key field kept as a property (a third key, as an effect's party)
//   link:         {{type}}
// Repeats are joined by ', '. {{visible(n)}} is the access rule of access.cypher. Rows ($rows) are one batch.

// ---------------------------------------------------------------- node kinds

// @template node constraint
// Applied with cypher/schema.cypher at every start.
CREATE CONSTRAINT {{list}}_id IF NOT EXISTS FOR (n:{{label}}) REQUIRE n.id IS UNIQUE

// @template node merge
// Creates or replaces nodes by id (loading into a graph that holds a model, updates).
UNWIND $rows AS row
MERGE (n:{{label}} {id: row.id})
SET n = row.props, n:Entity

// @template node create
// Into a graph that holds no model yet: CREATE, the uniqueness constraints refuse duplicate ids. Returns each new
// node's element id, in the order of $rows: the load's later statements find the node by it (reference create,
// relationship create), a direct lookup instead of a seek in the id index with its locks.
UNWIND $rows AS row
CREATE (n:{{label}}:Entity)
SET n = row.props
RETURN elementId(n) AS element

// @template node export
// Properties, and per reference field the ids it points at.
MATCH (n:{{label}})
RETURN properties(n) AS props, { {{#refs}}`{{field}}`: [(n)-[:{{type}}]->(t:{{target}}) | t.id]{{/refs}} } AS refs
ORDER BY n.id

// @template node list
MATCH (n:{{label}})
WHERE {{visible(n)}}
  AND ($search IS NULL OR toLower(n.name) CONTAINS toLower($search) OR toLower(n.id) CONTAINS toLower($search))
RETURN n {.*, __label: '{{label}}'} AS node
ORDER BY n.id
SKIP $offset LIMIT $limit

// @template node count
MATCH (n:{{label}})
WHERE {{visible(n)}}
  AND ($search IS NULL OR toLower(n.name) CONTAINS toLower($search) OR toLower(n.id) CONTAINS toLower($search))
RETURN count(n) AS count

// @template node get
MATCH (n:{{label}} {id: $id})
RETURN properties(n) AS props

// @template node delete
MATCH (n:{{label}} {id: $id})
WITH n, count { (n)--() } AS relationships
DETACH DELETE n
RETURN relationships

// ---------------------------------------------------------------- references held as node fields

// @template reference link
// Replaces the node's references with the given ones.
UNWIND $rows AS row
MATCH (n:{{label}} {id: row.id})
OPTIONAL MATCH (n)-[old:{{type}}]->(:{{target}})
DELETE old
WITH DISTINCT n, row
UNWIND row.refs AS ref
MATCH (t:{{target}} {id: ref})
MERGE (n)-[:{{type}}]->(t)

// @template reference create
// Into a graph that holds no model yet: no old references to remove. The nodes by the element ids their creation
// returned (node create): row.node the referring node's, row.refs those of the nodes it refers to.
UNWIND $rows AS row
MATCH (n:{{label}})
  WHERE elementId(n) = row.node
UNWIND row.refs AS ref
MATCH (t:{{target}})
  WHERE elementId(t) = ref
CREATE (n)-[:{{type}}]->(t)

// @template reference get
// The ids one node refers to (its sector, its threats, …).
MATCH (n:Entity {id: $id})-[:{{type}}]->(t:Entity)
RETURN t.id AS id
ORDER BY t.id

// ---------------------------------------------------------------- relationship lists

// @template relationship merge
UNWIND $rows AS row
MATCH (a:{{fromLabel}} {id: row.{{from}}})
MATCH (b:{{toLabel}} {id: row.{{to}}})
MERGE (a)-[r:{{type}} { {{#keyProps}}`{{.}}`: row.props.`{{.}}`{{/keyProps}} }]->(b)
SET r = row.props

// @template relationship create
// Into a graph that holds no model yet. A batch comes as parallel lists, the i-th relationship from the i-th entry
// of each (less for the driver to encode than a map per row): $from and $to the element ids of the two ends, as their
// creation returned them (node create), and $props.<field> the values of one property (null where an item has
// none: not stored). Properties named one by one: unlike SET r = …, that needs no Eager step
// (test/graph/bulk-cypher.test.ts checks that every field of the format is named).
UNWIND range(0, size($from) - 1) AS i
MATCH (a:{{fromLabel}})
  WHERE elementId(a) = $from[i]
MATCH (b:{{toLabel}})
  WHERE elementId(b) = $to[i]
CREATE (a)-[:{{type}} { {{#props}}`{{.}}`: $props.`{{.}}`[i]{{/props}} }]->(b)

// @template relationship export
MATCH (a:{{fromLabel}})-[r:{{type}}]->(b:{{toLabel}})
RETURN a.id AS `{{from}}`, b.id AS `{{to}}`, properties(r) AS props
ORDER BY a.id, b.id

// @template relationship get
// $match: the key fields kept as properties (keyProps), {} for a list without them.
MATCH (a:Entity {id: $from})-[r:{{type}}]->(b:Entity {id: $to})
WHERE all(k IN keys($match) WHERE r[k] = $match[k])
RETURN properties(r) AS props, b {.*, __label: [l IN labels(b) WHERE l <> 'Entity'][0]} AS other

// @template relationship delete
MATCH (a:Entity {id: $from})-[r:{{type}}]->(b:Entity {id: $to})
WHERE all(k IN keys($match) WHERE r[k] = $match[k])
DELETE r
RETURN count(*) AS deleted

// ---------------------------------------------------------------- reads of any relationship type, both directions

// @template link out
// Relationships leaving each of $ids, with the node at the other end, as the viewer may see them.
UNWIND $ids AS key
MATCH (a:Entity {id: key})-[r:{{type}}]->(b:Entity)
WHERE {{visible(b)}}
  AND {{visibleRelationship(r, a, b)}}
RETURN key, a.id AS from, b.id AS to, properties(r) AS props,
       b {.*, __label: [l IN labels(b) WHERE l <> 'Entity'][0]} AS other
ORDER BY key, b.id

// @template link in
// Relationships arriving at each of $ids, with the node at the other end, as the viewer may see them.
UNWIND $ids AS key
MATCH (a:Entity)-[r:{{type}}]->(b:Entity {id: key})
WHERE {{visible(a)}}
  AND {{visibleRelationship(r, a, b)}}
RETURN key, a.id AS from, b.id AS to, properties(r) AS props,
       a {.*, __label: [l IN labels(a) WHERE l <> 'Entity'][0]} AS other
ORDER BY key, a.id
