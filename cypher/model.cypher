// The model in the graph: batched, parameterised writes and reads for every node kind and relationship list.
// Each statement is named by an '@name' line; src/graph/cypher.ts loads them by name. $rows is one batch.

// @name mergeVitalInterests
UNWIND $rows AS row
MERGE (n:VitalInterest {id: row.id})
SET n = row.props, n:Entity

// @name mergeImpactCriteria
UNWIND $rows AS row
MERGE (n:ImpactCriterion {id: row.id})
SET n = row.props, n:Entity

// @name mergeThreats
UNWIND $rows AS row
MERGE (n:Threat {id: row.id})
SET n = row.props, n:Entity

// @name mergeIncidentCategories
UNWIND $rows AS row
MERGE (n:IncidentCategory {id: row.id})
SET n = row.props, n:Entity

// @name mergeScenarios
UNWIND $rows AS row
MERGE (n:Scenario {id: row.id})
SET n = row.props, n:Entity

// @name mergeSectors
UNWIND $rows AS row
MERGE (n:Sector {id: row.id})
SET n = row.props, n:Entity

// @name mergeServices
UNWIND $rows AS row
MERGE (n:Service {id: row.id})
SET n = row.props, n:Entity

// @name mergeTasks
UNWIND $rows AS row
MERGE (n:Task {id: row.id})
SET n = row.props, n:Entity

// @name mergeCapabilities
UNWIND $rows AS row
MERGE (n:Capability {id: row.id})
SET n = row.props, n:Entity

// @name mergeParties
UNWIND $rows AS row
MERGE (n:Party {id: row.id})
SET n = row.props, n:Entity

// @name linkImpactCriteriaVitalInterest
// Replaces the node's references with the given ones.
UNWIND $rows AS row
MATCH (n:ImpactCriterion {id: row.id})
OPTIONAL MATCH (n)-[old:MEASURES]->(:VitalInterest)
DELETE old
WITH DISTINCT n, row
UNWIND row.refs AS ref
MATCH (t:VitalInterest {id: ref})
MERGE (n)-[:MEASURES]->(t)

// @name linkIncidentCategoriesThreats
// Replaces the node's references with the given ones.
UNWIND $rows AS row
MATCH (n:IncidentCategory {id: row.id})
OPTIONAL MATCH (n)-[old:OF_THREAT]->(:Threat)
DELETE old
WITH DISTINCT n, row
UNWIND row.refs AS ref
MATCH (t:Threat {id: ref})
MERGE (n)-[:OF_THREAT]->(t)

// @name linkScenariosIncidentCategory
// Replaces the node's references with the given ones.
UNWIND $rows AS row
MATCH (n:Scenario {id: row.id})
OPTIONAL MATCH (n)-[old:INSTANCE_OF]->(:IncidentCategory)
DELETE old
WITH DISTINCT n, row
UNWIND row.refs AS ref
MATCH (t:IncidentCategory {id: ref})
MERGE (n)-[:INSTANCE_OF]->(t)

// @name linkServicesSector
// Replaces the node's references with the given ones.
UNWIND $rows AS row
MATCH (n:Service {id: row.id})
OPTIONAL MATCH (n)-[old:PART_OF]->(:Sector)
DELETE old
WITH DISTINCT n, row
UNWIND row.refs AS ref
MATCH (t:Sector {id: ref})
MERGE (n)-[:PART_OF]->(t)

// @name mergeDependencies
UNWIND $rows AS row
MATCH (a:Service {id: row.from})
MATCH (b:Service {id: row.to})
MERGE (a)-[r:DEPENDS_ON]->(b)
SET r = row.props

// @name mergeDisruptions
UNWIND $rows AS row
MATCH (a:Scenario {id: row.scenario})
MATCH (b:Service {id: row.service})
MERGE (a)-[r:DISRUPTS]->(b)
SET r = row.props

// @name mergeRequirements
UNWIND $rows AS row
MATCH (a:Scenario {id: row.scenario})
MATCH (b:Task {id: row.task})
MERGE (a)-[r:REQUIRES]->(b)
SET r = row.props

// @name mergeTriggers
UNWIND $rows AS row
MATCH (a:Service {id: row.service})
MATCH (b:Task {id: row.task})
MERGE (a)-[r:TRIGGERS]->(b)
SET r = row.props

// @name mergeNeeds
UNWIND $rows AS row
MATCH (a:Task {id: row.task})
MATCH (b:Capability {id: row.capability})
MERGE (a)-[r:NEEDS]->(b)
SET r = row.props

// @name mergeHoldings
UNWIND $rows AS row
MATCH (a:Party {id: row.party})
MATCH (b:Capability {id: row.capability})
MERGE (a)-[r:HOLDS]->(b)
SET r = row.props

// @name mergeMitigations
UNWIND $rows AS row
MATCH (a:Capability {id: row.capability})
MATCH (b:Service {id: row.service})
MERGE (a)-[r:MITIGATES]->(b)
SET r = row.props

// @name mergeResponsibilities
UNWIND $rows AS row
MATCH (a:Party {id: row.party})
MATCH (b:Entity {id: row.target})
MERGE (a)-[r:RESPONSIBLE_FOR]->(b)
SET r = row.props

// @name mergeOperations
UNWIND $rows AS row
MATCH (a:Party {id: row.party})
MATCH (b:Service {id: row.service})
MERGE (a)-[r:OPERATES]->(b)
SET r = row.props

// @name mergeScores
UNWIND $rows AS row
MATCH (a:Scenario {id: row.scenario})
MATCH (b:ImpactCriterion {id: row.criterion})
MERGE (a)-[r:SCORES]->(b)
SET r = row.props

// @name mergeConsequences
UNWIND $rows AS row
MATCH (a:Entity {id: row.from})
MATCH (b:ImpactCriterion {id: row.criterion})
MERGE (a)-[r:CAUSES]->(b)
SET r = row.props

// @name exportVitalInterests
MATCH (n:VitalInterest)
RETURN properties(n) AS props, [] AS refs
ORDER BY n.id

// @name exportImpactCriteria
MATCH (n:ImpactCriterion)
RETURN properties(n) AS props, [(n)-[:MEASURES]->(t:VitalInterest) | t.id] AS refs
ORDER BY n.id

// @name exportThreats
MATCH (n:Threat)
RETURN properties(n) AS props, [] AS refs
ORDER BY n.id

// @name exportIncidentCategories
MATCH (n:IncidentCategory)
RETURN properties(n) AS props, [(n)-[:OF_THREAT]->(t:Threat) | t.id] AS refs
ORDER BY n.id

// @name exportScenarios
MATCH (n:Scenario)
RETURN properties(n) AS props, [(n)-[:INSTANCE_OF]->(t:IncidentCategory) | t.id] AS refs
ORDER BY n.id

// @name exportSectors
MATCH (n:Sector)
RETURN properties(n) AS props, [] AS refs
ORDER BY n.id

// @name exportServices
MATCH (n:Service)
RETURN properties(n) AS props, [(n)-[:PART_OF]->(t:Sector) | t.id] AS refs
ORDER BY n.id

// @name exportTasks
MATCH (n:Task)
RETURN properties(n) AS props, [] AS refs
ORDER BY n.id

// @name exportCapabilities
MATCH (n:Capability)
RETURN properties(n) AS props, [] AS refs
ORDER BY n.id

// @name exportParties
MATCH (n:Party)
RETURN properties(n) AS props, [] AS refs
ORDER BY n.id

// @name exportDependencies
MATCH (a:Service)-[r:DEPENDS_ON]->(b:Service)
RETURN a.id AS `from`, b.id AS `to`, properties(r) AS props
ORDER BY a.id, b.id

// @name exportDisruptions
MATCH (a:Scenario)-[r:DISRUPTS]->(b:Service)
RETURN a.id AS `scenario`, b.id AS `service`, properties(r) AS props
ORDER BY a.id, b.id

// @name exportRequirements
MATCH (a:Scenario)-[r:REQUIRES]->(b:Task)
RETURN a.id AS `scenario`, b.id AS `task`, properties(r) AS props
ORDER BY a.id, b.id

// @name exportTriggers
MATCH (a:Service)-[r:TRIGGERS]->(b:Task)
RETURN a.id AS `service`, b.id AS `task`, properties(r) AS props
ORDER BY a.id, b.id

// @name exportNeeds
MATCH (a:Task)-[r:NEEDS]->(b:Capability)
RETURN a.id AS `task`, b.id AS `capability`, properties(r) AS props
ORDER BY a.id, b.id

// @name exportHoldings
MATCH (a:Party)-[r:HOLDS]->(b:Capability)
RETURN a.id AS `party`, b.id AS `capability`, properties(r) AS props
ORDER BY a.id, b.id

// @name exportMitigations
MATCH (a:Capability)-[r:MITIGATES]->(b:Service)
RETURN a.id AS `capability`, b.id AS `service`, properties(r) AS props
ORDER BY a.id, b.id

// @name exportResponsibilities
MATCH (a:Party)-[r:RESPONSIBLE_FOR]->(b:Entity)
RETURN a.id AS `party`, b.id AS `target`, properties(r) AS props
ORDER BY a.id, b.id

// @name exportOperations
MATCH (a:Party)-[r:OPERATES]->(b:Service)
RETURN a.id AS `party`, b.id AS `service`, properties(r) AS props
ORDER BY a.id, b.id

// @name exportScores
MATCH (a:Scenario)-[r:SCORES]->(b:ImpactCriterion)
RETURN a.id AS `scenario`, b.id AS `criterion`, properties(r) AS props
ORDER BY a.id, b.id

// @name exportConsequences
MATCH (a:Entity)-[r:CAUSES]->(b:ImpactCriterion)
RETURN a.id AS `from`, b.id AS `criterion`, properties(r) AS props
ORDER BY a.id, b.id

// @name deleteModelBatch
// Deletes up to $limit model nodes with their relationships; called until it returns 0.
MATCH (n:Entity)
WITH n LIMIT $limit
DETACH DELETE n
RETURN count(*) AS deleted

// @name countEntities
MATCH (n:Entity) RETURN count(n) AS count

// @name setModelInfo
// Also bumps the model revision (see bumpModelRevision): the last write of a load.
MERGE (m:ModelInfo {key: 'model'})
SET m.name = $name, m.description = $description, m.version = $version, m.loadedAt = datetime(),
    m.epoch = coalesce(m.epoch, randomUUID()), m.revision = coalesce(m.revision, 0) + 1

// @name bumpModelRevision
// Every write to the model runs this in its own transaction, so that (epoch, revision) changes whenever the model may
// have changed; caches of analysis results are keyed by it (analysis.cypher modelRevision). `version` is the model
// document's own version string, hence the separate `revision`. The epoch is new whenever the node is (re)created
// (deleteRunsAndAudit removes it), so a restarted counter never repeats an earlier (epoch, revision).
MERGE (m:ModelInfo {key: 'model'})
SET m.epoch = coalesce(m.epoch, randomUUID()), m.revision = coalesce(m.revision, 0) + 1
RETURN m.revision AS revision

// @name getModelInfo
MATCH (m:ModelInfo {key: 'model'}) RETURN m.name AS name, m.description AS description, m.version AS version

// @name deleteRunsAndAudit
MATCH (n) WHERE n:SimulationRun OR n:AuditEntry OR n:ModelInfo
DETACH DELETE n
