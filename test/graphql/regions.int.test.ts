// Regions through the graph and GraphQL on the real Neo4j: round trip, gap analysis within hours, a party's part,
// regions as nodes with their parties and scenarios.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testGraph, resetGraph } from '../helpers/graph.js';
import { createWeerbaar } from '../../src/server/app.js';
import { exportModel, loadModel } from '../../src/graph/model-repository.js';
import { validateModel } from '../../src/model/validate.js';
import { LOCAL_ADMIN } from '../../src/domain/viewer.js';
import type { Graph } from '../../src/graph/graph.js';

// As test/analysis/regions.test.ts: ra and rb one degree of latitude apart (2.409 h by the road assumption),
// rc ↔ ra 4 h explicitly.
const MODEL = validateModel({
  regions: [
    { id: 'ra', name: 'A', lat: 52, lon: 5 },
    { id: 'rb', name: 'B', lat: 53, lon: 5 },
    { id: 'rc', name: 'C', lat: 52, lon: 6 },
  ],
  travelTimes: [{ from: 'rc', to: 'ra', hours: 4 }],
  scenarios: [
    { id: 'surge', name: 'Surge', regions: ['ra'] },
    { id: 'quake', name: 'Quake', regions: ['rb', 'rc'] },
  ],
  tasks: [
    { id: 'pump', name: 'Pump', phase: 'response' },
    { id: 'decon', name: 'Decon', phase: 'response' },
    { id: 'evac', name: 'Evacuate', phase: 'response' },
  ],
  capabilities: [
    { id: 'pumps', name: 'Pumps', unit: 'pumps' },
    { id: 'cbrn', name: 'CBRN', unit: 'teams' },
    { id: 'boats', name: 'Boats', unit: 'boats' },
  ],
  parties: [
    { id: 'pA', name: 'Region A', kind: 'safety-region', region: 'ra' },
    { id: 'pB', name: 'Region B', kind: 'safety-region', region: 'rb' },
    { id: 'pC', name: 'Region C', kind: 'safety-region', region: 'rb' },
    { id: 'min', name: 'Ministry', kind: 'ministry' },
    { id: 'vw', name: 'Transport ministry', kind: 'ministry' },
    { id: 'eu', name: 'EU MIC', kind: 'international' },
  ],
  requirements: [
    { scenario: 'surge', task: 'pump', demand: 16 },
    { scenario: 'quake', task: 'pump', demand: 14 },
    { scenario: 'surge', task: 'decon', demand: 5 },
    { scenario: 'surge', task: 'evac', demand: 10 },
  ],
  needs: [
    { task: 'pump', capability: 'pumps', perUnit: 1 },
    { task: 'decon', capability: 'cbrn', perUnit: 1 },
    { task: 'evac', capability: 'boats', perUnit: 1 },
  ],
  holdings: [
    { party: 'pA', capability: 'pumps', capacity: 6, mobilisationHours: 1 },
    { party: 'pB', capability: 'pumps', capacity: 5 },
    { party: 'pC', capability: 'pumps', capacity: 3, region: 'rc' },
    { party: 'min', capability: 'pumps', capacity: 4, mobilisationHours: 2 },
    { party: 'eu', capability: 'pumps', capacity: 10, readiness: 0.5, mobilisationHours: 24 },
    { party: 'min', capability: 'cbrn', capacity: 2 },
    { party: 'eu', capability: 'cbrn', capacity: 5, mobilisationHours: 24 },
    { party: 'min', capability: 'boats', capacity: 4 },
  ],
  responsibilities: [
    { party: 'vw', target: 'cbrn', role: 'lead' },
    { party: 'vw', target: 'boats', role: 'lead' },
    { party: 'min', target: 'pumps', role: 'lead' },
  ],
});

let graph: Graph;
type Answer = { data?: any; errors?: { message: string; extensions?: { code?: string } }[] };
let gql: (query: string, variables?: Record<string, unknown>) => Promise<Answer>;

beforeAll(async () => {
  graph = await testGraph();
  await resetGraph(graph);
  await loadModel(graph, MODEL);
  const { app } = await createWeerbaar({ graph, auth: false, recover: false, authenticate: () => LOCAL_ADMIN });
  gql = async (query, variables = {}) => {
    const res = await app.fetch('http://localhost/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
    return res.json() as Promise<any>;
  };
}, 180_000);

afterAll(async () => {
  await graph?.close();
});

const GAPS = `query($w: Float) { gapAnalysis(withinHours: $w) {
  withinHours
  balance { capability { id } scenario { id } required available shortfall
    requiredByScenario { scenario { id } required available shortfall }
    holders { party { id } region { id } arrivalHours counted }
    regions { region { id } capacity available holders { id } } }
  gaps { capability { id } scenario { id } shortfall }
  internationalDependence { capability { id } required availableNational }
} }`;

const row = (data: any, id: string) => data.gapAnalysis.balance.find((b: any) => b.capability.id === id);

describe('regions in the graph', () => {
  it('gives the model back unchanged, regions and travel times included', async () => {
    // Lists come back in the graph's order: compare them sorted.
    const sorted = (m: Record<string, unknown>) =>
      Object.fromEntries(
        Object.entries(m).map(([k, v]) => [
          k,
          Array.isArray(v) ? [...v].map((x) => JSON.stringify(x, Object.keys(x).sort())).sort() : v,
        ]),
      );
    expect(sorted(await exportModel(graph))).toEqual(sorted(MODEL));
  });

  it('counts only holdings arriving within withinHours; reports the scenario with the largest shortfall', async () => {
    const { data, errors } = await gql(GAPS, { w: 3 });
    expect(errors).toBeUndefined();
    expect(data.gapAnalysis.withinHours).toBe(3);
    const pumps = row(data, 'pumps');
    expect(pumps).toMatchObject({ scenario: { id: 'quake' }, required: 14, available: 12, shortfall: 2 });
    expect(pumps.requiredByScenario).toEqual([
      { scenario: { id: 'surge' }, required: 16, available: 15, shortfall: 1 },
      { scenario: { id: 'quake' }, required: 14, available: 12, shortfall: 2 },
    ]);
    const pA = pumps.holders.find((h: any) => h.party.id === 'pA');
    expect(pA.region).toEqual({ id: 'ra' });
    expect(pA.arrivalHours).toBeCloseTo(1 + (((6371.0088 * Math.PI) / 180) * 1.3) / 60, 9);
    expect(pA.counted).toBe(false);
    expect(pumps.regions).toEqual([
      { region: { id: 'rb' }, capacity: 5, available: 5, holders: [{ id: 'pB' }] },
      { region: { id: 'rc' }, capacity: 3, available: 3, holders: [{ id: 'pC' }] },
    ]);
    expect(data.gapAnalysis.gaps).toEqual([
      { capability: { id: 'boats' }, scenario: { id: 'surge' }, shortfall: 6 },
      { capability: { id: 'cbrn' }, scenario: { id: 'surge' }, shortfall: 3 },
      { capability: { id: 'pumps' }, scenario: { id: 'quake' }, shortfall: 2 },
    ]);
  });

  it('counts every holding without withinHours and names the dependence on international help', async () => {
    const { data } = await gql(GAPS);
    expect(data.gapAnalysis.withinHours).toBeNull();
    expect(row(data, 'pumps')).toMatchObject({ scenario: { id: 'surge' }, required: 16, available: 23, shortfall: 0 });
    expect(data.gapAnalysis.internationalDependence).toEqual([
      { capability: { id: 'cbrn' }, required: 5, availableNational: 2 },
    ]);
  });

  it('shows a ministry the gaps in what it leads, saying whether it holds or leads', async () => {
    const PART = `query($id: ID!) { party(id: $id) {
      gaps { capability { id } partyHolds partyLeads } capabilityBalance { capability { id } } } }`;
    const { data, errors } = await gql(PART, { id: 'vw' });
    expect(errors).toBeUndefined();
    expect(data.party.gaps).toEqual([{ capability: { id: 'boats' }, partyHolds: false, partyLeads: true }]);
    expect(data.party.capabilityBalance.map((b: any) => b.capability.id)).toEqual(['boats', 'cbrn']);
    const min = (await gql(PART, { id: 'min' })).data.party;
    expect(min.gaps).toEqual([{ capability: { id: 'boats' }, partyHolds: true, partyLeads: false }]);
    expect(min.capabilityBalance.map((b: any) => b.capability.id)).toEqual(['boats', 'cbrn', 'pumps']);
    // the same capability outside a party's view says nothing about holding or leading
    const whole = await gql('{ gapAnalysis { gaps { capability { id } partyHolds partyLeads } } }');
    expect(whole.data.gapAnalysis.gaps).toEqual([{ capability: { id: 'boats' }, partyHolds: null, partyLeads: null }]);
  });

  it('shows regions as nodes with their parties and affected scenarios', async () => {
    const { data, errors } = await gql(`{ node(id: "rb") { ... on Region { lat lon parties { id } scenarios { id }
      travelTimesFrom { hours } } }
      party(id: "pA") { region { id name } } }`);
    expect(errors).toBeUndefined();
    expect(data.node).toEqual({
      lat: 53,
      lon: 5,
      parties: [{ id: 'pB' }, { id: 'pC' }],
      scenarios: [{ id: 'quake' }],
      travelTimesFrom: [],
    });
    expect(data.party.region).toEqual({ id: 'ra', name: 'A' });
  });

  it('refuses a negative withinHours by name', async () => {
    const { errors } = await gql(GAPS, { w: -1 });
    expect(errors?.[0]?.message).toMatch(/withinHours: must be a finite number of hours ≥ 0, got -1/);
    expect(errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
