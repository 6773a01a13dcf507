// kill -9 of the server (the real CLI, `weerbaar serve`) during a burst of mutations and during a simulation:
// nothing acknowledged is lost, nothing is half-written, the interrupted run is marked failed with the reason at the
// next start and can be run again from its stored definition with one call.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testGraph, resetGraph } from '../helpers/graph.js';
import { loadModel } from '../../src/graph/model-repository.js';
import { getRun } from '../../src/graph/run-repository.js';
import { listAudit } from '../../src/graph/audit-repository.js';
import { ROOT } from '../../src/graph/config.js';
import type { Graph } from '../../src/graph/graph.js';
import { MODEL } from '../hardening/fixture.js';
import { weerbaar, type Child } from './helpers.js';

const BUILT = existsSync(join(ROOT, 'dist', 'simulation', 'worker.js'));
const PORT = 4121;
const URL = `http://127.0.0.1:${PORT}/graphql`;

async function serve(env: Record<string, string> = {}): Promise<Child> {
  const child = weerbaar(['serve', '--port', String(PORT), '--no-auth'], env);
  await child.waitFor(/weerbaar is running/, 120_000);
  return child;
}

async function post(query: string): Promise<any> {
  const headers = { 'content-type': 'application/json' };
  const res = await fetch(URL, { method: 'POST', headers, body: JSON.stringify({ query }) });
  return res.json();
}

describe.skipIf(!BUILT)('kill -9 of the server', () => {
  let graph: Graph;
  let server: Child | undefined;

  beforeAll(async () => {
    graph = await testGraph();
    await resetGraph(graph);
    await loadModel(graph, MODEL());
  });
  afterAll(async () => {
    await server?.kill9();
    await graph?.close();
  });

  it('during a burst of mutations: every acknowledged write is there, none is half-written', async () => {
    server = await serve();
    const acknowledged: string[] = [];
    const ids = Array.from({ length: 60 }, (_, i) => `s-burst-${i}`);
    let next = 0;
    let killed: Promise<void> | null = null;
    const lane = async () => {
      while (next < ids.length) {
        const id = ids[next++]!;
        try {
          const r = await post(`mutation { createSector(input: { id: "${id}", name: "Burst ${id}" }) { id } }`);
          if (r.data?.createSector?.id === id) acknowledged.push(id);
        } catch {
          return; // the server is gone
        }
        // Killed once ten writes are acknowledged, with more in flight.
        if (acknowledged.length >= 10) killed ??= server!.kill9();
      }
    };
    await Promise.all([lane(), lane(), lane(), lane()]);
    await killed;
    expect(acknowledged.length).toBeGreaterThanOrEqual(10);
    expect(acknowledged.length).toBeLessThan(ids.length);

    const stored = await graph.read('mutations', 'kindsOf', { ids });
    const present = new Set(stored.map((r) => r.id as string));
    for (const id of acknowledged) expect(present.has(id), `${id} was acknowledged`).toBe(true);
    // A write is its node and its audit entry in one transaction: both or neither.
    const entries = await listAudit(graph, { limit: 1000 });
    const audited = new Set(entries.filter((e) => e.action === 'create:sectors').map((e) => e.target));
    for (const id of ids) expect(audited.has(id), id).toBe(present.has(id));
  });

  it('during a simulation: marked failed with the reason at the next start, run again with one call', async () => {
    // The run cannot finish before the kill: its worker threads hold (WEERBAAR_WORKER_FAULT=hold).
    server = await serve({ WEERBAAR_WORKER_FAULT: 'hold' });
    const started = await post(
      'mutation { runSimulation(input: { scenario: "blackout", iterations: 500, seed: "crash", workers: 2 }) { id } }',
    );
    const id = started.data.runSimulation.id as string;
    const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
    for (let i = 0; i < 200 && (await getRun(graph, id))!.status !== 'running'; i++) await pause(50);
    expect((await getRun(graph, id))!.status).toBe('running');
    await server.kill9();
    expect((await getRun(graph, id))!.status).toBe('running'); // nobody left to say otherwise

    server = await serve();
    expect(server.stderr()).toMatch(/Marked 1 simulation run\(s\) left unfinished by a previous server as failed/);
    const failed = (await getRun(graph, id))!;
    expect(failed.status).toBe('failed');
    expect(failed.error).toBe('interrupted: the server stopped before the run finished');

    const again = await post(`mutation { rerunSimulation(id: "${id}") { id status } }`);
    expect(again.errors).toBeUndefined();
    const rerun = again.data.rerunSimulation.id as string;
    expect(rerun).not.toBe(id);
    const ended = async () => ['done', 'failed'].includes((await getRun(graph, rerun))!.status);
    for (let i = 0; i < 600 && !(await ended()); i++) await pause(100);
    const done = (await getRun(graph, rerun))!;
    expect(done.status).toBe('done');
    expect(JSON.parse(done.parameters)).toEqual(JSON.parse(failed.parameters));
    await server.kill9();
    server = undefined;
  });
});
