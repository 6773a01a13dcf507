// Faults: Neo4j going away under a running server and coming back; cancelled, shut-down and crashed simulation runs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { testGraph, resetGraph } from '../helpers/graph.js';
import { loadModel } from '../../src/graph/model-repository.js';
import { getRun } from '../../src/graph/run-repository.js';
import { Graph } from '../../src/graph/graph.js';
import { localServerConfig, ROOT } from '../../src/graph/config.js';
import { startLocal, stopLocal } from '../../src/graph/local-server.js';
import { MODEL, liveServer, type LiveServer } from './fixture.js';

const FAULT_PORT = Number(process.env.WEERBAAR_FAULT_NEO4J_PORT ?? 7712);
const FAULT_HOME = resolve(ROOT, '.weerbaar', `neo4j-fault-${FAULT_PORT}`);

async function within<T>(ms: number, p: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const t = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms (hang)`)), ms);
  });
  try {
    return await Promise.race([p, t]);
  } finally {
    clearTimeout(timer);
  }
}

async function ready(live: LiveServer): Promise<number> {
  const res = await fetch(live.url.replace('/graphql', '/ready'), { signal: AbortSignal.timeout(20_000) });
  await res.text();
  return res.status;
}

describe('Neo4j stops under a running server and comes back', () => {
  const cfg = localServerConfig({ port: FAULT_PORT, home: FAULT_HOME });
  let graph: Graph;
  let live: LiveServer;

  beforeAll(async () => {
    await startLocal(cfg);
    graph = new Graph({ config: { uri: `bolt://127.0.0.1:${FAULT_PORT}`, local: true } });
    await graph.ping();
    await graph.applySchema();
    await resetGraph(graph);
    await loadModel(graph, MODEL());
    live = await liveServer(graph, { auth: false });
  }, 300_000);
  afterAll(async () => {
    await live?.shutdown();
    await graph?.close();
    await stopLocal(cfg);
  }, 120_000);

  it(
    'answers 503 on /ready and GRAPH_UNAVAILABLE to queries while it is down, and ' + 'recovers without a restart',
    async () => {
      const q = { query: '{ services { totalCount } }' };
      expect((await live.post(q)).json.data.services.totalCount).toBe(4);
      expect(await ready(live)).toBe(200);

      await stopLocal(cfg, 30_000);
      expect(await within(15_000, ready(live), '/ready')).toBe(503);
      const t0 = Date.now();
      const down = await within(30_000, live.post(q), 'query while Neo4j is down');
      expect(Date.now() - t0).toBeLessThan(30_000);
      expect(down.status).toBeLessThan(500);
      expect(down.json.errors[0].extensions.code).toBe('GRAPH_UNAVAILABLE');
      expect(down.json.errors[0].message).toMatch(/Neo4j is unavailable/);
      const write = await within(
        30_000,
        live.post({ query: 'mutation { createSector(input: { id: "s-x", name: "X" }) { id } }' }),
        'mutation while down',
      );
      expect(write.json.errors[0].extensions.code).toBe('GRAPH_UNAVAILABLE');

      await startLocal(cfg);
      let answer: any;
      for (let i = 0; i < 60; i++) {
        answer = (await live.post(q)).json;
        if (answer.data?.services) break;
        await new Promise((r) => setTimeout(r, 1000));
      }
      expect(answer.data.services.totalCount).toBe(4);
      expect(await ready(live)).toBe(200);
      // The mutation refused while down was not half-applied.
      expect((await live.post({ query: '{ node(id: "s-x") { id } }' })).json.data.node).toBeNull();
      // Stopping and starting Neo4j takes most of this test: on a busy machine a start alone can take a minute. The
      // bounds under test are the ones above (`within`), not the time the restart takes.
    },
    300_000,
  );
});

describe('simulation runs under cancellation, shutdown and a crashed worker', () => {
  let graph: Graph;

  beforeAll(async () => {
    graph = await testGraph();
    await resetGraph(graph);
    await loadModel(graph, MODEL());
  });
  afterAll(async () => {
    delete process.env.WEERBAAR_WORKER_FAULT;
    await graph?.close();
  });

  const start = async (live: LiveServer, workers = 1) => {
    const input = `{ scenario: "blackout", iterations: 100000, seed: "long", workers: ${workers} }`;
    const r = await live.post({ query: `mutation { runSimulation(input: ${input}) { id } }` });
    expect(r.json.errors).toBeUndefined();
    return r.json.data.runSimulation.id as string;
  };
  const status = async (id: string) => (await getRun(graph, id))!;
  async function until(id: string, want: (s: string) => boolean, ms = 60_000) {
    const deadline = Date.now() + ms;
    while (Date.now() < deadline) {
      const run = await status(id);
      if (want(run.status)) return run;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`run ${id} stayed ${(await status(id)).status}`);
  }

  const withWorker = existsSync(join(ROOT, 'dist', 'simulation', 'worker.js'));

  it.skipIf(!withWorker)('cancels a running run and stores it as cancelled', async () => {
    // The run cannot finish before it is cancelled: its worker threads hold until they are terminated.
    process.env.WEERBAAR_WORKER_FAULT = 'hold';
    const live = await liveServer(graph, { auth: false });
    try {
      const id = await start(live, 2);
      await until(id, (s) => s === 'running');
      const r = await live.post({ query: `mutation { cancelSimulation(id: "${id}") { status error } }` });
      expect(r.json.errors).toBeUndefined();
      expect(r.json.data.cancelSimulation.status).toBe('cancelled');
      const stored = await status(id);
      expect([stored.status, stored.error]).toEqual(['cancelled', 'cancelled']);
      expect(stored.iterationsDone).toBeLessThan(100000);
    } finally {
      delete process.env.WEERBAAR_WORKER_FAULT;
      await live.shutdown();
    }
  });

  it.skipIf(!withWorker)('on shutdown cancels the running and the queued runs and records that', async () => {
    // The running run cannot finish before the shutdown: its worker threads hold until they are terminated.
    process.env.WEERBAAR_WORKER_FAULT = 'hold';
    const live = await liveServer(graph, { auth: false });
    let running: string;
    let queued: string;
    try {
      running = await start(live, 2);
      queued = await start(live, 2);
      await until(running, (s) => s === 'running');
      await within(30_000, live.shutdown(), 'shutdown');
    } finally {
      delete process.env.WEERBAAR_WORKER_FAULT;
    }
    const a = await status(running);
    const b = await status(queued);
    expect([a.status, a.error]).toEqual(['cancelled', 'cancelled: the server shut down']);
    expect([b.status, b.error]).toEqual(['cancelled', 'cancelled: the server shut down before it started']);
  });

  it.skipIf(!existsSync(join(ROOT, 'dist', 'simulation', 'worker.js')))(
    'fails a run whose worker thread dies, with a message, and keeps serving',
    async () => {
      const live = await liveServer(graph, { auth: false });
      try {
        process.env.WEERBAAR_WORKER_FAULT = 'exit';
        const r = await live.post({
          query:
            'mutation { runSimulation(input: { scenario: "blackout", iterations: 2000, seed: ' +
            '"crash", workers: 2 }) { id } }',
        });
        expect(r.json.errors).toBeUndefined();
        const run = await until(r.json.data.runSimulation.id, (s) => s === 'failed' || s === 'done');
        expect(run.status).toBe('failed');
        expect(run.error).toMatch(/the simulation failed: simulation worker failed on iterations \d+–\d+/);
        delete process.env.WEERBAAR_WORKER_FAULT;
        // The server and the job queue still work.
        const again = await live.post({
          query:
            'mutation { runSimulation(input: { scenario: "blackout", iterations: 200, seed: ' +
            '"after", workers: 2 }) { id } }',
        });
        expect((await until(again.json.data.runSimulation.id, (s) => s === 'failed' || s === 'done')).status).toBe(
          'done',
        );
      } finally {
        delete process.env.WEERBAAR_WORKER_FAULT;
        await live.shutdown();
      }
    },
  );
});
