// Simulation runs: stored with their parameters and result, linked to the scenario they simulate.

// @name createRun
MATCH (s:Scenario {id: $scenario})
CREATE (r:SimulationRun {
  id: $id, status: $status, progress: 0.0, iterationsDone: 0, parameters: $parameters, seed: $seed,
  codeVersion: $codeVersion, createdAt: datetime(), createdBy: $createdBy, source: $source
})
CREATE (r)-[:SIMULATES]->(s)
RETURN r.id AS id

// @name createEvaluationRun
// A run of kind $kind over several scenarios ($scenarios), linked to each; nothing is created when one is unknown.
MATCH (s:Scenario) WHERE s.id IN $scenarios
WITH collect(s) AS scenarios
WHERE size(scenarios) = size($scenarios)
CREATE (r:SimulationRun {
  id: $id, kind: $kind, status: $status, progress: 0.0, iterationsDone: 0, parameters: $parameters, seed: $seed,
  codeVersion: $codeVersion, createdAt: datetime(), createdBy: $createdBy, source: $source
})
FOREACH (s IN scenarios | CREATE (r)-[:SIMULATES]->(s))
RETURN r.id AS id

// @name updateRunProgress
// Progress may reach Neo4j while the run is being finished (finishRun): one that arrives after the run finished
// changes nothing. The run's write lock is taken before its status is read: under Neo4j's read-committed isolation an
// unlocked read may still return the status a concurrent finishRun is replacing, and this write would then put a
// finished run back to 'running' for good (test/graph/runs.int.test.ts).
MATCH (r:SimulationRun {id: $id})
SET r._lock = true
REMOVE r._lock
WITH r
WHERE NOT r.status IN ['done', 'failed', 'cancelled']
SET r.status = $status, r.progress = $progress, r.iterationsDone = $iterationsDone,
    r.startedAt = coalesce(r.startedAt, datetime())
RETURN r.id AS id

// @name finishRun
MATCH (r:SimulationRun {id: $id})
SET r.status = $status, r.progress = $progress, r.finishedAt = datetime(), r.error = $error,
    r.result = $result, r.totalImpactMean = $totalImpactMean, r.iterationsDone = $iterationsDone
RETURN r.id AS id

// @name getRun
// A run of kind 'measure-evaluation' simulates several scenarios; scenario is the first of them by id.
MATCH (r:SimulationRun {id: $id})
OPTIONAL MATCH (r)-[:SIMULATES]->(s:Scenario)
WITH r, s ORDER BY s.id
WITH r, collect(s.id) AS scenarios
RETURN r {.*, kind: coalesce(r.kind, 'simulation'), scenario: scenarios[0], scenarios: scenarios,
  createdAt: toString(r.createdAt), startedAt: toString(r.startedAt), finishedAt: toString(r.finishedAt)} AS run

// @name listRuns
// Only runs all of whose scenarios the viewer may see, so that a page is filled before the limit applies.
MATCH (r:SimulationRun)-[:SIMULATES]->(s:Scenario)
WITH r, s ORDER BY s.id
WITH r, collect(s) AS linked
WHERE ($scenario IS NULL OR any(s IN linked WHERE s.id = $scenario))
  AND all(s IN linked WHERE {{visible(s)}})
RETURN r {.*, result: null, kind: coalesce(r.kind, 'simulation'), scenario: linked[0].id,
  scenarios: [s IN linked | s.id], createdAt: toString(r.createdAt), startedAt: toString(r.startedAt),
  finishedAt: toString(r.finishedAt)} AS run
ORDER BY r.createdAt DESC
LIMIT $limit

// @name latestDoneRunPerScenario
// The newest finished run of each of $scenarios, for simulated impacts beside expert scores (plain simulations only:
// a measure evaluation has no impact of its own).
UNWIND $scenarios AS sid
MATCH (r:SimulationRun {status: 'done'})-[:SIMULATES]->(s:Scenario {id: sid})
WHERE coalesce(r.kind, 'simulation') = 'simulation'
WITH s, r ORDER BY r.finishedAt DESC
WITH s, collect(r)[0] AS r
RETURN s.id AS scenario, r.id AS id, r.result AS result

// @name failInterruptedRuns
// Runs left queued or running by a server that stopped without finishing them.
MATCH (r:SimulationRun)
WHERE r.status IN ['queued', 'running'] AND NOT r.id IN $active
SET r.status = 'failed', r.error = 'interrupted: the server stopped before the run finished', r.finishedAt = datetime()
RETURN count(r) AS count
