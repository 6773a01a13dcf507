// Reads behind the GraphQL API. Every read takes $viewer {admin, party} and returns only what that viewer may see:
// public items to all, restricted items to their owner party, everything to admins.

// @name listVitalInterests
MATCH (n:VitalInterest)
WHERE (coalesce(n.classification, 'public') = 'public' OR $viewer.admin OR (n.classification = 'restricted' AND n.owner IS NOT NULL AND n.owner = $viewer.party))
  AND ($search IS NULL OR toLower(n.name) CONTAINS toLower($search) OR toLower(n.id) CONTAINS toLower($search))
RETURN n {.*, __label: 'VitalInterest'} AS node
ORDER BY n.id
SKIP $offset LIMIT $limit

// @name countVitalInterests
MATCH (n:VitalInterest)
WHERE (coalesce(n.classification, 'public') = 'public' OR $viewer.admin OR (n.classification = 'restricted' AND n.owner IS NOT NULL AND n.owner = $viewer.party))
  AND ($search IS NULL OR toLower(n.name) CONTAINS toLower($search) OR toLower(n.id) CONTAINS toLower($search))
RETURN count(n) AS count

// @name listImpactCriteria
MATCH (n:ImpactCriterion)
WHERE (coalesce(n.classification, 'public') = 'public' OR $viewer.admin OR (n.classification = 'restricted' AND n.owner IS NOT NULL AND n.owner = $viewer.party))
  AND ($search IS NULL OR toLower(n.name) CONTAINS toLower($search) OR toLower(n.id) CONTAINS toLower($search))
RETURN n {.*, __label: 'ImpactCriterion'} AS node
ORDER BY n.id
SKIP $offset LIMIT $limit

// @name countImpactCriteria
MATCH (n:ImpactCriterion)
WHERE (coalesce(n.classification, 'public') = 'public' OR $viewer.admin OR (n.classification = 'restricted' AND n.owner IS NOT NULL AND n.owner = $viewer.party))
  AND ($search IS NULL OR toLower(n.name) CONTAINS toLower($search) OR toLower(n.id) CONTAINS toLower($search))
RETURN count(n) AS count

// @name listThreats
MATCH (n:Threat)
WHERE (coalesce(n.classification, 'public') = 'public' OR $viewer.admin OR (n.classification = 'restricted' AND n.owner IS NOT NULL AND n.owner = $viewer.party))
  AND ($search IS NULL OR toLower(n.name) CONTAINS toLower($search) OR toLower(n.id) CONTAINS toLower($search))
RETURN n {.*, __label: 'Threat'} AS node
ORDER BY n.id
SKIP $offset LIMIT $limit

// @name countThreats
MATCH (n:Threat)
WHERE (coalesce(n.classification, 'public') = 'public' OR $viewer.admin OR (n.classification = 'restricted' AND n.owner IS NOT NULL AND n.owner = $viewer.party))
  AND ($search IS NULL OR toLower(n.name) CONTAINS toLower($search) OR toLower(n.id) CONTAINS toLower($search))
RETURN count(n) AS count

// @name listIncidentCategories
MATCH (n:IncidentCategory)
WHERE (coalesce(n.classification, 'public') = 'public' OR $viewer.admin OR (n.classification = 'restricted' AND n.owner IS NOT NULL AND n.owner = $viewer.party))
  AND ($search IS NULL OR toLower(n.name) CONTAINS toLower($search) OR toLower(n.id) CONTAINS toLower($search))
RETURN n {.*, __label: 'IncidentCategory'} AS node
ORDER BY n.id
SKIP $offset LIMIT $limit

// @name countIncidentCategories
MATCH (n:IncidentCategory)
WHERE (coalesce(n.classification, 'public') = 'public' OR $viewer.admin OR (n.classification = 'restricted' AND n.owner IS NOT NULL AND n.owner = $viewer.party))
  AND ($search IS NULL OR toLower(n.name) CONTAINS toLower($search) OR toLower(n.id) CONTAINS toLower($search))
RETURN count(n) AS count

// @name listScenarios
MATCH (n:Scenario)
WHERE (coalesce(n.classification, 'public') = 'public' OR $viewer.admin OR (n.classification = 'restricted' AND n.owner IS NOT NULL AND n.owner = $viewer.party))
  AND ($search IS NULL OR toLower(n.name) CONTAINS toLower($search) OR toLower(n.id) CONTAINS toLower($search))
RETURN n {.*, __label: 'Scenario'} AS node
ORDER BY n.id
SKIP $offset LIMIT $limit

// @name countScenarios
MATCH (n:Scenario)
WHERE (coalesce(n.classification, 'public') = 'public' OR $viewer.admin OR (n.classification = 'restricted' AND n.owner IS NOT NULL AND n.owner = $viewer.party))
  AND ($search IS NULL OR toLower(n.name) CONTAINS toLower($search) OR toLower(n.id) CONTAINS toLower($search))
RETURN count(n) AS count

// @name listSectors
MATCH (n:Sector)
WHERE (coalesce(n.classification, 'public') = 'public' OR $viewer.admin OR (n.classification = 'restricted' AND n.owner IS NOT NULL AND n.owner = $viewer.party))
  AND ($search IS NULL OR toLower(n.name) CONTAINS toLower($search) OR toLower(n.id) CONTAINS toLower($search))
RETURN n {.*, __label: 'Sector'} AS node
ORDER BY n.id
SKIP $offset LIMIT $limit

// @name countSectors
MATCH (n:Sector)
WHERE (coalesce(n.classification, 'public') = 'public' OR $viewer.admin OR (n.classification = 'restricted' AND n.owner IS NOT NULL AND n.owner = $viewer.party))
  AND ($search IS NULL OR toLower(n.name) CONTAINS toLower($search) OR toLower(n.id) CONTAINS toLower($search))
RETURN count(n) AS count

// @name listServices
MATCH (n:Service)
WHERE (coalesce(n.classification, 'public') = 'public' OR $viewer.admin OR (n.classification = 'restricted' AND n.owner IS NOT NULL AND n.owner = $viewer.party))
  AND ($search IS NULL OR toLower(n.name) CONTAINS toLower($search) OR toLower(n.id) CONTAINS toLower($search))
RETURN n {.*, __label: 'Service'} AS node
ORDER BY n.id
SKIP $offset LIMIT $limit

// @name countServices
MATCH (n:Service)
WHERE (coalesce(n.classification, 'public') = 'public' OR $viewer.admin OR (n.classification = 'restricted' AND n.owner IS NOT NULL AND n.owner = $viewer.party))
  AND ($search IS NULL OR toLower(n.name) CONTAINS toLower($search) OR toLower(n.id) CONTAINS toLower($search))
RETURN count(n) AS count

// @name listTasks
MATCH (n:Task)
WHERE (coalesce(n.classification, 'public') = 'public' OR $viewer.admin OR (n.classification = 'restricted' AND n.owner IS NOT NULL AND n.owner = $viewer.party))
  AND ($search IS NULL OR toLower(n.name) CONTAINS toLower($search) OR toLower(n.id) CONTAINS toLower($search))
RETURN n {.*, __label: 'Task'} AS node
ORDER BY n.id
SKIP $offset LIMIT $limit

// @name countTasks
MATCH (n:Task)
WHERE (coalesce(n.classification, 'public') = 'public' OR $viewer.admin OR (n.classification = 'restricted' AND n.owner IS NOT NULL AND n.owner = $viewer.party))
  AND ($search IS NULL OR toLower(n.name) CONTAINS toLower($search) OR toLower(n.id) CONTAINS toLower($search))
RETURN count(n) AS count

// @name listCapabilities
MATCH (n:Capability)
WHERE (coalesce(n.classification, 'public') = 'public' OR $viewer.admin OR (n.classification = 'restricted' AND n.owner IS NOT NULL AND n.owner = $viewer.party))
  AND ($search IS NULL OR toLower(n.name) CONTAINS toLower($search) OR toLower(n.id) CONTAINS toLower($search))
RETURN n {.*, __label: 'Capability'} AS node
ORDER BY n.id
SKIP $offset LIMIT $limit

// @name countCapabilities
MATCH (n:Capability)
WHERE (coalesce(n.classification, 'public') = 'public' OR $viewer.admin OR (n.classification = 'restricted' AND n.owner IS NOT NULL AND n.owner = $viewer.party))
  AND ($search IS NULL OR toLower(n.name) CONTAINS toLower($search) OR toLower(n.id) CONTAINS toLower($search))
RETURN count(n) AS count

// @name listParties
MATCH (n:Party)
WHERE (coalesce(n.classification, 'public') = 'public' OR $viewer.admin OR (n.classification = 'restricted' AND n.owner IS NOT NULL AND n.owner = $viewer.party))
  AND ($search IS NULL OR toLower(n.name) CONTAINS toLower($search) OR toLower(n.id) CONTAINS toLower($search))
RETURN n {.*, __label: 'Party'} AS node
ORDER BY n.id
SKIP $offset LIMIT $limit

// @name countParties
MATCH (n:Party)
WHERE (coalesce(n.classification, 'public') = 'public' OR $viewer.admin OR (n.classification = 'restricted' AND n.owner IS NOT NULL AND n.owner = $viewer.party))
  AND ($search IS NULL OR toLower(n.name) CONTAINS toLower($search) OR toLower(n.id) CONTAINS toLower($search))
RETURN count(n) AS count

// @name nodesByIds
UNWIND $ids AS id
MATCH (n:Entity {id: id})
WHERE (coalesce(n.classification, 'public') = 'public' OR $viewer.admin OR (n.classification = 'restricted' AND n.owner IS NOT NULL AND n.owner = $viewer.party))
RETURN n {.*, __label: [l IN labels(n) WHERE l <> 'Entity'][0]} AS node

// @name relationshipsOut
// Relationships of one type leaving each of $ids, with the node at the other end.
UNWIND $ids AS key
MATCH (a:Entity {id: key})-[r]->(b:Entity)
WHERE type(r) = $type AND (coalesce(b.classification, 'public') = 'public' OR $viewer.admin OR (b.classification = 'restricted' AND b.owner IS NOT NULL AND b.owner = $viewer.party))
  AND (coalesce(r.classification, 'public') = 'public' OR $viewer.admin OR (a.id = $viewer.party OR b.id = $viewer.party))
RETURN key, a.id AS from, b.id AS to, properties(r) AS props, b {.*, __label: [l IN labels(b) WHERE l <> 'Entity'][0]} AS other
ORDER BY key, b.id

// @name relationshipsIn
// Relationships of one type arriving at each of $ids, with the node at the other end.
UNWIND $ids AS key
MATCH (a:Entity)-[r]->(b:Entity {id: key})
WHERE type(r) = $type AND (coalesce(a.classification, 'public') = 'public' OR $viewer.admin OR (a.classification = 'restricted' AND a.owner IS NOT NULL AND a.owner = $viewer.party))
  AND (coalesce(r.classification, 'public') = 'public' OR $viewer.admin OR (a.id = $viewer.party OR b.id = $viewer.party))
RETURN key, a.id AS from, b.id AS to, properties(r) AS props, a {.*, __label: [l IN labels(a) WHERE l <> 'Entity'][0]} AS other
ORDER BY key, a.id

// @name search
// Nodes of any kind whose name or id contains $text.
MATCH (n:Entity)
WHERE (coalesce(n.classification, 'public') = 'public' OR $viewer.admin OR (n.classification = 'restricted' AND n.owner IS NOT NULL AND n.owner = $viewer.party))
  AND (toLower(n.name) CONTAINS toLower($text) OR toLower(n.id) CONTAINS toLower($text))
RETURN n {.*, __label: [l IN labels(n) WHERE l <> 'Entity'][0]} AS node
ORDER BY n.name
LIMIT $limit
