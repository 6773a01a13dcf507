// The response cache of the analysis queries (src/server/response-cache.ts) against the real Neo4j: a repeated query is
// answered without execution or any read, every model write of this process is seen by the next request and one of
// another process within the revision bound, viewers of different visibility classes never share an answer, and
// nothing outside the analysis queries is cached.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { GraphQLError } from 'graphql';
import { testGraph, resetGraph } from '../helpers/graph.js';
import { ANON, NGO, SECRET, MODEL } from '../helpers/cache-fixture.js';
import { createWeerbaar } from '../../src/server/app.js';
import { loadModel } from '../../src/graph/model-repository.js';
import { createRun, finishRun } from '../../src/graph/run-repository.js';
import { Graph } from '../../src/graph/graph.js';
import { graphConfig } from '../../src/graph/config.js';
import { statementsFor } from '../../src/graph/statements.js';
import type { AnalysisService } from '../../src/service/analysis.js';
import { DEFAULT_REVISION_MAX_AGE_MS } from '../../src/graph/model-revision.js';
import { LOCAL_ADMIN, type Viewer } from '../../src/domain/viewer.js';

type App = Awaited<ReturnType<typeof createWeerbaar>>['app'];

type Result = { data?: any; errors?: { message: string; extensions?: { code?: string } }[] };

const ADMIN2: Viewer = { role: 'admin', party: 'p-ngo', subject: 'admin2', admin: true };
const NGO2: Viewer = { role: 'viewer', party: 'p-ngo', subject: 'ngo-2', admin: false };

const GAPS = `{ gapAnalysis {
  balance { capability { id name } required available shortfall
    holders { party { id name holdings { capacity } } capacity } simulated { expectedShortfall runId } }
  gaps { capability { id } shortfall } } }`;
const PARTY =
  `query Role($id: ID!) { party(id: $id) { id name leadFor { id } capabilityBalance { ` +
  `capability { id } available } gaps { capability { id } } } }`;
const RISK =
  `{ riskAssessment { scenarios { scenario { id } rank riskScore impacts { criterion { ` +
  `id } score simulated { mean } } } } riskProfiles { id } }`;

describe('response cache', () => {
  let graph: Graph;
  let analysis: AnalysisService;
  let fetchWith: (
    app: App,
    query: string,
    variables?: Record<string, unknown>,
    viewer?: Viewer | 'bad',
    headers?: Record<string, string>,
  ) => Promise<Response>;
  let gql: (query: string, variables?: Record<string, unknown>, viewer?: Viewer) => Promise<Result>;
  let plain: (query: string, variables?: Record<string, unknown>, viewer?: Viewer) => Promise<Result>;
  let app: App;
  let uncachedApp: App;
  let reads: () => string[];

  const authenticate = (req: Request): Viewer => {
    const h = req.headers.get('x-test-viewer');
    if (h === 'bad')
      throw new GraphQLError('bad token', { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
    return h ? (JSON.parse(h) as Viewer) : LOCAL_ADMIN;
  };

  beforeAll(async () => {
    graph = await testGraph();
    const read = vi.spyOn(graph, 'read');
    reads = () => read.mock.calls.map((c) => (typeof c[0] === 'string' ? c[1] : c[0].name) as string);
    // A long revision bound, so that the counts below cannot depend on the machine's speed; the bound itself is tested
    // on an app with the default one.
    const weerbaar = await createWeerbaar({
      graph,
      auth: false,
      authenticate,
      recover: false,
      analysis: { revisionMaxAgeMs: 3_600_000 },
    });
    app = weerbaar.app;
    analysis = weerbaar.parts.analysis;
    const uncached = await createWeerbaar({
      graph,
      auth: false,
      authenticate,
      recover: false,
      analysis: { cache: false },
    });
    uncachedApp = uncached.app;
    fetchWith = (a, query, variables = {}, viewer, headers = {}) =>
      Promise.resolve(
        a.fetch('http://localhost/graphql', {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            ...(viewer ? { 'x-test-viewer': viewer === 'bad' ? 'bad' : JSON.stringify(viewer) } : {}),
            ...headers,
          },
          body: JSON.stringify({ query, variables }),
        }),
      );
    const run =
      (a: App) =>
      async (query: string, variables: Record<string, unknown> = {}, viewer?: Viewer) => {
        const body = (await (await fetchWith(a, query, variables, viewer)).json()) as Result;
        expect(body.errors, query).toBeUndefined();
        return body;
      };
    gql = run(app);
    plain = run(uncachedApp);
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
  const delta = async <T>(f: () => Promise<T>) => {
    const stats = () => ({ ...analysis.stats, revisionReads: analysis.revision.stats.reads, reads: reads().length });
    const before = stats();
    const value = await f();
    const after = stats();
    return {
      value,
      hits: after.responseHits - before.responseHits,
      stored: after.responsesStored - before.responsesStored,
      uncacheable: after.responsesUncacheable - before.responsesUncacheable,
      revisionReads: after.revisionReads - before.revisionReads,
      otherReads: reads().slice(before.reads),
    };
  };

  it(
    'answers a repeated analysis query from the cache: no read at all, not even the ' + 'revision, no execution',
    async () => {
      // The load in beforeEach was a write of this process: the first request reads the revision again.
      const first = await delta(() => gql(GAPS));
      expect(first).toMatchObject({ hits: 0, stored: 1, revisionReads: 1 });
      expect(first.otherReads).toContain('planningInputs');
      const second = await delta(() => gql(GAPS));
      expect(second).toMatchObject({ hits: 1, stored: 0, revisionReads: 0, otherReads: [] });
      expect(second.value).toEqual(first.value);
      // party(id) with variables, riskAssessment + riskProfiles: keyed by variables too.
      for (const [q, v] of [
        [PARTY, { id: 'p-min' }],
        [PARTY, { id: 'p-ngo' }],
        [RISK, {}],
      ] as const) {
        expect(await delta(() => gql(q, v))).toMatchObject({ hits: 0, stored: 1, revisionReads: 0 });
        expect(await delta(() => gql(q, v))).toMatchObject({ hits: 1, stored: 0, revisionReads: 0, otherReads: [] });
      }
    },
  );

  it('gives the same answers as an app without any cache, for every viewer class', async () => {
    for (const viewer of [undefined, ANON, NGO, SECRET]) {
      for (const [q, v] of [
        [GAPS, {}],
        [PARTY, { id: 'p-min' }],
        [PARTY, { id: 'p-secret' }],
        [RISK, {}],
      ] as const) {
        const expected = await plain(q, v, viewer);
        expect(await gql(q, v, viewer)).toEqual(expected); // miss
        expect(await gql(q, v, viewer)).toEqual(expected); // hit
      }
    }
  });

  it('never gives one visibility class the answer of another, in any order and concurrently', async () => {
    // The admin's answer is cached first; every other class must still get its own.
    expect((await beds()).holders.map((h: any) => h.party.id)).toEqual(['p-min', 'p-ngo']);
    expect((await beds()).available).toBe(225);
    expect((await beds(ANON)).holders.map((h: any) => h.party.id)).toEqual(['p-min']);
    expect((await beds(ANON)).available).toBe(200);
    expect((await gql(PARTY, { id: 'p-secret' })).data.party.id).toBe('p-secret');
    for (const v of [ANON, NGO]) {
      expect((await gql(PARTY, { id: 'p-secret' }, v)).data.party).toBeNull();
      expect((await gql(PARTY, { id: 'p-secret' }, v)).data.party).toBeNull();
    }
    expect((await gql(PARTY, { id: 'p-secret' }, SECRET)).data.party.id).toBe('p-secret');
    // Concurrently, all classes at once, twice over.
    for (let round = 0; round < 2; round++) {
      const [admin, anon, ngo, secret] = await Promise.all([beds(), beds(ANON), beds(NGO), beds(SECRET)]);
      expect(admin.available).toBe(225);
      expect(anon.available).toBe(200);
      expect(ngo.available).toBe(225);
      expect(secret.available).toBe(200);
    }
    // Viewers of one class share an answer (admins; users of one party), other classes do not.
    await beds(NGO);
    expect(await delta(() => beds(NGO2))).toMatchObject({ hits: 1 });
    expect(await delta(() => beds(ADMIN2))).toMatchObject({ hits: 1 });
  });

  it('a mutation is seen by the next request', async () => {
    expect((await beds()).available).toBe(225);
    expect((await beds()).available).toBe(225);
    await gql(
      `mutation { updateHolding(party: "p-min", capability: "c-beds", patch: { capacity: 300 }) { capacity } }`,
    );
    expect(await beds()).toMatchObject({ available: 325, shortfall: 0 });
    expect((await gql(PARTY, { id: 'p-ngo' })).data.party.leadFor).toEqual([]);
    await gql(
      `mutation { createResponsibility(input: { party: "p-ngo", target: "threat-flood", role: "lead" }) { role } }`,
    );
    expect((await gql(PARTY, { id: 'p-ngo' })).data.party.leadFor).toEqual([{ id: 'threat-flood' }]);
  });

  it('a reload is seen by the next request', async () => {
    expect((await beds()).available).toBe(225);
    expect((await beds()).available).toBe(225);
    const changed = MODEL();
    changed.holdings = changed.holdings.filter((h) => h.party !== 'p-min');
    await loadModel(graph, changed, { reset: true });
    expect((await beds()).available).toBe(25);
  });

  it('a write by another process (its own driver) is seen by every request that starts the bound later', async () => {
    const weerbaar = await createWeerbaar({ graph, auth: false, authenticate, recover: false }); // the default bound
    const run = async () =>
      ((await (await fetchWith(weerbaar.app, GAPS, {}, ANON)).json()) as Result).data.gapAnalysis.balance.find(
        (b: any) => b.capability.id === 'c-beds',
      ).available;
    expect(await run()).toBe(200);
    expect(await run()).toBe(200);
    expect((await beds(ANON)).available).toBe(200);
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
    await new Promise((r) => setTimeout(r, DEFAULT_REVISION_MAX_AGE_MS));
    expect(await run()).toBe(250);
    expect((await beds(ANON)).available).toBe(200); // the app with a one-hour bound has not looked yet …
    const own =
      'mutation { updateHolding(party: "p-ngo", capability: "c-beds", patch: { capacity: 60 }) { capacity } }';
    expect((await gql(own)).data).toBeDefined();
    expect((await beds(ANON)).available).toBe(250); // … until a write of its own makes it read the revision
  });

  it('a finished simulation run is seen by the next request', async () => {
    expect((await beds()).simulated).toBeNull();
    expect((await beds()).simulated).toBeNull();
    const id = await createRun(graph, { scenario: 'sc-flood', parameters: {}, seed: '1', status: 'running' });
    expect((await beds()).simulated).toBeNull(); // a running run does not count
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
    expect((await beds()).simulated).toEqual({ expectedShortfall: 70, runId: id });
  });

  it('caches nothing but the analysis queries', async () => {
    const queries: [string, Record<string, unknown>?][] = [
      ['{ simulationRuns { id status } }'],
      ['{ auditLog { id } }'],
      ['{ gapAnalysis { gaps { capability { id } } } simulationRuns { id } }'],
      ['{ party(id: "p-min") { id } parties(first: 5) { edges { node { id } } } }'],
      ['{ node(id: "p-min") { id } }'],
      [
        'query A { gapAnalysis { gaps { shortfall } } } mutation B { deleteHolding(party: ' +
          '"p-min", capability: "c-radios") }',
      ],
    ];
    for (const [q, v] of queries) {
      const first = await delta(() => fetchWith(app, q, v).then((r) => r.json()));
      const second = await delta(() => fetchWith(app, q, v).then((r) => r.json()));
      for (const d of [first, second]) expect(d, q).toMatchObject({ hits: 0, stored: 0, uncacheable: 1 });
    }
    // A mutation is never cached (and runs every time).
    const m = `mutation { updateHolding(party: "p-min", capability: "c-beds", patch: { capacity: 201 }) { capacity } }`;
    expect(await delta(() => gql(m))).toMatchObject({ hits: 0, uncacheable: 1 });
    expect(await delta(() => gql(m))).toMatchObject({ hits: 0, uncacheable: 1 });
  });

  it('does not cache errors, and a bad token is still refused', async () => {
    const bad = '{ gapAnalysis(phases: ["nope"]) { gaps { shortfall } } }';
    for (let i = 0; i < 2; i++) {
      const d = await delta(() => fetchWith(app, bad).then((r) => r.json() as Promise<Result>));
      expect(d.value.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(d.hits).toBe(0);
    }
    await gql(GAPS);
    const refused = await fetchWith(app, GAPS, {}, 'bad');
    expect(refused.status).toBe((await fetchWith(uncachedApp, GAPS, {}, 'bad')).status);
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as Result).data?.gapAnalysis).toBeUndefined();
  });

  it('answers a conditional request with the current data, never 304 Not Modified', async () => {
    const res = await fetchWith(app, GAPS);
    await fetchWith(app, GAPS);
    const etag = (await fetchWith(app, GAPS)).headers.get('etag') ?? res.headers.get('etag');
    await gql(
      `mutation { updateHolding(party: "p-min", capability: "c-beds", patch: { capacity: 300 }) { capacity } }`,
    );
    const again = await fetchWith(app, GAPS, {}, undefined, {
      'if-none-match': etag ?? 'x',
      'if-modified-since': new Date(Date.now() + 60_000).toUTCString(),
    });
    expect(again.status).toBe(200);
    const body = (await again.json()) as Result;
    expect(body.data.gapAnalysis.balance.find((b: any) => b.capability.id === 'c-beds').available).toBe(325);
    // Nor for an unchanged model.
    expect(
      (
        await fetchWith(app, GAPS, {}, undefined, {
          'if-none-match': (await fetchWith(app, GAPS)).headers.get('etag') ?? 'x',
        })
      ).status,
    ).toBe(200);
  });
});
