// Constraints and indexes, applied idempotently at every start.
// Ids are unique across the whole model: every model node also carries the Entity label.
CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT vitalInterests_id IF NOT EXISTS FOR (n:VitalInterest) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT impactCriteria_id IF NOT EXISTS FOR (n:ImpactCriterion) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT threats_id IF NOT EXISTS FOR (n:Threat) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT incidentCategories_id IF NOT EXISTS FOR (n:IncidentCategory) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT scenarios_id IF NOT EXISTS FOR (n:Scenario) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT sectors_id IF NOT EXISTS FOR (n:Sector) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT services_id IF NOT EXISTS FOR (n:Service) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT tasks_id IF NOT EXISTS FOR (n:Task) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT capabilities_id IF NOT EXISTS FOR (n:Capability) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT parties_id IF NOT EXISTS FOR (n:Party) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT simulation_run_id IF NOT EXISTS FOR (n:SimulationRun) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT model_info_key IF NOT EXISTS FOR (n:ModelInfo) REQUIRE n.key IS UNIQUE;
CREATE INDEX entity_name IF NOT EXISTS FOR (n:Entity) ON (n.name);
CREATE INDEX entity_classification IF NOT EXISTS FOR (n:Entity) ON (n.classification);
CREATE INDEX party_kind IF NOT EXISTS FOR (n:Party) ON (n.kind);
CREATE INDEX simulation_run_status IF NOT EXISTS FOR (n:SimulationRun) ON (n.status);
CREATE INDEX audit_at IF NOT EXISTS FOR (n:AuditEntry) ON (n.at);

// Planning cycles (cypher/cycles.cypher): one per id.
CREATE CONSTRAINT cycle_id IF NOT EXISTS FOR (c:Cycle) REQUIRE c.id IS UNIQUE;
