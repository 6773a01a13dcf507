// The analysis cache (on by default) against the real Neo4j: every model write of this process is seen by the next
// request, one of another process (a second driver, a CLI load) within the documented bound, and viewers of different
// visibility never get each other's cached answers.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { testGraph, resetGraph } from '../helpers/graph.js';
import { ANON, NGO, SECRET, MODEL } from '../helpers/cache-fixture.js';
import { createWeerbaar } from '../../src/server/app.js';
import { DEFAULT_REVISION_MAX_AGE_MS } from '../../src/graph/model-revision.js';
import { loadModel } from '../../src/graph/model-repository.js';
import { createRun, finishRun } from '../../src/graph/run-repository.js';
import { Graph } from '../../src/graph/graph.js';
import { graphConfig } from '../../src/graph/config.js';
import { statementsFor } from '../../src/graph/statements.js';
import { LOCAL_ADMIN, type Viewer } from '../../src/domain/viewer.js';

type Result = { data?: any; errors?: { message: string }[] };

const GAPS = `{ gapAnalysis {
  balance { capability { id } required available shortfall holders { party { id } capacity }
    simulated { expectedShortfall } }
  gaps { capability { id } shortfall } } }`;
const PARTY =
  `query($id: ID!) { party(id: $id) { id leadFor { id } capabilityBalance { capability ` +
  `{ id } available } gaps { capability { id } } } }`;

describe('analysis cache', () => {
  let graph: Graph;
  let gql: (query: string, variables?: Record<string, unknown>, viewer?: Viewer) => Promise<Result>;
  let planningReads: () => number;

  beforeAll(async () => {
    graph = await testGraph();
    const read = vi.spyOn(graph, 'read');
    planningReads = () => read.mock.calls.filter((c) => c[1] === 'planningInputs').length;
    const { app } = await createWeerbaar({
      graph,
      auth: false,
      recover: false, // the analysis options left at their defaults (cache on, default bound)
      authenticate: (req) =>
        req.headers.get('x-test-viewer') ? (JSON.parse(req.headers.get('x-test-viewer')!) as Viewer) : LOCAL_ADMIN,
    });
    gql = async (query, variables = {}, viewer) => {
      const res = await app.fetch('http://localhost/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(viewer ? { 'x-test-viewer': JSON.stringify(viewer) } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await res.json()) as Result;
      expect(body.errors, query).toBeUndefined();
      return body;
    };
  });
  beforeEach(async () => {
    await resetGraph(graph);
    await loadModel(graph, MODEL());
  });
  afterAll(async () => {
    await graph.close();
  });

  const beds = async (viewer?: Viewer) =>
    (await gql(GAPS, {}, viewer)).data.gapAnalysis.balance.find((b: any) => b.capability.id === 'c-beds');
  const radios = async (viewer?: Viewer) =>
    (await gql(GAPS, {}, viewer)).data.gapAnalysis.balance.find((b: any) => b.capability.id === 'c-radios');

  it('is on by default: repeated requests read the planning inputs once', async () => {
    const before = planningReads();
    expect((await beds()).available).toBe(225);
    expect((await beds()).available).toBe(225);
    await gql(PARTY, { id: 'p-min' });
    expect(planningReads() - before).toBe(1);
  });

  it('a mutation is seen by the next gapAnalysis and party(id)', async () => {
    expect((await beds()).available).toBe(225);
    expect((await gql(PARTY, { id: 'p-ngo' })).data.party.leadFor).toEqual([]);
    await gql(
      `mutation { updateHolding(party: "p-min", capability: "c-beds", patch: { capacity: 300 }) { capacity } }`,
    );
    expect(await beds()).toMatchObject({ available: 325, shortfall: 0 });
    await gql(
      `mutation { createResponsibility(input: { party: "p-ngo", target: "threat-flood", role: "lead" }) { role } }`,
    );
    expect((await gql(PARTY, { id: 'p-ngo' })).data.party.leadFor).toEqual([{ id: 'threat-flood' }]);
    await gql(`mutation { deleteHolding(party: "p-min", capability: "c-beds") }`);
    expect(await beds()).toMatchObject({ available: 25, shortfall: 275 });
    expect((await gql(PARTY, { id: 'p-min' })).data.party.capabilityBalance.map((b: any) => b.capability.id)).toEqual([
      'c-radios',
    ]);
  });

  it('a reload is seen by the next request', async () => {
    expect((await beds()).available).toBe(225);
    const changed = MODEL();
    changed.holdings = changed.holdings.filter((h) => h.party !== 'p-min');
    await loadModel(graph, changed, { reset: true });
    expect((await beds()).available).toBe(25);
  });

  /**
   * Asks until `seen` holds; returns how long after `since` the first request that saw it started. Requests are ~10 ms
   * apart, so the first to see it may start up to one step after the bound; `STEP` allows for that.
   */
  const STEP = 100;
  const noticed = async (since: number, seen: () => Promise<boolean>): Promise<number> => {
    for (;;) {
      const started = performance.now();
      if (await seen()) return started - since;
      if (started - since > 10_000) throw new Error('not seen within 10 s');
      await new Promise((r) => setTimeout(r, 10));
    }
  };

  it(`a write by another process (its own driver) is seen within ${DEFAULT_REVISION_MAX_AGE_MS} ms`, async () => {
    expect((await beds()).available).toBe(225);
    const other = new Graph({ config: graphConfig() });
    try {
      await other.writeTransaction(async (tx) => {
        await tx.run(statementsFor('holdings').merge, {
          rows: [{ party: 'p-min', capability: 'c-beds', props: { capacity: 250 } }],
        });
        await tx.run('model', 'bumpModelRevision');
      });
    } finally {
      await other.close();
    }
    const committed = performance.now();
    // Every request starting after the bound sees it; the first may do so sooner.
    const after = await noticed(committed, async () => (await beds()).available === 275);
    expect(after).toBeLessThanOrEqual(DEFAULT_REVISION_MAX_AGE_MS + STEP);
    await new Promise((r) => setTimeout(r, DEFAULT_REVISION_MAX_AGE_MS));
    expect((await beds()).available).toBe(275);
  });

  it(
    `a load through a second driver (as weerbaar load does) is seen within ` + `${DEFAULT_REVISION_MAX_AGE_MS} ms`,
    async () => {
      expect((await beds()).available).toBe(225);
      expect((await beds()).available).toBe(225);
      const changed = MODEL();
      changed.holdings = changed.holdings.filter((h) => h.party !== 'p-min');
      const other = new Graph({ config: graphConfig() });
      try {
        await loadModel(other, changed, { reset: true });
      } finally {
        await other.close();
      }
      const loaded = performance.now();
      const after = await noticed(loaded, async () => (await beds()).available === 25);
      expect(after).toBeLessThanOrEqual(DEFAULT_REVISION_MAX_AGE_MS + STEP);
      await new Promise((r) => setTimeout(r, DEFAULT_REVISION_MAX_AGE_MS));
      expect((await beds()).available).toBe(25);
    },
  );

  it('a finished simulation run is seen by the next request', async () => {
    expect((await beds()).simulated).toBeNull();
    const id = await createRun(graph, { scenario: 'sc-flood', parameters: {}, seed: '1', status: 'running' });
    await finishRun(graph, id, {
      status: 'done',
      iterationsDone: 1,
      totalImpactMean: 1,
      result: {
        capabilities: [
          { id: 'c-beds', probabilityShortfall: 1, shortfall: { mean: 70, p90: 80 }, avoidedImpact: null },
        ],
        criteria: [],
        totalImpact: { mean: 1, p90: 1 },
      },
    });
    expect((await beds()).simulated).toEqual({ expectedShortfall: 70 });
  });

  it('never gives one viewer what another may see, in any order and concurrently', async () => {
    const expected = async () => {
      const [admin, anon, ngo, secret] = await Promise.all([beds(), beds(ANON), beds(NGO), radios(SECRET)]);
      expect(admin.available).toBe(225);
      expect(admin.holders.map((h: any) => h.party.id)).toEqual(['p-min', 'p-ngo']);
      expect(anon.available).toBe(200);
      expect(anon.holders.map((h: any) => h.party.id)).toEqual(['p-min']);
      expect(ngo.available).toBe(225);
      expect(secret.holders.map((h: any) => h.party.id)).toEqual(['p-min', 'p-secret']);
      expect((await radios(NGO)).holders.map((h: any) => h.party.id)).toEqual(['p-min']);
    };
    await expected(); // cold
    await expected(); // warm
    // Admin warmed first, then the others: the restricted party stays hidden from anonymous and other parties.
    expect((await gql(PARTY, { id: 'p-secret' })).data.party.id).toBe('p-secret');
    expect((await gql(PARTY, { id: 'p-secret' }, ANON)).data.party).toBeNull();
    expect((await gql(PARTY, { id: 'p-secret' }, NGO)).data.party).toBeNull();
    expect((await gql(PARTY, { id: 'p-secret' }, SECRET)).data.party.id).toBe('p-secret');
    // Party roles are derived per visibility class: the ministry's view of its beds differs for the NGO and the public.
    expect(
      (await gql(PARTY, { id: 'p-min' }, NGO)).data.party.capabilityBalance.find(
        (b: any) => b.capability.id === 'c-beds',
      ).available,
    ).toBe(225);
    expect(
      (await gql(PARTY, { id: 'p-min' }, ANON)).data.party.capabilityBalance.find(
        (b: any) => b.capability.id === 'c-beds',
      ).available,
    ).toBe(200);
    // After a change every class sees it, still filtered.
    await gql(
      `mutation { updateHolding(party: "p-ngo", capability: "c-beds", patch: { capacity: 100 }) { capacity } }`,
    );
    expect((await beds(NGO)).available).toBe(250);
    expect((await beds(ANON)).available).toBe(200);
    expect((await beds()).available).toBe(250);
  });
});
