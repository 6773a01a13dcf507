// Concurrent writes over loopback: 200 mutations from 20 clients, on distinct and on shared items; nothing lost,
// nothing torn, every one audited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testGraph, resetGraph } from '../helpers/graph.js';
import { loadModel, exportModel } from '../../src/graph/model-repository.js';
import type { Graph } from '../../src/graph/graph.js';
import { MODEL, liveServer, token, type LiveServer } from './fixture.js';

const CLIENTS = 20;
const PER_CLIENT = 10;

describe('concurrent mutations', () => {
  let graph: Graph;
  let live: LiveServer;

  beforeAll(async () => {
    graph = await testGraph();
    await resetGraph(graph);
    await loadModel(graph, MODEL());
    live = await liveServer(graph);
  });
  afterAll(async () => {
    await live?.shutdown();
    await graph?.close();
  });

  it(`loses nothing under ${CLIENTS * PER_CLIENT} mutations from ${CLIENTS} concurrent clients`, async () => {
    const before = await exportModel(graph);
    const headers = await Promise.all(
      Array.from({ length: CLIENTS }, async (_, c) => ({
        authorization: `Bearer ${await token('planner', null, `client-${c}`)}`,
      })),
    );
    // Per client: 4 creates of its own services, 2 updates of them, 2 updates of one shared service,
    // 1 update of the shared dependency water→power, 1 create of a dependency between its own services.
    const client = async (c: number) => {
      const ops: { query: string; variables?: Record<string, unknown> }[] = [];
      for (let i = 0; i < 4; i++)
        ops.push({
          query:
            'mutation($id: ID!, $n: String!) { createService(input: { id: $id, name: $n, sector: ' +
            '"energy", recoveryRate: 0.5 }) { id } }',
          variables: { id: `svc-${c}-${i}`, n: `Service ${c}.${i}` },
        });
      for (let i = 0; i < 2; i++)
        ops.push({
          query: 'mutation($id: ID!, $n: String!) { updateService(id: $id, patch: { name: $n }) { id } }',
          variables: { id: `svc-${c}-${i}`, n: `Renamed ${c}.${i}` },
        });
      for (let i = 0; i < 2; i++)
        ops.push({
          query:
            'mutation($n: String!, $r: Float!) { updateService(id: "water", patch: { name: $n, ' +
            'recoveryRate: $r }) { id } }',
          variables: { n: `Water by ${c}.${i}`, r: (c * 2 + i + 1) / 100 },
        });
      ops.push({
        query:
          'mutation($s: Float!) { updateDependency(from: "water", to: "power", patch: { strength: $s }) { strength } }',
        variables: { s: (c + 1) / 100 },
      });
      ops.push({
        query:
          'mutation($a: ID!, $b: ID!) { createDependency(input: { from: $a, to: $b, strength: 0.25 }) { strength } }',
        variables: { a: `svc-${c}-2`, b: `svc-${c}-3` },
      });
      const results = [];
      for (const op of ops) results.push(await live.post(op, headers[c]));
      return results;
    };
    const all = (await Promise.all(Array.from({ length: CLIENTS }, (_, c) => client(c)))).flat();
    expect(all).toHaveLength(CLIENTS * PER_CLIENT);
    const failures = all.filter((r) => r.status !== 200 || r.json.errors);
    expect(failures.map((f) => JSON.stringify(f.json).slice(0, 200))).toEqual([]);

    const after = await exportModel(graph);
    // Every created service, with the name of its last update and its fields intact.
    for (let c = 0; c < CLIENTS; c++) {
      for (let i = 0; i < 4; i++) {
        const s = after.services.find((x) => x.id === `svc-${c}-${i}`);
        expect(s, `svc-${c}-${i}`).toBeDefined();
        expect(s!.name).toBe(i < 2 ? `Renamed ${c}.${i}` : `Service ${c}.${i}`);
        expect([s!.sector, s!.recoveryRate]).toEqual(['energy', 0.5]);
      }
      expect(after.dependencies.filter((d) => d.from === `svc-${c}-2` && d.to === `svc-${c}-3`)).toHaveLength(1);
    }
    // The shared service: one writer's name and rate together, never a mix of two writes.
    const water = after.services.find((x) => x.id === 'water')!;
    const m = /^Water by (\d+)\.(\d+)$/.exec(water.name);
    expect(m).not.toBeNull();
    expect(water.recoveryRate).toBeCloseTo((Number(m![1]) * 2 + Number(m![2]) + 1) / 100, 12);
    const shared = after.dependencies.filter((d) => d.from === 'water' && d.to === 'power');
    expect(shared).toHaveLength(1);
    expect(Number.isInteger(Math.round(shared[0]!.strength * 100))).toBe(true);
    // Nothing else moved.
    expect(after.services.length).toBe(before.services.length + CLIENTS * 4);
    expect(after.dependencies.length).toBe(before.dependencies.length + CLIENTS);
    expect(after.parties).toEqual(before.parties);
    // One audit entry per mutation, each naming its client.
    const audit = (
      await live.post(
        { query: '{ auditLog(limit: 1000) { subject action } }' },
        { authorization: `Bearer ${await token('admin')}` },
      )
    ).json.data.auditLog;
    expect(audit).toHaveLength(CLIENTS * PER_CLIENT);
    for (let c = 0; c < CLIENTS; c++)
      expect(audit.filter((e: any) => e.subject === `client-${c}`)).toHaveLength(PER_CLIENT);
  });
});
