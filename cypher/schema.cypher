// Constraints and indexes, applied idempotently at every start; each node kind's own id constraint is expanded from
// kinds.template.cypher (node constraint) and applied after these.
// Ids are unique across the whole model: every model node also carries the Entity label.
CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT simulation_run_id IF NOT EXISTS FOR (n:SimulationRun) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT model_info_key IF NOT EXISTS FOR (n:ModelInfo) REQUIRE n.key IS UNIQUE;
CREATE INDEX entity_name IF NOT EXISTS FOR (n:Entity) ON (n.name);
CREATE INDEX entity_classification IF NOT EXISTS FOR (n:Entity) ON (n.classification);
CREATE INDEX party_kind IF NOT EXISTS FOR (n:Party) ON (n.kind);
CREATE INDEX simulation_run_status IF NOT EXISTS FOR (n:SimulationRun) ON (n.status);
CREATE INDEX audit_at IF NOT EXISTS FOR (n:AuditEntry) ON (n.at);

// Planning cycles (cypher/cycles.cypher): one per id.
CREATE CONSTRAINT cycle_id IF NOT EXISTS FOR (c:Cycle) REQUIRE c.id IS UNIQUE;
