// Writes that Neo4j aborts as deadlock victims are run again (docs/reliability.md, "Concurrent writes that deadlock
// are run again"): against the real Neo4j, and the retry's own rules on their own.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testGraph, resetGraph } from '../helpers/graph.js';
import { loadModel } from '../../src/graph/model-repository.js';
import { retryingDeadlocks, type Graph } from '../../src/graph/graph.js';
import { validateModel } from '../../src/model/validate.js';

const MODEL = validateModel(
  JSON.parse(readFileSync(new URL('../../simulations/examples/two-services.json', import.meta.url), 'utf8')),
);

describe('two transactions that lock two nodes in opposite orders', () => {
  let graph: Graph;
  beforeAll(async () => {
    graph = await testGraph();
    await resetGraph(graph);
    await loadModel(graph, MODEL);
  });
  afterAll(async () => {
    await graph?.close();
  });

  it('both commit: Neo4j aborts one as the deadlock victim and it runs again', async () => {
    const [a, b] = MODEL.services.map((s) => s.id);
    let attempts = 0;
    // Each transaction takes its first lock, then waits until the other holds its first lock too.
    let arrived = 0;
    let release: () => void = () => {};
    const bothHoldOne = new Promise<void>((r) => (release = r));
    const lockBoth = (first: string, second: string) =>
      graph.writeTransaction(async (tx) => {
        attempts++;
        await tx.run('mutations', 'lockNode', { id: first });
        if (++arrived === 2) release();
        await bothHoldOne;
        return (await tx.run('mutations', 'lockNode', { id: second }))[0]?.id;
      });
    const results = await Promise.all([lockBoth(a!, b!), lockBoth(b!, a!)]);
    expect(results).toEqual([b, a]);
    // Two first tries, and at least one more for the victim.
    expect(attempts).toBeGreaterThanOrEqual(3);
  });
});

describe('retryingDeadlocks', () => {
  const deadlock = () =>
    Object.assign(new Error('deadlock'), { code: 'Neo.TransientError.Transaction.DeadlockDetected' });

  it('runs a write again until it no longer deadlocks', async () => {
    let tries = 0;
    const value = await retryingDeadlocks(async () => {
      if (++tries < 4) throw deadlock();
      return 'written';
    });
    expect([value, tries]).toEqual(['written', 4]);
  });

  it('gives up with the deadlock once its time is spent', async () => {
    let tries = 0;
    const began = Date.now();
    await expect(
      retryingDeadlocks(async () => {
        tries++;
        throw deadlock();
      }, 200),
    ).rejects.toMatchObject({ code: 'Neo.TransientError.Transaction.DeadlockDetected' });
    expect(Date.now() - began).toBeGreaterThanOrEqual(200);
    expect(tries).toBeGreaterThan(1);
  });

  it('does not run a write again for any other error', async () => {
    let tries = 0;
    await expect(
      retryingDeadlocks(async () => {
        tries++;
        throw Object.assign(new Error('bad'), { code: 'Neo.ClientError.Statement.SyntaxError' });
      }),
    ).rejects.toThrow('bad');
    expect(tries).toBe(1);
  });
});
