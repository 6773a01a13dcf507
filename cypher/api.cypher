// Reads behind the GraphQL API besides the per-kind ones of kinds.template.cypher. Every read takes $viewer
// {admin, party} and returns only what that viewer may see ({{visible(n)}}, the access rule of access.cypher).

// @name nodesByIds
UNWIND $ids AS id
MATCH (n:Entity {id: id})
WHERE {{visible(n)}}
RETURN n {.*, __label: [l IN labels(n) WHERE l <> 'Entity'][0]} AS node

// @name search
// Nodes of any kind whose name or id contains $text.
MATCH (n:Entity)
WHERE {{visible(n)}}
  AND (toLower(n.name) CONTAINS toLower($text) OR toLower(n.id) CONTAINS toLower($text))
RETURN n {.*, __label: [l IN labels(n) WHERE l <> 'Entity'][0]} AS node
ORDER BY n.name
LIMIT $limit
