// Risk assessment, gap analysis and party role through GraphQL on the real Neo4j: a hand-computed model and the default
// model.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testGraph, resetGraph } from '../helpers/graph.js';
import { createWeerbaar } from '../../src/server/app.js';
import { loadModel } from '../../src/graph/model-repository.js';
import { readModelFile, validateModel } from '../../src/model/validate.js';
import { defaultModelPath } from '../../src/graph/connect.js';
import { createRun, finishRun } from '../../src/graph/run-repository.js';
import { LOCAL_ADMIN, type Viewer } from '../../src/domain/viewer.js';
import type { Graph } from '../../src/graph/graph.js';
import type { Model } from '../../src/model/schema.js';
import { LABEL_OF, NODE_KINDS } from '../../src/model/kinds.js';
import { findingOf, sourcesFindings } from '../helpers/sources-findings.js';

type Gql = (
  query: string,
  variables?: Record<string, unknown>,
  viewer?: Viewer,
) => Promise<{ data?: any; errors?: { message: string; extensions?: { code?: string } }[] }>;

async function client(graph: Graph): Promise<Gql> {
  // The viewer travels in a test header so one app serves admins and parties alike.
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

const ANONYMOUS: Viewer = { role: 'viewer', party: null, subject: 'anon', admin: false };

/**
 * Hand-computed model. Criteria: fatalities (physical) and costs (economic), thresholds 1,10,100,1000,10000, so a value
 * at a threshold scores exactly 1…5.
 *   sc-flood     likelihood B (2); fatalities 100 → 3 (C), costs 1 → 1 (A)    mean 2    risk 4
 *   sc-pandemic  likelihood D (4); fatalities 10 → 2 (B),  costs 10 → 2 (B)   mean 2    risk 8
 *   sc-cyber     p = 0.3 → D (4);  fatalities 0 → 0,       costs 10000 → 5 (E) mean 2.5 risk 10
 */
const HAND: unknown = {
  vitalInterests: [
    { id: 'vi-physical', name: 'Physical' },
    { id: 'vi-economic', name: 'Economic' },
  ],
  impactCriteria: [
    {
      id: 'crit-fatalities',
      name: 'Fatalities',
      vitalInterest: 'vi-physical',
      unit: 'persons',
      thresholds: [1, 10, 100, 1000, 10000],
    },
    {
      id: 'crit-costs',
      name: 'Costs',
      vitalInterest: 'vi-economic',
      unit: 'M€',
      thresholds: [1, 10, 100, 1000, 10000],
    },
  ],
  threats: [
    { id: 'threat-flood', name: 'Flood' },
    { id: 'threat-drought', name: 'Drought' },
  ],
  scenarios: [
    { id: 'sc-flood', name: 'Flood', likelihoodClass: 'B' },
    { id: 'sc-pandemic', name: 'Pandemic', likelihoodClass: 'D' },
    { id: 'sc-cyber', name: 'Cyber', likelihood: 0.3 },
  ],
  scores: [
    { scenario: 'sc-flood', criterion: 'crit-fatalities', value: 100 },
    { scenario: 'sc-flood', criterion: 'crit-costs', value: 1 },
    { scenario: 'sc-pandemic', criterion: 'crit-fatalities', value: 10 },
    { scenario: 'sc-pandemic', criterion: 'crit-costs', value: 10 },
    { scenario: 'sc-cyber', criterion: 'crit-fatalities', value: 0 },
    { scenario: 'sc-cyber', criterion: 'crit-costs', value: 10000 },
  ],
  sectors: [{ id: 'sector-water', name: 'Water' }],
  services: [{ id: 'svc-water', name: 'Drinking water', sector: 'sector-water' }],
  tasks: [
    { id: 't-evac', name: 'Evacuate', phase: 'response' },
    { id: 't-shelter', name: 'Shelter', phase: 'aftercare' },
    { id: 't-warn', name: 'Warn', phase: 'preparation' },
  ],
  capabilities: [
    { id: 'c-boats', name: 'Boats', unit: 'boats' },
    { id: 'c-beds', name: 'Beds', unit: 'beds' },
    { id: 'c-pumps', name: 'Pumps', unit: 'pumps' },
    { id: 'c-radios', name: 'Radios', unit: 'sets' },
  ],
  parties: [
    { id: 'p-min', name: 'Ministry', kind: 'ministry' },
    { id: 'p-region', name: 'Safety region', kind: 'safety-region' },
    { id: 'p-eu', name: 'EU MIC', kind: 'international' },
    { id: 'p-ngo', name: 'Red Cross', kind: 'ngo' },
    {
      id: 'p-secret',
      name: 'Secret service',
      kind: 'other-government',
      classification: 'restricted',
      owner: 'p-secret',
    },
  ],
  requirements: [
    { scenario: 'sc-flood', task: 't-evac', demand: 10 },
    { scenario: 'sc-flood', task: 't-shelter', demand: 100 },
    { scenario: 'sc-pandemic', task: 't-evac', demand: 4 },
    { scenario: 'sc-pandemic', task: 't-shelter', demand: 300 },
    { scenario: 'sc-cyber', task: 't-warn', demand: 5 },
  ],
  needs: [
    { task: 't-evac', capability: 'c-boats', perUnit: 0.5 },
    { task: 't-evac', capability: 'c-pumps', perUnit: 2 },
    { task: 't-shelter', capability: 'c-beds', perUnit: 1 },
    { task: 't-shelter', capability: 'c-boats', perUnit: 0.01 },
  ],
  holdings: [
    { party: 'p-region', capability: 'c-boats', capacity: 4, readiness: 0.5 },
    { party: 'p-eu', capability: 'c-boats', capacity: 10, readiness: 0.8 },
    { party: 'p-min', capability: 'c-beds', capacity: 200 },
    { party: 'p-ngo', capability: 'c-beds', capacity: 50, readiness: 0.5, classification: 'restricted' },
    { party: 'p-min', capability: 'c-radios', capacity: 5 },
    { party: 'p-region', capability: 'c-radios', capacity: 3 },
    { party: 'p-secret', capability: 'c-radios', capacity: 100 },
  ],
  responsibilities: [
    { party: 'p-min', target: 'threat-flood', role: 'lead' },
    { party: 'p-region', target: 'threat-flood', role: 'lead' },
    { party: 'p-min', target: 'sector-water', role: 'lead' },
    { party: 'p-min', target: 't-evac', role: 'lead' },
    { party: 'p-min', target: 'c-beds', role: 'lead' },
    { party: 'p-region', target: 'c-boats', role: 'support' },
  ],
  operations: [{ party: 'p-min', service: 'svc-water' }],
};

const RISK = `query($method: RiskMethod, $profile: WeightProfileId, $weights: [CriterionWeightInput!],
    $scenarioIds: [ID!]) {
  riskAssessment(method: $method, profile: $profile, weights: $weights, scenarioIds: $scenarioIds) {
    method profile weights { criterion { id } weight }
    scenarios { scenario { id } rank likelihoodClass likelihoodScore impactScore impactClass riskScore simulatedImpact
      medals { A B C D E }
      impacts { criterion { id } value class score weight
        simulated { runId mean p90 class classProbabilities { C } } } }
    diagram { scenario { id } likelihoodScore impactScore impactClass riskScore rank }
    sensitivity { scenario { id } rank minRank maxRank changed ranks { profile rank } }
  } }`;

const BALANCE_FIELDS = `capability { id name } required available availableNational shortfall surplus
  drivingScenario { id } holders { party { id name } capacity readiness }
  simulated { scenario { id } probabilityShortfall expectedShortfall p90Shortfall avoidedImpact }`;

const GAPS = `query($scenarioIds: [ID!], $phases: [Phase!], $minRiskRank: Int, $method: RiskMethod,
    $profile: WeightProfileId, $overcapacityFactor: Float) {
  gapAnalysis(scenarioIds: $scenarioIds, phases: $phases, minRiskRank: $minRiskRank, method: $method,
      profile: $profile, overcapacityFactor: $overcapacityFactor) {
    scenarios { id }
    balance { ${BALANCE_FIELDS} }
    gaps { capability { id } shortfall }
    duplicates { capability { id } available required holders { party { id } } }
    multipleLeads { target { id label } leads { id } }
    uncoveredTasks { id } unheldCapabilities { id } targetsWithoutLead { id label }
  } }`;

const PARTY = `query($id: ID!) { party(id: $id) {
  id name kind
  leadFor { id label } supportFor { id label } operatedServices { id }
  holdings { capability { id } capacity }
  capabilityBalance { capability { id } available }
  dependentTasks { id } dependentScenarios { id }
  gaps { capability { id } shortfall } duplicates { capability { id } }
  sharedLeads { target { id } leads { id } }
} }`;

const row = (data: any, id: string) => data.gapAnalysis.balance.find((b: any) => b.capability.id === id);
const order = (data: any) => data.riskAssessment.scenarios.map((s: any) => s.scenario.id);

describe('analysis on a hand-computed model', () => {
  let graph: Graph;
  let gql: Gql;
  beforeAll(async () => {
    graph = await testGraph();
    await resetGraph(graph);
    await loadModel(graph, validateModel(HAND) as Model);
    gql = await client(graph);
  });
  afterAll(async () => {
    await graph.close();
  });

  it('ranks by weighted sum: risk = likelihood class score × weighted mean impact score', async () => {
    const { data, errors } = await gql(RISK);
    expect(errors).toBeUndefined();
    expect(order(data)).toEqual(['sc-cyber', 'sc-pandemic', 'sc-flood']);
    const [cyber, pandemic, flood] = data.riskAssessment.scenarios;
    expect(cyber).toMatchObject({
      rank: 1,
      likelihoodClass: 'D',
      likelihoodScore: 4,
      impactScore: 2.5,
      impactClass: 'B',
      riskScore: 10,
    });
    expect(pandemic).toMatchObject({ rank: 2, likelihoodScore: 4, impactScore: 2, riskScore: 8 });
    expect(flood).toMatchObject({ rank: 3, likelihoodClass: 'B', likelihoodScore: 2, impactScore: 2, riskScore: 4 });
    expect(flood.impacts.find((i: any) => i.criterion.id === 'crit-fatalities')).toMatchObject({
      value: 100,
      class: 'C',
      score: 3,
      weight: 1,
    });
    expect(cyber.impacts.find((i: any) => i.criterion.id === 'crit-fatalities')).toMatchObject({
      value: 0,
      class: null,
      score: 0,
    });
    expect(
      data.riskAssessment.diagram.map((p: any) => [p.scenario.id, p.likelihoodScore, p.impactScore, p.rank]),
    ).toEqual([
      ['sc-cyber', 4, 2.5, 1],
      ['sc-pandemic', 4, 2, 2],
      ['sc-flood', 2, 2, 3],
    ]);
  });

  it('ranks by the medal method: most E-class criteria first, then D, C …', async () => {
    const { data, errors } = await gql(RISK, { method: 'MEDAL' });
    expect(errors).toBeUndefined();
    expect(order(data)).toEqual(['sc-cyber', 'sc-flood', 'sc-pandemic']);
    const s = data.riskAssessment.scenarios;
    expect(s[0].medals).toEqual({ A: 0, B: 0, C: 0, D: 0, E: 1 });
    expect(s[1].medals).toEqual({ A: 1, B: 0, C: 1, D: 0, E: 0 });
    expect(s.map((x: any) => x.riskScore)).toEqual([20, 6, 8]);
  });

  it('follows the weight profiles and explicit weights', async () => {
    const safety = await gql(RISK, { profile: 'humanSafetyFirst' });
    expect(order(safety.data)).toEqual(['sc-pandemic', 'sc-flood', 'sc-cyber']);
    expect(safety.data.riskAssessment.scenarios.map((s: any) => s.impactScore)).toEqual([2, 2.5, 1.25]);
    const economy = await gql(RISK, { profile: 'economyFirst' });
    expect(order(economy.data)).toEqual(['sc-cyber', 'sc-pandemic', 'sc-flood']);
    expect(economy.data.riskAssessment.scenarios.map((s: any) => s.riskScore)).toEqual([15, 8, 3]);
    const explicit = await gql(RISK, { profile: 'equal', weights: [{ criterion: 'crit-costs', weight: 0 }] });
    expect(explicit.errors).toBeUndefined();
    expect(order(explicit.data)).toEqual(['sc-pandemic', 'sc-flood', 'sc-cyber']);
    expect(explicit.data.riskAssessment.weights).toEqual([
      { criterion: { id: 'crit-costs' }, weight: 0 },
      { criterion: { id: 'crit-fatalities' }, weight: 1 },
    ]);
  });

  it('reports which ranks change across profiles', async () => {
    const { data } = await gql(RISK);
    const sens = Object.fromEntries(data.riskAssessment.sensitivity.map((s: any) => [s.scenario.id, s]));
    expect(sens['sc-cyber']).toMatchObject({ rank: 1, minRank: 1, maxRank: 3, changed: true });
    expect(sens['sc-pandemic']).toMatchObject({ rank: 2, minRank: 1, maxRank: 2, changed: true });
    expect(sens['sc-flood']).toMatchObject({ rank: 3, minRank: 2, maxRank: 3, changed: true });
    expect(sens['sc-cyber'].ranks).toEqual([
      { profile: 'model', rank: 1 },
      { profile: 'equal', rank: 1 },
      { profile: 'humanSafetyFirst', rank: 3 },
      { profile: 'economyFirst', rank: 1 },
      { profile: 'societyFirst', rank: 1 },
    ]);
  });

  it('ranks only the selected scenarios', async () => {
    const { data } = await gql(RISK, { scenarioIds: ['sc-flood', 'sc-pandemic'] });
    expect(order(data)).toEqual(['sc-pandemic', 'sc-flood']);
    expect(data.riskAssessment.scenarios.map((s: any) => s.rank)).toEqual([1, 2]);
  });

  it('computes the static balance exactly (admin sees every holding)', async () => {
    const { data, errors } = await gql(GAPS);
    expect(errors).toBeUndefined();
    // boats: flood 10×0.5 + 100×0.01 = 6, pandemic 4×0.5 + 300×0.01 = 5; available 4×0.5 + 10×0.8 = 10, national 2
    const boats = row(data, 'c-boats');
    expect(boats.required).toBeCloseTo(6, 12);
    expect(boats.drivingScenario).toEqual({ id: 'sc-flood' });
    expect(boats.available).toBeCloseTo(10, 12);
    expect(boats.availableNational).toBeCloseTo(2, 12);
    expect(boats.shortfall).toBe(0);
    expect(boats.surplus).toBeCloseTo(4, 12);
    expect(boats.holders).toEqual([
      { party: { id: 'p-eu', name: 'EU MIC' }, capacity: 10, readiness: 0.8 },
      { party: { id: 'p-region', name: 'Safety region' }, capacity: 4, readiness: 0.5 },
    ]);
    // beds: max(100, 300) = 300; available 200 + 50×0.5 = 225 → shortfall 75
    expect(row(data, 'c-beds')).toMatchObject({
      required: 300,
      available: 225,
      availableNational: 225,
      shortfall: 75,
      surplus: 0,
    });
    // pumps: flood 10×2 = 20, nobody holds them
    expect(row(data, 'c-pumps')).toMatchObject({ required: 20, available: 0, shortfall: 20, holders: [] });
    // radios: not needed; 5 + 3 + 100
    expect(row(data, 'c-radios')).toMatchObject({
      required: 0,
      available: 108,
      availableNational: 108,
      surplus: 108,
      drivingScenario: null,
    });
    expect(data.gapAnalysis.gaps).toEqual([
      { capability: { id: 'c-beds' }, shortfall: 75 },
      { capability: { id: 'c-pumps' }, shortfall: 20 },
    ]);
    expect(data.gapAnalysis.duplicates.map((d: any) => d.capability.id)).toEqual(['c-radios']);
    expect(data.gapAnalysis.multipleLeads).toEqual([
      { target: { id: 'threat-flood', label: 'Threat' }, leads: [{ id: 'p-min' }, { id: 'p-region' }] },
    ]);
    expect(data.gapAnalysis.uncoveredTasks).toEqual([{ id: 't-warn' }]);
    expect(data.gapAnalysis.unheldCapabilities).toEqual([{ id: 'c-pumps' }]);
    expect(data.gapAnalysis.targetsWithoutLead).toEqual([
      { id: 'c-boats', label: 'Capability' },
      { id: 'c-pumps', label: 'Capability' },
      { id: 'c-radios', label: 'Capability' },
      { id: 'svc-water', label: 'Service' },
      { id: 't-shelter', label: 'Task' },
      { id: 't-warn', label: 'Task' },
      { id: 'threat-drought', label: 'Threat' },
    ]);
  });

  it('filters by phase and by scenario, and takes the overcapacity factor', async () => {
    const response = await gql(GAPS, { phases: ['response'] });
    expect(response.errors).toBeUndefined();
    expect(row(response.data, 'c-boats').required).toBeCloseTo(5, 12);
    expect(row(response.data, 'c-beds')).toMatchObject({ required: 0, shortfall: 0, surplus: 225 });
    expect(response.data.gapAnalysis.duplicates.map((d: any) => d.capability.id)).toEqual(['c-beds', 'c-radios']);
    expect(response.data.gapAnalysis.uncoveredTasks).toEqual([]);
    const pandemic = await gql(GAPS, { scenarioIds: ['sc-pandemic'] });
    expect(row(pandemic.data, 'c-boats').required).toBeCloseTo(5, 12);
    expect(row(pandemic.data, 'c-pumps').required).toBe(8);
    const factor = await gql(GAPS, { overcapacityFactor: 1.5 });
    // boats 10 > 9 with two holders; beds 225 ≤ 450; radios 108 > 0
    expect(factor.data.gapAnalysis.duplicates.map((d: any) => d.capability.id)).toEqual(['c-radios', 'c-boats']);
  });

  it('keeps only scenarios up to minRiskRank', async () => {
    const top2 = await gql(GAPS, { minRiskRank: 2 });
    expect(top2.errors).toBeUndefined();
    expect(top2.data.gapAnalysis.scenarios.map((s: any) => s.id).sort()).toEqual(['sc-cyber', 'sc-pandemic']);
    expect(row(top2.data, 'c-boats').required).toBeCloseTo(5, 12);
    const medalTop2 = await gql(GAPS, { minRiskRank: 2, method: 'MEDAL' });
    expect(medalTop2.data.gapAnalysis.scenarios.map((s: any) => s.id).sort()).toEqual(['sc-cyber', 'sc-flood']);
  });

  it('hides restricted holdings and parties from viewers who may not see them', async () => {
    const anon = await gql(GAPS, {}, ANONYMOUS);
    expect(anon.errors).toBeUndefined();
    expect(row(anon.data, 'c-beds')).toMatchObject({ available: 200, shortfall: 100 });
    expect(row(anon.data, 'c-radios').available).toBe(8);
    expect(row(anon.data, 'c-radios').holders.map((h: any) => h.party.id)).toEqual(['p-min', 'p-region']);
    const ngo = await gql(GAPS, {}, { role: 'planner', party: 'p-ngo', subject: 'ngo', admin: false });
    expect(row(ngo.data, 'c-beds')).toMatchObject({ available: 225, shortfall: 75 });
    expect((await gql(PARTY, { id: 'p-secret' }, ANONYMOUS)).data.party).toBeNull();
    expect((await gql(PARTY, { id: 'p-secret' })).data.party.id).toBe('p-secret');
  });

  it('shows a party its role, its dependants and its part in gaps and duplicates', async () => {
    const { data, errors } = await gql(PARTY, { id: 'p-region' });
    expect(errors).toBeUndefined();
    const p = data.party;
    expect(p.kind).toBe('safety-region');
    expect(p.leadFor).toEqual([{ id: 'threat-flood', label: 'Threat' }]);
    expect(p.supportFor).toEqual([{ id: 'c-boats', label: 'Capability' }]);
    expect(p.capabilityBalance.map((b: any) => b.capability.id)).toEqual(['c-boats', 'c-radios']);
    expect(p.dependentTasks).toEqual([{ id: 't-evac' }, { id: 't-shelter' }]);
    expect(p.dependentScenarios).toEqual([{ id: 'sc-flood' }, { id: 'sc-pandemic' }]);
    expect(p.gaps).toEqual([]);
    expect(p.duplicates).toEqual([{ capability: { id: 'c-radios' } }]);
    expect(p.sharedLeads).toEqual([{ target: { id: 'threat-flood' }, leads: [{ id: 'p-min' }, { id: 'p-region' }] }]);
    const min = (await gql(PARTY, { id: 'p-min' })).data.party;
    expect(min.operatedServices).toEqual([{ id: 'svc-water' }]);
    expect(min.leadFor.map((t: any) => t.id)).toEqual(['c-beds', 'sector-water', 't-evac', 'threat-flood']);
    expect(min.gaps).toEqual([{ capability: { id: 'c-beds' }, shortfall: 75 }]);
    expect((await gql(PARTY, { id: 'nobody' })).data.party).toBeNull();
    expect((await gql(PARTY, { id: 'sc-flood' })).data.party).toBeNull();
  });

  it('puts the newest finished simulation run beside the static numbers', async () => {
    const id = await createRun(graph, { scenario: 'sc-flood', parameters: {}, seed: '1', status: 'running' });
    await finishRun(graph, id, {
      status: 'done',
      iterationsDone: 10,
      totalImpactMean: 2.1,
      result: {
        capabilities: [
          {
            id: 'c-beds',
            probabilityShortfall: 0.7,
            shortfall: { mean: 50, p90: 90 },
            shortfallUnitHours: { mean: 1, p90: 2 },
            avoidedImpact: 0.3,
          },
        ],
        criteria: [
          {
            id: 'crit-fatalities',
            mean: 150,
            p90: 400,
            classProbabilities: { A: 0, B: 0.1, C: 0.8, D: 0.1, E: 0 },
            meanScore: 3.2,
          },
        ],
        totalImpact: { mean: 2.1, halfWidth95: null, p90: 3 },
      },
    });
    const risk = await gql(RISK, { scenarioIds: ['sc-flood'] });
    expect(risk.errors).toBeUndefined();
    const flood = risk.data.riskAssessment.scenarios[0];
    expect(flood.simulatedImpact).toBe(2.1);
    expect(flood.impacts.find((i: any) => i.criterion.id === 'crit-fatalities').simulated).toEqual({
      runId: id,
      mean: 150,
      p90: 400,
      class: 'C',
      classProbabilities: { C: 0.8 },
    });
    expect(flood.impacts.find((i: any) => i.criterion.id === 'crit-costs').simulated).toBeNull();
    const gaps = await gql(GAPS, { scenarioIds: ['sc-flood', 'sc-pandemic'] });
    expect(row(gaps.data, 'c-beds').simulated).toEqual({
      scenario: { id: 'sc-flood' },
      probabilityShortfall: 0.7,
      expectedShortfall: 50,
      p90Shortfall: 90,
      avoidedImpact: 0.3,
    });
    expect(row(gaps.data, 'c-boats').simulated).toBeNull();
    expect(row((await gql(GAPS, { scenarioIds: ['sc-pandemic'] })).data, 'c-beds').simulated).toBeNull();
  });

  it('rejects bad arguments with BAD_USER_INPUT naming the argument', async () => {
    const cases: [string, Record<string, unknown>, RegExp][] = [
      [RISK, { scenarioIds: ['sc-nowhere'] }, /scenarioIds.*"sc-nowhere"/],
      [RISK, { method: 'BORDA' }, /method.*"BORDA"/],
      [RISK, { profile: 'cheapest' }, /profile.*"cheapest"/],
      [RISK, { weights: [{ criterion: 'crit-costs', weight: -1 }] }, /weights\[0\]\.weight/],
      [RISK, { weights: [{ criterion: 'crit-none', weight: 1 }] }, /weights\[0\]\.criterion.*"crit-none"/],
      [GAPS, { scenarioIds: ['sc-nowhere'] }, /scenarioIds.*"sc-nowhere"/],
      [GAPS, { phases: ['recovery'] }, /phases\[0\].*"recovery"/],
      [GAPS, { minRiskRank: 0 }, /minRiskRank/],
      [GAPS, { minRiskRank: 1, method: 'BORDA' }, /method.*"BORDA"/],
      [GAPS, { overcapacityFactor: -2 }, /overcapacityFactor/],
    ];
    for (const [query, variables, message] of cases) {
      const { errors } = await gql(query, variables);
      expect(errors?.[0]?.extensions?.code, JSON.stringify(variables)).toBe('BAD_USER_INPUT');
      expect(errors?.[0]?.message).toMatch(message);
    }
  });
});

describe('analysis on the default model', () => {
  let graph: Graph;
  let gql: Gql;
  let model: Model;
  beforeAll(async () => {
    graph = await testGraph();
    await resetGraph(graph);
    model = await readModelFile(defaultModelPath());
    await loadModel(graph, model);
    gql = await client(graph);
  });
  afterAll(async () => {
    await graph.close();
  });

  it('ranks every scenario 1..n under both methods', async () => {
    for (const method of ['WEIGHTED_SUM', 'MEDAL']) {
      const { data, errors } = await gql(RISK, { method });
      expect(errors).toBeUndefined();
      const s = data.riskAssessment.scenarios;
      expect(s).toHaveLength(model.scenarios.length);
      expect(s.map((x: any) => x.rank)).toEqual(model.scenarios.map((_, i) => i + 1));
      for (const x of s) {
        expect(x.impacts).toHaveLength(model.impactCriteria.length);
        expect(x.likelihoodScore).toBeGreaterThanOrEqual(1);
        expect(x.riskScore).toBeGreaterThanOrEqual(0);
        expect(x.riskScore).toBeLessThanOrEqual(25);
      }
      for (const r of data.riskAssessment.sensitivity) expect(r.minRank).toBeLessThanOrEqual(r.maxRank);
    }
  });

  it('balances every capability, with gaps and duplicates consistent with the numbers', async () => {
    const { data, errors } = await gql(GAPS);
    expect(errors).toBeUndefined();
    const g = data.gapAnalysis;
    expect(g.balance).toHaveLength(model.capabilities.length);
    for (const b of g.balance) {
      expect(b.shortfall).toBeCloseTo(Math.max(0, b.required - b.available), 9);
      expect(b.surplus).toBeCloseTo(Math.max(0, b.available - b.required), 9);
      expect(b.availableNational).toBeLessThanOrEqual(b.available + 1e-9);
    }
    expect(g.gaps.every((b: any) => b.shortfall > 0)).toBe(true);
    expect(g.gaps.length).toBe(g.balance.filter((b: any) => b.shortfall > 0).length);
    expect(g.duplicates.every((d: any) => d.available > 2 * d.required && d.holders.length >= 2)).toBe(true);
    // Every threat and sector has exactly one lead in the default model.
    expect(g.targetsWithoutLead.filter((t: any) => t.label === 'Threat' || t.label === 'Sector')).toEqual([]);
    expect(g.multipleLeads.filter((m: any) => m.target.label === 'Threat' || m.target.label === 'Sector')).toEqual([]);
    // The deliberate findings of simulations/SOURCES.md, as the administrator sees them.
    const gapIds = new Set(g.gaps.map((b: any) => b.capability.id));
    const duplicateIds = new Set(g.duplicates.map((b: any) => b.capability.id));
    const found = Object.fromEntries(
      g.balance.map((b: any) => [
        b.capability.id,
        findingOf({
          ...b,
          gap: gapIds.has(b.capability.id),
          duplicate: duplicateIds.has(b.capability.id),
        }),
      ]),
    );
    expect(found).toEqual(Object.fromEntries(sourcesFindings().map((r) => [r.capability, r.finding])));
    expect(g.uncoveredTasks.map((t: any) => t.id)).toEqual(['t-health-monitoring']);
    expect(g.unheldCapabilities.map((c: any) => c.id)).toEqual(['cap-cooling-centres']);
    expect(g.targetsWithoutLead.map((t: any) => [t.id, t.label])).toEqual([
      ['postal', 'Service'],
      ['t-fuel-distribution', 'Task'],
    ]);
    expect(g.multipleLeads.map((m: any) => [m.target.id, m.leads.map((l: any) => l.id)])).toEqual([
      ['cap-crisis-comm', ['min-az', 'min-bzk']],
      ['t-cyber-incident-response', ['min-bzk', 'min-ez']],
    ]);
  });

  it('shows every ministry its role: what it leads, supports and holds, its gaps and its shared leads', async () => {
    const labelOf = new Map<string, string>();
    for (const k of NODE_KINDS) {
      for (const x of model[k.list] as readonly { id: string }[]) labelOf.set(x.id, LABEL_OF[k.list]);
    }
    const targets = (party: string, role: string) =>
      model.responsibilities
        .filter((r) => r.party === party && r.role === role)
        .map((r) => ({ id: r.target, label: labelOf.get(r.target) }))
        .sort((a, b) => (a.id < b.id ? -1 : 1));
    const findings = new Map(sourcesFindings().map((r) => [r.capability, r.finding]));
    const ministries = model.parties.filter((p) => p.kind === 'ministry');
    expect(ministries.length).toBeGreaterThanOrEqual(13);
    for (const party of ministries) {
      const { data, errors } = await gql(PARTY, { id: party.id });
      expect(errors).toBeUndefined();
      const p = data.party;
      expect(p.id).toBe(party.id);
      expect(p.leadFor, party.id).toEqual(targets(party.id, 'lead'));
      expect(p.supportFor, party.id).toEqual(targets(party.id, 'support'));
      // Every ministry has a part (SNV 2007 §4.1): at least one lead or support.
      expect(p.leadFor.length + p.supportFor.length, party.id).toBeGreaterThan(0);
      const held = model.holdings
        .filter((h) => h.party === party.id)
        .map((h) => h.capability)
        .sort();
      expect(p.holdings.map((h: any) => h.capability.id).sort(), party.id).toEqual(held);
      // Its part in gaps and duplicates: the capabilities it holds or leads.
      const led = model.responsibilities.filter((r) => r.party === party.id && r.role === 'lead').map((r) => r.target);
      const capabilityIds = new Set(model.capabilities.map((c) => c.id));
      const mine = [...new Set([...held, ...led.filter((c) => capabilityIds.has(c))])].sort();
      expect(p.gaps.map((b: any) => b.capability.id).sort(), party.id).toEqual(
        mine.filter((c) => findings.get(c) === 'gap' || findings.get(c) === 'no holder'),
      );
      expect(p.duplicates.map((b: any) => b.capability.id).sort(), party.id).toEqual(
        mine.filter((c) => findings.get(c) === 'duplicate'),
      );
      const shared = p.sharedLeads.map((s: any) => s.target.id);
      expect(shared, party.id).toEqual(
        {
          'min-az': ['cap-crisis-comm'],
          'min-bzk': ['cap-crisis-comm', 't-cyber-incident-response'],
          'min-ez': ['t-cyber-incident-response'],
        }[party.id] ?? [],
      );
    }
    // The lead for the threats follows SNV §4.1: BZK leads social vulnerability, among others.
    const { data } = await gql(PARTY, { id: 'min-bzk' });
    expect(data.party.leadFor).toContainEqual({ id: 'threat-social-vulnerability', label: 'Threat' });
  });
});
