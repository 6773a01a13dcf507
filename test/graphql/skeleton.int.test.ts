// The GraphQL skeleton on the real Neo4j: connections, node(id), relationships both ways, readiness, simulation jobs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testGraph, resetGraph } from '../helpers/graph.js';
import { testApp } from '../helpers/server.js';
import { loadModel } from '../../src/graph/model-repository.js';
import { readModelFile } from '../../src/model/validate.js';
import { defaultModelPath } from '../../src/graph/connect.js';
import type { Graph } from '../../src/graph/graph.js';
import type { Model } from '../../src/model/schema.js';

describe('GraphQL skeleton on the default model', () => {
  let graph: Graph;
  let model: Model;
  let api: Awaited<ReturnType<typeof testApp>>;
  beforeAll(async () => {
    graph = await testGraph();
    await resetGraph(graph);
    model = await readModelFile(defaultModelPath());
    await loadModel(graph, model);
    api = await testApp(graph);
  });
  afterAll(async () => {
    await api.weerbaar.close();
    await graph.close();
  });

  it('has a connection per node kind with totalCount equal to the model', async () => {
    const lists = [
      'vitalInterests',
      'impactCriteria',
      'threats',
      'incidentCategories',
      'scenarios',
      'sectors',
      'services',
      'tasks',
      'capabilities',
      'parties',
    ] as const;
    const page = (l: string) => `${l}(first: 1000) { totalCount edges { node { id name } } pageInfo { hasNextPage } }`;
    const query = `{ ${lists.map(page).join(' ')} }`;
    const { data, errors } = await api.gql(query);
    expect(errors).toBeUndefined();
    for (const l of lists) {
      expect(data[l].totalCount).toBe(model[l].length);
      expect(data[l].edges.map((e: any) => e.node.id).sort()).toEqual(model[l].map((n) => n.id).sort());
      expect(data[l].pageInfo.hasNextPage).toBe(false);
    }
  });

  it('pages through services with cursors', async () => {
    const first = await api.gql(
      '{ services(first: 5) { totalCount edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }',
    );
    expect(first.data.services.edges).toHaveLength(5);
    expect(first.data.services.pageInfo.hasNextPage).toBe(true);
    const next = await api.gql(
      'query($after: String) { services(first: 5, after: $after) { edges { node { id } } } }',
      { after: first.data.services.pageInfo.endCursor },
    );
    const ids = [...first.data.services.edges, ...next.data.services.edges].map((e: any) => e.node.id);
    expect(new Set(ids).size).toBe(10);
    expect(ids).toEqual([...model.services.map((s) => s.id)].sort().slice(0, 10));
  });

  it('refuses first above 1000 with a clear error', async () => {
    const { errors } = await api.gql('{ services(first: 1001) { totalCount } }');
    expect(errors?.[0]?.message).toMatch(/at most 1000/);
    expect(errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('resolves node(id) for any kind and null for an unknown id', async () => {
    const dep = model.dependencies[0]!;
    const { data } = await api.gql(
      'query($id: ID!) { node(id: $id) { id label name } missing: node(id: "no-such-node") { id } }',
      { id: dep.from },
    );
    expect(data.node).toMatchObject({ id: dep.from, label: 'Service' });
    expect(data.missing).toBeNull();
  });

  it('walks relationships in both directions', async () => {
    const dep = model.dependencies[0]!;
    const { data, errors } = await api.gql(
      `query($from: ID!, $to: ID!) {
        a: node(id: $from) { ... on Service { dependsOn { to { id } strength probability delayHours } sector { id } } }
        b: node(id: $to) { ... on Service { dependents { from { id } strength } } }
      }`,
      { from: dep.from, to: dep.to },
    );
    expect(errors).toBeUndefined();
    const out = data.a.dependsOn.find((d: any) => d.to.id === dep.to);
    expect(out).toMatchObject({ strength: dep.strength, probability: dep.probability, delayHours: dep.delayHours });
    expect(data.a.sector.id).toBe(model.services.find((s) => s.id === dep.from)!.sector);
    expect(data.b.dependents.map((d: any) => d.from.id)).toContain(dep.from);
  });

  it('answers party holdings and capability holders consistently', async () => {
    const h = model.holdings[0]!;
    const { data } = await api.gql(
      `query($p: ID!, $c: ID!) {
      p: node(id: $p) { ... on Party { holdings { capability { id } capacity readiness mobilisationHours } } }
      c: node(id: $c) { ... on Capability { holders { party { id } capacity } } } }`,
      { p: h.party, c: h.capability },
    );
    expect(data.p.holdings.find((x: any) => x.capability.id === h.capability)).toMatchObject({
      capacity: h.capacity,
      readiness: h.readiness,
      mobilisationHours: h.mobilisationHours,
    });
    expect(data.c.holders.find((x: any) => x.party.id === h.party).capacity).toBe(h.capacity);
  });

  it('reports readiness from Neo4j', async () => {
    const res = await api.app.fetch('http://localhost/ready');
    expect(res.status).toBe(200);
  });

  it('runs a simulation job to completion and stores its result', async () => {
    const scenario = model.scenarios[0]!.id;
    const started = await api.gql(
      'mutation($s: ID!) { runSimulation(input: { scenario: $s, iterations: 50, seed: ' +
        '"job-test", workers: 1 }) { id status } }',
      { s: scenario },
    );
    expect(started.errors).toBeUndefined();
    const id = started.data.runSimulation.id;
    expect(['queued', 'running']).toContain(started.data.runSimulation.status);
    let run: any;
    for (let i = 0; i < 600; i++) {
      run = (
        await api.gql(
          'query($id: ID!) { simulationRun(id: $id) { status progress iterationsDone error result scenario { id } } }',
          { id },
        )
      ).data.simulationRun;
      if (['done', 'failed', 'cancelled'].includes(run.status)) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(run.error).toBeNull();
    expect(run.status).toBe('done');
    expect(run.scenario.id).toBe(scenario);
    expect(run.result.meta.iterations).toBe(50);
    expect(run.result.services.length).toBe(model.services.length);
  });

  it('reads the model once per run while the revision stays the same, and again after a write', async () => {
    const jobs = api.weerbaar.parts.jobs as unknown as { stats: { exports: number } };
    const run = async () => {
      const started = await api.gql(
        'mutation($s: ID!) { runSimulation(input: { scenario: $s, iterations: 5, seed: "reads", workers: 1 }) { id } }',
        { s: model.scenarios[0]!.id },
      );
      expect(started.errors).toBeUndefined();
      const id = started.data.runSimulation.id;
      for (let i = 0; i < 600; i++) {
        const { data } = await api.gql('query($id: ID!) { simulationRun(id: $id) { status } }', { id });
        if (['done', 'failed', 'cancelled'].includes(data.simulationRun.status)) return data.simulationRun.status;
        await new Promise((r) => setTimeout(r, 50));
      }
      return 'timeout';
    };
    const before = jobs.stats.exports;
    expect(await run()).toBe('done');
    // One export checked the options and ran the simulation (the revision did not change in between).
    expect(jobs.stats.exports - before).toBe(1);
    // A write through the server changes the revision: the next run reads the model again.
    const sector = model.sectors[0]!.id;
    const write = await api.gql(
      'mutation($s: ID!) { updateSector(id: $s, patch: { description: "changed by the test" }) { id } }',
      { s: sector },
    );
    expect(write.errors).toBeUndefined();
    expect(await run()).toBe('done');
    expect(jobs.stats.exports - before).toBe(2);
  });

  it('refuses a simulation of an unknown scenario, naming it', async () => {
    const { errors } = await api.gql(
      'mutation { runSimulation(input: { scenario: "atlantis", iterations: 10, seed: "x" }) { id } }',
    );
    expect(errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(errors?.[0]?.message).toMatch(/atlantis/);
  });
});
