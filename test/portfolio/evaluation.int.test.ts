// Measure evaluation as a simulation job over GraphQL, on the real Neo4j: started by an analyst (audited), followed to
// `done`, its result the paired evaluation of simulation/paired.ts for the same seed (and on this deterministic model
// the static value), refused without the analyst role, bad ids named, and ignored by the simulated impacts of
// riskAssessment. Workers load dist/: run `npm run build` first.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testGraph, resetGraph } from '../helpers/graph.js';
import { testApp, TEST_SECRET } from '../helpers/server.js';
import { loadModel, exportModel } from '../../src/graph/model-repository.js';
import { validateModel } from '../../src/model/validate.js';
import { issueToken } from '../../src/server/auth.js';
import { portfolioProblem, staticValue } from '../../src/analysis/portfolio.js';
import { evaluateMeasureSets } from '../../src/simulation/paired.js';
import { int, type Graph } from '../../src/graph/graph.js';
import { SATURATING } from './fixture.js';

const RUN = `query ($id: ID!) { simulationRun(id: $id) {
  id kind status progress scenarioId scenarioIds parameters result error } }`;
const START = `mutation ($m: [ID!]!, $s: [ID!], $n: Int!, $seed: String!) {
  measureEvaluation(measureIds: $m, scenarioIds: $s, iterations: $n, seed: $seed) { id kind status scenarioIds } }`;
const RISK = '{ riskAssessment { scenarios { scenario { id } simulatedRunId simulatedImpact } } }';

describe('measureEvaluation as a simulation job', () => {
  let graph: Graph;
  let api: Awaited<ReturnType<typeof testApp>>;
  let analyst: Record<string, string>;
  let viewer: Record<string, string>;

  async function follow(id: string): Promise<any> {
    for (let i = 0; i < 600; i++) {
      const r = await api.gql(RUN, { id }, analyst);
      expect(r.errors).toBeUndefined();
      const run = r.data.simulationRun;
      if (['done', 'failed', 'cancelled'].includes(run.status)) return run;
      await new Promise((res) => setTimeout(res, 100));
    }
    throw new Error(`run ${id} did not finish`);
  }

  beforeAll(async () => {
    graph = await testGraph();
    await resetGraph(graph);
    await loadModel(graph, validateModel(SATURATING));
    api = await testApp(graph, { auth: true });
    analyst = { authorization: `Bearer ${await issueToken(TEST_SECRET, { subject: 'ann', role: 'analyst' })}` };
    viewer = { authorization: `Bearer ${await issueToken(TEST_SECRET, { subject: 'bob', role: 'viewer' })}` };
    // The first read of the model as the analyst sees it is the slow one: take it before the timed requests.
    expect((await api.gql('{ portfolio(budget: 0) { cost } }', {}, analyst)).errors).toBeUndefined();
  }, 120_000);
  afterAll(async () => {
    await api.weerbaar.close();
    await graph.close();
  });

  it('runs to done, equal to the paired evaluation for the seed and to the static value, and audited', async () => {
    const started = await api.gql(START, { m: ['m1', 'm2', 'm3'], s: ['s1', 's2'], n: 30, seed: 'eval' }, analyst);
    expect(started.errors).toBeUndefined();
    expect(started.data.measureEvaluation).toMatchObject({ kind: 'measure-evaluation', scenarioIds: ['s1', 's2'] });
    const run = await follow(started.data.measureEvaluation.id);
    expect(run.status).toBe('done');
    expect(run.progress).toBe(1);
    expect(run.parameters).toMatchObject({ measureIds: ['m1', 'm2', 'm3'], scenarioIds: ['s1', 's2'], iterations: 30 });

    const model = await exportModel(graph);
    const direct = await evaluateMeasureSets(
      model,
      [
        { id: 'm1', measures: ['m1'] },
        { id: 'm2', measures: ['m2'] },
        { id: 'm3', measures: ['m3'] },
        { id: 'all', measures: ['m1', 'm2', 'm3'] },
      ],
      { scenarios: ['s1', 's2'], iterations: 30, seed: 'eval', workers: 1 },
    );
    expect(run.result).toEqual(JSON.parse(JSON.stringify(direct)));
    const problem = portfolioProblem(model);
    for (const set of run.result.sets) {
      expect(set.value.mean, set.id).toBeCloseTo(staticValue(problem, set.measures), 12);
    }
    // Saturation: all three close the shortfall of 6 on a (0.5 × 0.1 × 6), not the sum of their own values.
    expect(run.result.sets.map((s: any) => s.id)).toEqual(['m1', 'm2', 'm3', 'all']);
    expect(run.result.sets[3].value.mean).toBeCloseTo(0.3, 12);

    const audit = await graph.read('audit', 'listAudit', { target: run.id, subject: null, limit: int(10) });
    expect(audit.map((a: any) => [a.entry.action, a.entry.subject])).toEqual([['start:measureEvaluations', 'ann']]);
  });

  it('refuses a viewer without the analyst role', async () => {
    const r = await api.gql(START, { m: ['m1'], n: 10, seed: 'x' }, viewer);
    expect(r.errors?.[0]?.message).toMatch(/starting a measure evaluation needs the role analyst/);
  });

  it('names an unknown measure or scenario and its argument', async () => {
    const m = await api.gql(START, { m: ['m1', 'nope'], n: 10, seed: 'x' }, analyst);
    expect(m.errors?.[0]?.message).toBe('measureEvaluation: measureIds: unknown measure "nope"');
    expect(m.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const s = await api.gql(START, { m: ['m1'], s: ['s9'], n: 10, seed: 'x' }, analyst);
    expect(s.errors?.[0]?.message).toBe('measureEvaluation: scenarioIds: unknown scenario "s9"');
    const n = await api.gql(START, { m: ['m1'], n: 0, seed: 'x' }, analyst);
    expect(n.errors?.[0]?.message).toMatch(/iterations/);
  });

  it('cancels through cancelSimulation', async () => {
    const started = await api.gql(START, { m: ['m1', 'm2'], n: 100_000, seed: 'long' }, analyst);
    expect(started.errors).toBeUndefined();
    const id = started.data.measureEvaluation.id;
    const c = await api.gql('mutation ($id: ID!) { cancelSimulation(id: $id) { id status } }', { id }, analyst);
    expect(c.errors).toBeUndefined();
    expect((await follow(id)).status).toBe('cancelled');
  });

  it('does not change the simulated impacts of riskAssessment', async () => {
    const sim = await api.gql(
      'mutation { runSimulation(input: { scenario: "s1", iterations: 20, seed: "plain" }) { id } }',
      {},
      analyst,
    );
    expect(sim.errors).toBeUndefined();
    const plain = sim.data.runSimulation.id;
    expect((await follow(plain)).status).toBe('done');
    const before = await api.gql(RISK, {}, analyst);
    expect(before.errors).toBeUndefined();
    const s1 = (d: any) => d.riskAssessment.scenarios.find((s: any) => s.scenario.id === 's1');
    const s2 = (d: any) => d.riskAssessment.scenarios.find((s: any) => s.scenario.id === 's2');
    expect(s1(before.data).simulatedRunId).toBe(plain);

    const started = await api.gql(START, { m: ['m1'], n: 10, seed: 'later' }, analyst);
    expect((await follow(started.data.measureEvaluation.id)).status).toBe('done');
    const after = await api.gql(RISK, {}, analyst);
    expect(after.errors).toBeUndefined();
    expect(s1(after.data)).toEqual(s1(before.data));
    expect(s2(after.data).simulatedRunId).toBeNull();
    const runs = await graph.read('runs', 'latestDoneRunPerScenario', { scenarios: ['s1', 's2'] });
    expect(runs.filter((r) => r.id !== null).map((r) => r.id)).toEqual([plain]);
  });
});
