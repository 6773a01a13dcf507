// Simulation runs: stored with their parameters and result, linked to the scenario they simulate.

// @name createRun
MATCH (s:Scenario {id: $scenario})
CREATE (r:SimulationRun {
  id: $id, status: $status, progress: 0.0, iterationsDone: 0, parameters: $parameters, seed: $seed,
  codeVersion: $codeVersion, createdAt: datetime(), createdBy: $createdBy, source: $source
})
CREATE (r)-[:SIMULATES]->(s)
RETURN r.id AS id

// @name updateRunProgress
// Progress is written without waiting for it: one that arrives after the run finished changes nothing.
MATCH (r:SimulationRun {id: $id})
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
MATCH (r:SimulationRun {id: $id})
OPTIONAL MATCH (r)-[:SIMULATES]->(s:Scenario)
RETURN r {.*, scenario: s.id, createdAt: toString(r.createdAt), startedAt: toString(r.startedAt), finishedAt: toString(r.finishedAt)} AS run

// @name listRuns
// Only runs of scenarios the viewer may see, so that a page is filled before the limit applies.
MATCH (r:SimulationRun)-[:SIMULATES]->(s:Scenario)
WHERE ($scenario IS NULL OR s.id = $scenario)
  AND {{visible(s)}}
RETURN r {.*, result: null, scenario: s.id, createdAt: toString(r.createdAt), startedAt: toString(r.startedAt), finishedAt: toString(r.finishedAt)} AS run
ORDER BY r.createdAt DESC
LIMIT $limit

// @name latestDoneRunPerScenario
// The newest finished run of each of $scenarios, for simulated impacts beside expert scores.
UNWIND $scenarios AS sid
MATCH (r:SimulationRun {status: 'done'})-[:SIMULATES]->(s:Scenario {id: sid})
WITH s, r ORDER BY r.finishedAt DESC
WITH s, collect(r)[0] AS r
RETURN s.id AS scenario, r.id AS id, r.result AS result

// @name failInterruptedRuns
// Runs left queued or running by a server that stopped without finishing them.
MATCH (r:SimulationRun)
WHERE r.status IN ['queued', 'running'] AND NOT r.id IN $active
SET r.status = 'failed', r.error = 'interrupted: the server stopped before the run finished', r.finishedAt = datetime()
RETURN count(r) AS count
