// Measures in Neo4j and GraphQL: the connection, a capability's and a party's measures, the portfolio query as the
// CLI computes it, restricted measures left out for other parties, effects with two parties on one capability kept
// apart, and bad arguments as GraphQL errors naming the argument.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testGraph, resetGraph } from '../helpers/graph.js';
import { createWeerbaar } from '../../src/server/app.js';
import { exportModel, loadModel } from '../../src/graph/model-repository.js';
import { validateModel } from '../../src/model/validate.js';
import { analysePortfolio } from '../../src/analysis/portfolio.js';
import { LOCAL_ADMIN, type Viewer } from '../../src/domain/viewer.js';
import type { Graph } from '../../src/graph/graph.js';
import { measure, portfolioModel } from './fixture.js';

type Gql = (
  query: string,
  variables?: Record<string, unknown>,
  viewer?: Viewer,
) => Promise<{ data?: any; errors?: { message: string }[] }>;

async function client(graph: Graph): Promise<Gql> {
  const { app } = await createWeerbaar({
    graph,
    auth: false,
    recover: false,
    authenticate: (req) =>
      req.headers.get('x-test-viewer') ? (JSON.parse(req.headers.get('x-test-viewer')!) as Viewer) : LOCAL_ADMIN,
  });
  return async (query, variables = {}, viewer) => {
    const res = await app.fetch('http://localhost/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(viewer ? { 'x-test-viewer': JSON.stringify(viewer) } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return res.json() as Promise<any>;
  };
}

/** m1, m2 on capability a (m2 through two parties: two effects on one capability), m3 restricted to p2. */
const MODEL = validateModel({
  // One expert score, so that the risk before and after has something to move: s1 on k at 5 (between D = 4 and E = 10).
  scores: [{ scenario: 's1', criterion: 'k', value: 5 }],
  ...portfolioModel(
    [measure('m1', 5), measure('m2', 5), { ...measure('m3', 3), classification: 'restricted', owner: 'p2' }],
    [
      { measure: 'm1', party: 'p1', capability: 'a', capacityDelta: 5 },
      { measure: 'm2', party: 'p1', capability: 'a', capacityDelta: 2 },
      { measure: 'm2', party: 'p2', capability: 'a', capacityDelta: 3 },
      { measure: 'm3', party: 'p2', capability: 'a', capacityDelta: 3 },
    ],
  ),
});
const P1: Viewer = { role: 'viewer', party: 'p1', subject: 'p1-user', admin: false };

describe('measures through Neo4j and GraphQL', () => {
  let graph: Graph;
  let gql: Gql;
  beforeAll(async () => {
    graph = await testGraph();
    await resetGraph(graph);
    await loadModel(graph, MODEL);
    gql = await client(graph);
  });
  afterAll(async () => {
    await graph.close();
  });

  it('exports the measures and both effects of m2 on one capability, also after loading twice', async () => {
    const sort = (m: typeof MODEL) =>
      [...m.effects].map((e) => `${e.measure}/${e.party}/${e.capability}/${e.capacityDelta}`).sort();
    expect(sort(await exportModel(graph))).toEqual(sort(MODEL));
    await loadModel(graph, await exportModel(graph));
    const again = await exportModel(graph);
    expect(sort(again)).toEqual(sort(MODEL));
    expect(again.measures.map((m) => [m.id, m.lead, m.costOneOff]).sort()).toEqual([
      ['m1', 'p1', 5],
      ['m2', 'p1', 5],
      ['m3', 'p1', 3],
    ]);
  });

  it("lists measures, a capability's measures and a party's measures", async () => {
    const r = await gql(`{
      measures(first: 10) { edges { node { id costOneOff status lead { id }
        effects { capability { id } party capacityDelta } } } }
      node(id: "a") { ... on Capability { measures { measure { id } party } } }
      party(id: "p1") { measures { id } }
    }`);
    expect(r.errors).toBeUndefined();
    expect(r.data.measures.edges.map((e: any) => e.node.id)).toEqual(['m1', 'm2', 'm3']);
    expect(r.data.measures.edges[1].node).toMatchObject({ costOneOff: 5, status: 'proposed', lead: { id: 'p1' } });
    expect(r.data.measures.edges[1].node.effects.map((e: any) => e.party).sort()).toEqual(['p1', 'p2']);
    expect(r.data.node.measures).toHaveLength(4);
    expect(r.data.party.measures.map((m: any) => m.id).sort()).toEqual(['m1', 'm2', 'm3']);
  });

  it('answers portfolio as the analysis of the same model does', async () => {
    const query = `query($b: Float!, $s: [ID!], $y: Float) { portfolio(budget: $b, scenarioIds: $s, years: $y) {
      budget years cost value chosen
      measures { id cost value chosen coreIndex label measure { name } }
      profiles { profile chosen }
    } }`;
    const r = await gql(query, { b: 10 });
    expect(r.errors).toBeUndefined();
    const expected = await analysePortfolio(MODEL, { budget: 10 });
    expect(r.data.portfolio).toMatchObject({ budget: 10, years: 4, cost: expected.cost, chosen: expected.chosen });
    expect(r.data.portfolio.value).toBeCloseTo(expected.value, 12);
    expect(r.data.portfolio.measures.map((m: any) => [m.id, m.chosen, m.coreIndex, m.measure.name])).toEqual(
      expected.measures.map((m) => [m.id, m.chosen, m.coreIndex, m.id]),
    );
    expect((await gql(query, { b: 10, s: ['s2'] })).data.portfolio.value).toBe(0);
  });

  it('gives the gaps and the risk before and after the chosen set, as the viewer sees the measures', async () => {
    const query = `{ portfolio(budget: 10) { chosen
      gaps { capability { id } scenario { id } required availableBefore availableAfter shortfallBefore shortfallAfter }
      risk(horizonHours: 0.5) { scenario { id } likelihoodClass impactBefore impactAfter riskBefore riskAfter
        rankBefore rankAfter avoided { criterion { id } value } }
    } }`;
    // The admin sees m3 (restricted to p2): m1 + m3 close a's 6 for 8 euros; p1 gets m1 + m2 (+10) for 10.
    const admin = (await gql(query)).data.portfolio;
    expect(admin.chosen).toEqual(['m1', 'm3']);
    expect(admin.gaps).toEqual([
      {
        capability: { id: 'a' },
        scenario: { id: 's1' },
        required: 10,
        availableBefore: 4,
        availableAfter: 12,
        shortfallBefore: 6,
        shortfallAfter: 0,
      },
      {
        capability: { id: 'b' },
        scenario: { id: 's2' },
        required: 4,
        availableBefore: 0.5,
        availableAfter: 0.5,
        shortfallBefore: 3.5,
        shortfallAfter: 3.5,
      },
    ]);
    // s1 (likelihood 0.5: class E, 5) scores 5 on k: 4 + 1/6. The set avoids 0.5 h × 1 × 6 = 3, leaving 2: score 2.
    const [s1, s2] = admin.risk;
    expect(s1).toMatchObject({ scenario: { id: 's1' }, likelihoodClass: 'E', rankBefore: 1, rankAfter: 1 });
    expect(s1.impactBefore).toBeCloseTo(4 + 1 / 6, 12);
    expect(s1.riskBefore).toBeCloseTo(5 * (4 + 1 / 6), 12);
    expect([s1.impactAfter, s1.riskAfter]).toEqual([2, 10]);
    expect(s1.avoided).toEqual([{ criterion: { id: 'k' }, value: 3 }]);
    expect(s2).toMatchObject({ scenario: { id: 's2' }, impactBefore: 0, impactAfter: 0, riskAfter: 0, avoided: [] });
    const p1 = (await gql(query, {}, P1)).data.portfolio;
    expect(p1.chosen).toEqual(['m1', 'm2']);
    expect(p1.gaps[0]).toMatchObject({ availableAfter: 14, shortfallAfter: 0 });
    const bad = await gql('{ portfolio(budget: 1) { risk(horizonHours: -1) { riskAfter } } }');
    expect(bad.errors?.[0]?.message).toBe('portfolio: risk: horizonHours: must be a number of hours > 0, got -1');
  });

  it('leaves out a restricted measure for another party', async () => {
    const r = await gql(
      '{ portfolio(budget: 100) { chosen measures { id } } measures(first: 10) { edges { node { id } } } }',
      {},
      P1,
    );
    expect(r.errors).toBeUndefined();
    expect(r.data.portfolio.measures.map((m: any) => m.id)).toEqual(['m1', 'm2']);
    expect(r.data.measures.edges.map((e: any) => e.node.id)).toEqual(['m1', 'm2']);
  });

  it('updates and deletes one of two effects on one capability by its party', async () => {
    const up = await gql(
      'mutation { updateEffect(measure: "m2", capability: "a", party: "p2", ' +
        'patch: { capacityDelta: 4 }) { party capacityDelta } }',
    );
    expect(up.errors).toBeUndefined();
    expect(up.data.updateEffect).toEqual({ party: 'p2', capacityDelta: 4 });
    const read = async () =>
      (await exportModel(graph)).effects
        .filter((e) => e.measure === 'm2')
        .map((e) => [e.party, e.capacityDelta])
        .sort();
    expect(await read()).toEqual([
      ['p1', 2],
      ['p2', 4],
    ]);
    expect(
      (await gql('mutation { deleteEffect(measure: "m2", capability: "a", party: "p1") }')).data.deleteEffect,
    ).toBe(true);
    expect(await read()).toEqual([['p2', 4]]);
    const gone = await gql('mutation { deleteEffect(measure: "m2", capability: "a", party: "p1") }');
    expect(gone.errors?.[0]?.message).toContain('not found');
  });

  it('refuses bad arguments naming them', async () => {
    const neg = await gql('{ portfolio(budget: -1) { cost } }');
    expect(neg.errors?.[0]?.message).toBe('portfolio: budget: must be a number of euros ≥ 0, got -1');
    const scen = await gql('{ portfolio(budget: 1, scenarioIds: ["nope"]) { cost } }');
    expect(scen.errors?.[0]?.message).toBe('portfolio: scenarioIds: unknown scenario "nope"');
    const bad = await gql(
      'mutation { createMeasure(input: { id: "m9", name: "M9", lead: "ghost", ' +
        'instrument: "policy", costOneOff: -1 }) { id } }',
    );
    expect(bad.errors?.[0]?.message).toMatch(/costOneOff: must be ≥ 0/);
  });
});
