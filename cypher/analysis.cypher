// Reads behind the risk assessment, gap analysis and party role. Every read takes $viewer {admin, party} and applies
// the access rule of access.cypher: {{visible(n)}} to every node, {{visibleRelationship(r, a, b)}} to every
// relationship, whose end nodes must be seen too. Each statement answers in one round trip (COLLECT subqueries).

// @name riskInputs
// Impact criteria, scenarios (with the likelihood revisions the viewer sees) and expert scores, plus the newest
// finished simulation run of each scenario.
RETURN
  COLLECT {
    MATCH (c:ImpactCriterion)
    WHERE {{visible(c)}}
    OPTIONAL MATCH (c)-[:MEASURES]->(v:VitalInterest)
    WITH c, v ORDER BY c.id
    RETURN c {.*, __label: 'ImpactCriterion', vitalInterest: v.id}
  } AS criteria,
  COLLECT {
    MATCH (s:Scenario)
    WHERE {{visible(s)}}
    WITH s ORDER BY s.id
    RETURN s {.*, __label: 'Scenario', likelihoodRevisions: COLLECT {
      MATCH (v:LikelihoodRevision)-[:REVISES]->(s)
      WHERE {{visible(v)}}
      RETURN v {.id, .date, .likelihoodClass, .likelihood}
    }}
  } AS scenarios,
  COLLECT {
    MATCH (s:Scenario)-[r:SCORES]->(c:ImpactCriterion)
    WHERE {{visible(s)}}
      AND {{visible(c)}}
      AND {{visibleRelationship(r, s, c)}}
    RETURN {scenario: s.id, criterion: c.id, value: r.value, class: r.class}
  } AS scores,
  COLLECT {
    MATCH (r:SimulationRun {status: 'done'})-[:SIMULATES]->(s:Scenario)
    WHERE $withRuns
      AND coalesce(r.kind, 'simulation') = 'simulation'
      AND {{visible(s)}}
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
    WHERE {{visible(s)}}
    RETURN s {.*, __label: 'Scenario', regions: [(s)-[:AFFECTS]->(g:Region) | g.id]}
  } AS scenarios,
  COLLECT {
    MATCH (t:Task)
    WHERE {{visible(t)}}
    RETURN t {.*, __label: 'Task'}
  } AS tasks,
  COLLECT {
    MATCH (c:Capability)
    WHERE {{visible(c)}}
    RETURN c {.*, __label: 'Capability'}
  } AS capabilities,
  COLLECT {
    MATCH (p:Party)
    WHERE {{visible(p)}}
    RETURN p {.*, __label: 'Party', partyKind: p.kind, region: head([(p)-[:IN_REGION]->(g:Region) | g.id])}
  } AS parties,
  COLLECT {
    MATCH (a:Scenario)-[r:REQUIRES]->(b:Task)
    WHERE {{visible(a)}}
      AND {{visible(b)}}
      AND {{visibleRelationship(r, a, b)}}
    RETURN {scenario: a.id, task: b.id, demand: r.demand}
  } AS requirements,
  COLLECT {
    MATCH (a:Task)-[r:NEEDS]->(b:Capability)
    WHERE {{visible(a)}}
      AND {{visible(b)}}
      AND {{visibleRelationship(r, a, b)}}
    RETURN {task: a.id, capability: b.id, perUnit: r.perUnit}
  } AS needs,
  COLLECT {
    MATCH (a:Party)-[r:HOLDS]->(b:Capability)
    WHERE {{visible(a)}}
      AND {{visible(b)}}
      AND {{visibleRelationship(r, a, b)}}
    RETURN {
      party: a.id, capability: b.id, capacity: r.capacity, readiness: coalesce(r.readiness, 1.0),
      mobilisationHours: coalesce(r.mobilisationHours, 0.0), region: r.region
    }
  } AS holdings,
  COLLECT {
    MATCH (a:Party)-[r:RESPONSIBLE_FOR]->(b:Entity)
    WHERE {{visible(a)}}
      AND {{visible(b)}}
      AND {{visibleRelationship(r, a, b)}}
    RETURN {party: a.id, target: b.id, role: r.role}
  } AS responsibilities,
  COLLECT {
    MATCH (n:Entity)
    WHERE (n:Threat OR n:Sector OR n:Service OR n:IncidentCategory OR n:VitalInterest OR n:ImpactCriterion)
      AND {{visible(n)}}
    RETURN n {.*, __label: [l IN labels(n) WHERE l <> 'Entity'][0]}
  } AS targets,
  COLLECT {
    MATCH (a:Party)-[r:OPERATES]->(b:Service)
    WHERE {{visible(a)}}
      AND {{visible(b)}}
      AND {{visibleRelationship(r, a, b)}}
    RETURN {party: a.id, service: b.id}
  } AS operations,
  COLLECT {
    MATCH (g:Region)
    WHERE {{visible(g)}}
    RETURN g {.id, .lat, .lon}
  } AS regions,
  COLLECT {
    MATCH (a:Region)-[r:TRAVEL_TIME]->(b:Region)
    WHERE {{visible(a)}}
      AND {{visible(b)}}
      AND {{visibleRelationship(r, a, b)}}
    RETURN {from: a.id, to: b.id, hours: r.hours}
  } AS travelTimes,
  COLLECT {
    MATCH (r:SimulationRun {status: 'done'})-[:SIMULATES]->(s:Scenario)
    WHERE $withRuns
      AND coalesce(r.kind, 'simulation') = 'simulation'
      AND {{visible(s)}}
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
