// Simulation run records against the real Neo4j: a progress write that meets a finishing run never undoes its end.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testGraph, resetGraph } from '../helpers/graph.js';
import { MODEL } from '../helpers/cache-fixture.js';
import { loadModel } from '../../src/graph/model-repository.js';
import { createRun, getRun, updateRunProgress } from '../../src/graph/run-repository.js';
import { cypher } from '../../src/graph/cypher.js';
import type { Graph } from '../../src/graph/graph.js';

describe('simulation run records', () => {
  let graph: Graph;
  beforeAll(async () => {
    graph = await testGraph();
    await resetGraph(graph);
    await loadModel(graph, MODEL());
  });
  afterAll(async () => {
    await graph.close();
  });

  /** Waits until some transaction waits for a lock (SHOW TRANSACTIONS says 'Blocked by: …'). */
  async function someTransactionBlocked(): Promise<void> {
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      const { records } = await graph.driver.executeQuery(
        "SHOW TRANSACTIONS YIELD status WHERE status STARTS WITH 'Blocked' RETURN count(*) AS blocked",
        {},
        { database: graph.config.database },
      );
      if (Number(records[0]?.get('blocked') ?? 0) > 0) return;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error('the progress write did not wait for the run being finished within 10 s');
  }

  it('keeps a run done when a progress write reaches Neo4j while the run is being finished', async () => {
    const id = await createRun(graph, { scenario: 'sc-flood', parameters: {}, seed: '1', status: 'running' });
    // The run's end, written but not yet committed: it holds the run's write lock.
    const session = graph.driver.session({ database: graph.config.database });
    const finishing = session.beginTransaction();
    try {
      await finishing.run(cypher('runs', 'finishRun'), {
        id,
        status: 'done',
        progress: 1,
        error: null,
        result: JSON.stringify({ totalImpact: { mean: 1 } }),
        totalImpactMean: 1,
        iterationsDone: 5,
      });
      // A job's last progress write (made without waiting for it) arrives now and has to wait for the lock.
      const progress = updateRunProgress(graph, id, 'running', 0.5, 3);
      await someTransactionBlocked();
      await finishing.commit();
      await progress;
    } finally {
      await session.close();
    }
    const run = await getRun(graph, id);
    expect(run?.status, `status of run ${id}`).toBe('done');
    expect(run?.progress, `progress of run ${id}`).toBe(1);
    expect(run?.iterationsDone, `iterationsDone of run ${id}`).toBe(5);
  });

  it('still writes the progress of a run that has not finished', async () => {
    const id = await createRun(graph, { scenario: 'sc-flood', parameters: {}, seed: '1', status: 'queued' });
    await updateRunProgress(graph, id, 'running', 0.25, 2);
    const run = await getRun(graph, id);
    expect(run).toMatchObject({ status: 'running', progress: 0.25, iterationsDone: 2 });
  });
});
