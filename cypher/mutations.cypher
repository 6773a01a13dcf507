// Single-item writes behind the GraphQL mutations besides the per-kind ones of kinds.template.cypher.

// @name kindsOf
// The kind (label) of each of $ids that exists.
UNWIND $ids AS id
MATCH (n:Entity {id: id})
RETURN n.id AS id, [l IN labels(n) WHERE l <> 'Entity'][0] AS kind

// @name visibleKindsOf
// The kind of each of $ids that exists and that $viewer may see: the reference check of writes, where a reference to a
// hidden node reads as one to an unknown id, so a write never reveals that a hidden id exists or what kind it is.
UNWIND $ids AS id
MATCH (n:Entity {id: id})
WHERE {{visible(n)}}
RETURN n.id AS id, [l IN labels(n) WHERE l <> 'Entity'][0] AS kind

// @name lockNode
// Takes a write lock on a node so that concurrent changes to its relationships queue up instead of racing.
MATCH (n:Entity {id: $id})
SET n._lock = true
REMOVE n._lock
RETURN n.id AS id
