// The incomplete-model marker: written before a load (or a restore) touches the model, removed by its last step.
// While it exists the graph holds a model that may be partly written; readiness fails and analyses, simulations and
// exports refuse (docs/reliability.md).

// @name beginLoad
// Also replaces the marker of an earlier load that never finished: the new load takes over.
MERGE (l:LoadState {key: 'load'})
SET l.startedAt = datetime(), l.source = $source, l.reset = $reset, l.command = $command
RETURN toString(l.startedAt) AS startedAt

// @name endLoad
MATCH (l:LoadState {key: 'load'})
DELETE l
RETURN count(*) AS removed

// @name getLoadState
OPTIONAL MATCH (l:LoadState {key: 'load'})
RETURN l IS NOT NULL AS incomplete, toString(l.startedAt) AS startedAt, l.source AS source, l.reset AS reset,
  l.command AS command
