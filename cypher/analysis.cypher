// Reads behind the risk assessment, gap analysis and party role. Every read takes $viewer {admin, party} and applies
// the rule of api.cypher: a node is seen when public, when the viewer is admin, or when restricted and owned by the
// viewer's party; a relationship is seen when public, to admins, or when the viewer's party is one of its ends —
// and only when both its end nodes are seen. Each statement answers in one round trip (COLLECT subqueries).

// @name riskInputs
// Impact criteria, scenarios and expert scores, plus the newest finished simulation run of each scenario.
RETURN
  COLLECT {
    MATCH (c:ImpactCriterion)
    WHERE (coalesce(c.classification, 'public') = 'public' OR $viewer.admin OR (c.classification = 'restricted' AND c.owner IS NOT NULL AND c.owner = $viewer.party))
    OPTIONAL MATCH (c)-[:MEASURES]->(v:VitalInterest)
    WITH c, v ORDER BY c.id
    RETURN c {.*, __label: 'ImpactCriterion', vitalInterest: v.id}
  } AS criteria,
  COLLECT {
    MATCH (s:Scenario)
    WHERE (coalesce(s.classification, 'public') = 'public' OR $viewer.admin OR (s.classification = 'restricted' AND s.owner IS NOT NULL AND s.owner = $viewer.party))
    WITH s ORDER BY s.id
    RETURN s {.*, __label: 'Scenario'}
  } AS scenarios,
  COLLECT {
    MATCH (s:Scenario)-[r:SCORES]->(c:ImpactCriterion)
    WHERE (coalesce(s.classification, 'public') = 'public' OR $viewer.admin OR (s.classification = 'restricted' AND s.owner IS NOT NULL AND s.owner = $viewer.party))
      AND (coalesce(c.classification, 'public') = 'public' OR $viewer.admin OR (c.classification = 'restricted' AND c.owner IS NOT NULL AND c.owner = $viewer.party))
      AND (coalesce(r.classification, 'public') = 'public' OR $viewer.admin OR s.id = $viewer.party OR c.id = $viewer.party)
    RETURN {scenario: s.id, criterion: c.id, value: r.value, class: r.class}
  } AS scores,
  COLLECT {
    MATCH (r:SimulationRun {status: 'done'})-[:SIMULATES]->(s:Scenario)
    WHERE $withRuns
      AND (coalesce(s.classification, 'public') = 'public' OR $viewer.admin OR (s.classification = 'restricted' AND s.owner IS NOT NULL AND s.owner = $viewer.party))
    WITH s, r ORDER BY r.finishedAt DESC
    WITH s, collect(r)[0] AS r
    RETURN {scenario: s.id, id: r.id, result: r.result}
  } AS runs

// @name planningInputs
// Everything the capability balance needs: scenarios, tasks, capabilities, parties, the REQUIRES / NEEDS / HOLDS /
// RESPONSIBLE_FOR / OPERATES relationships, and the other nodes a responsibility may point at (targets; with the lists
// above they are every node a lead may be for).
RETURN
  COLLECT {
    MATCH (s:Scenario)
    WHERE (coalesce(s.classification, 'public') = 'public' OR $viewer.admin OR (s.classification = 'restricted' AND s.owner IS NOT NULL AND s.owner = $viewer.party))
    RETURN s {.*, __label: 'Scenario'}
  } AS scenarios,
  COLLECT {
    MATCH (t:Task)
    WHERE (coalesce(t.classification, 'public') = 'public' OR $viewer.admin OR (t.classification = 'restricted' AND t.owner IS NOT NULL AND t.owner = $viewer.party))
    RETURN t {.*, __label: 'Task'}
  } AS tasks,
  COLLECT {
    MATCH (c:Capability)
    WHERE (coalesce(c.classification, 'public') = 'public' OR $viewer.admin OR (c.classification = 'restricted' AND c.owner IS NOT NULL AND c.owner = $viewer.party))
    RETURN c {.*, __label: 'Capability'}
  } AS capabilities,
  COLLECT {
    MATCH (p:Party)
    WHERE (coalesce(p.classification, 'public') = 'public' OR $viewer.admin OR (p.classification = 'restricted' AND p.owner IS NOT NULL AND p.owner = $viewer.party))
    RETURN p {.*, __label: 'Party', partyKind: p.kind}
  } AS parties,
  COLLECT {
    MATCH (a:Scenario)-[r:REQUIRES]->(b:Task)
    WHERE (coalesce(a.classification, 'public') = 'public' OR $viewer.admin OR (a.classification = 'restricted' AND a.owner IS NOT NULL AND a.owner = $viewer.party))
      AND (coalesce(b.classification, 'public') = 'public' OR $viewer.admin OR (b.classification = 'restricted' AND b.owner IS NOT NULL AND b.owner = $viewer.party))
      AND (coalesce(r.classification, 'public') = 'public' OR $viewer.admin OR a.id = $viewer.party OR b.id = $viewer.party)
    RETURN {scenario: a.id, task: b.id, demand: r.demand}
  } AS requirements,
  COLLECT {
    MATCH (a:Task)-[r:NEEDS]->(b:Capability)
    WHERE (coalesce(a.classification, 'public') = 'public' OR $viewer.admin OR (a.classification = 'restricted' AND a.owner IS NOT NULL AND a.owner = $viewer.party))
      AND (coalesce(b.classification, 'public') = 'public' OR $viewer.admin OR (b.classification = 'restricted' AND b.owner IS NOT NULL AND b.owner = $viewer.party))
      AND (coalesce(r.classification, 'public') = 'public' OR $viewer.admin OR a.id = $viewer.party OR b.id = $viewer.party)
    RETURN {task: a.id, capability: b.id, perUnit: r.perUnit}
  } AS needs,
  COLLECT {
    MATCH (a:Party)-[r:HOLDS]->(b:Capability)
    WHERE (coalesce(a.classification, 'public') = 'public' OR $viewer.admin OR (a.classification = 'restricted' AND a.owner IS NOT NULL AND a.owner = $viewer.party))
      AND (coalesce(b.classification, 'public') = 'public' OR $viewer.admin OR (b.classification = 'restricted' AND b.owner IS NOT NULL AND b.owner = $viewer.party))
      AND (coalesce(r.classification, 'public') = 'public' OR $viewer.admin OR a.id = $viewer.party OR b.id = $viewer.party)
    RETURN {party: a.id, capability: b.id, capacity: r.capacity, readiness: coalesce(r.readiness, 1.0)}
  } AS holdings,
  COLLECT {
    MATCH (a:Party)-[r:RESPONSIBLE_FOR]->(b:Entity)
    WHERE (coalesce(a.classification, 'public') = 'public' OR $viewer.admin OR (a.classification = 'restricted' AND a.owner IS NOT NULL AND a.owner = $viewer.party))
      AND (coalesce(b.classification, 'public') = 'public' OR $viewer.admin OR (b.classification = 'restricted' AND b.owner IS NOT NULL AND b.owner = $viewer.party))
      AND (coalesce(r.classification, 'public') = 'public' OR $viewer.admin OR a.id = $viewer.party OR b.id = $viewer.party)
    RETURN {party: a.id, target: b.id, role: r.role}
  } AS responsibilities,
  COLLECT {
    MATCH (n:Entity)
    WHERE (n:Threat OR n:Sector OR n:Service OR n:IncidentCategory OR n:VitalInterest OR n:ImpactCriterion)
      AND (coalesce(n.classification, 'public') = 'public' OR $viewer.admin OR (n.classification = 'restricted' AND n.owner IS NOT NULL AND n.owner = $viewer.party))
    RETURN n {.*, __label: [l IN labels(n) WHERE l <> 'Entity'][0]}
  } AS targets,
  COLLECT {
    MATCH (a:Party)-[r:OPERATES]->(b:Service)
    WHERE (coalesce(a.classification, 'public') = 'public' OR $viewer.admin OR (a.classification = 'restricted' AND a.owner IS NOT NULL AND a.owner = $viewer.party))
      AND (coalesce(b.classification, 'public') = 'public' OR $viewer.admin OR (b.classification = 'restricted' AND b.owner IS NOT NULL AND b.owner = $viewer.party))
      AND (coalesce(r.classification, 'public') = 'public' OR $viewer.admin OR a.id = $viewer.party OR b.id = $viewer.party)
    RETURN {party: a.id, service: b.id}
  } AS operations,
  COLLECT {
    MATCH (r:SimulationRun {status: 'done'})-[:SIMULATES]->(s:Scenario)
    WHERE $withRuns
      AND (coalesce(s.classification, 'public') = 'public' OR $viewer.admin OR (s.classification = 'restricted' AND s.owner IS NOT NULL AND s.owner = $viewer.party))
    WITH s, r ORDER BY r.finishedAt DESC
    WITH s, collect(r)[0] AS r
    RETURN {scenario: s.id, id: r.id, result: r.result}
  } AS runs

// @name modelRevision
// What analysis results depend on besides the viewer, read cheaply before every use of the analysis cache: the model
// revision (bumped in the same transaction by every model write, model.cypher bumpModelRevision) and a fingerprint of
// the finished simulation runs (runs are written by runs.cypher, which does not bump the revision); and whether a load
// is unfinished (load-state.cypher), in which case analyses refuse.
OPTIONAL MATCH (m:ModelInfo {key: 'model'})
WITH m.epoch AS epoch, m.revision AS revision
CALL {
  MATCH (r:SimulationRun) WHERE r.status = 'done'
  RETURN count(r) AS runs, toString(max(r.finishedAt)) AS lastRun
}
OPTIONAL MATCH (l:LoadState {key: 'load'})
RETURN epoch, revision, runs, lastRun,
  l IS NOT NULL AS incomplete, toString(l.startedAt) AS startedAt, l.source AS source
