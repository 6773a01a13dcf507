// The model as a whole: clearing it, counting it, its info and revision. The writes and reads of each node kind and
// relationship list are expanded from kinds.template.cypher. Each statement is named by an '@name' line.

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
