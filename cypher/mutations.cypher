// Single-item writes behind the GraphQL mutations; the bulk statements of model.cypher do the node and relationship writes.

// @name kindsOf
// The kind (label) of each of $ids that exists.
UNWIND $ids AS id
MATCH (n:Entity {id: id})
RETURN n.id AS id, [l IN labels(n) WHERE l <> 'Entity'][0] AS kind

// @name getNode
MATCH (n:Entity {id: $id})
WHERE $label IN labels(n)
RETURN properties(n) AS props

// @name getReferences
// The ids a node refers to through one relationship type (its sector, its threats, …).
MATCH (n:Entity {id: $id})-[r]->(t:Entity)
WHERE type(r) = $type
RETURN t.id AS id
ORDER BY t.id

// @name deleteNode
MATCH (n:Entity {id: $id})
WHERE $label IN labels(n)
WITH n, count { (n)--() } AS relationships
DETACH DELETE n
RETURN relationships

// @name getRelationship
MATCH (a:Entity {id: $from})-[r]->(b:Entity {id: $to})
WHERE type(r) = $type
RETURN properties(r) AS props, b {.*, __label: [l IN labels(b) WHERE l <> 'Entity'][0]} AS other

// @name deleteRelationship
MATCH (a:Entity {id: $from})-[r]->(b:Entity {id: $to})
WHERE type(r) = $type
DELETE r
RETURN count(*) AS deleted

// @name lockNode
// Takes a write lock on a node so that concurrent changes to its relationships queue up instead of racing.
MATCH (n:Entity {id: $id})
SET n._lock = true
REMOVE n._lock
RETURN n.id AS id
