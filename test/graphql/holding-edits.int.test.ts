// A planner keeps its own party's holdings current, with a reason: validated, audited (who, when, why), visible in the
// gap analysis at once, and refused for another party's holdings or without a reason.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testGraph, resetGraph } from '../helpers/graph.js';
import { testApp, TEST_SECRET } from '../helpers/server.js';
import { loadModel } from '../../src/graph/model-repository.js';
import { validateModel } from '../../src/model/validate.js';
import { issueToken } from '../../src/server/auth.js';
import type { Graph } from '../../src/graph/graph.js';

const model = () =>
  validateModel({
    sectors: [{ id: 'energy', name: 'Energie' }],
    services: [{ id: 'power', name: 'Electricity', sector: 'energy', recoveryRate: 0.2 }],
    scenarios: [{ id: 'blackout', name: 'Long power outage' }],
    disruptions: [{ scenario: 'blackout', service: 'power', inoperability: 0.8, durationHours: 72 }],
    tasks: [{ id: 't-gen', name: 'Emergency power', phase: 'response', unit: 'sites' }],
    requirements: [{ scenario: 'blackout', task: 't-gen', demand: 10 }],
    capabilities: [{ id: 'c-gen', name: 'Generators', unit: 'sets' }],
    needs: [{ task: 't-gen', capability: 'c-gen', perUnit: 2 }],
    parties: [
      { id: 'p-def', name: 'Defence', kind: 'ministry' },
      { id: 'p-ezk', name: 'EZK', kind: 'ministry' },
    ],
    holdings: [
      { party: 'p-def', capability: 'c-gen', capacity: 8, readiness: 1, mobilisationHours: 12 },
      { party: 'p-ezk', capability: 'c-gen', capacity: 4, readiness: 0.5 },
    ],
  });

const EDIT = `mutation Edit($party: ID!, $capability: ID!, $edit: HoldingEditInput!, $reason: String!) {
  editHolding(party: $party, capability: $capability, edit: $edit, reason: $reason) {
    capacity readiness mobilisationHours
  }
}`;
const HISTORY = `query History($party: ID!, $capability: ID!) {
  holdingHistory(party: $party, capability: $capability) { at subject role party action reason capacity readiness }
}`;
const GAP = `{ gapAnalysis { balance { capability { id } required available shortfall } } }`;

describe('editing one’s own holdings', () => {
  let graph: Graph;
  let api: Awaited<ReturnType<typeof testApp>>;
  const as = async (role: 'planner' | 'viewer' | 'admin', party?: string) => ({
    authorization: `Bearer ${await issueToken(TEST_SECRET, { subject: `${role}-${party ?? 'none'}`, role, party })}`,
  });

  beforeAll(async () => {
    graph = await testGraph();
    await resetGraph(graph);
    await loadModel(graph, model());
    api = await testApp(graph, { auth: true });
  });
  afterAll(async () => {
    await api.weerbaar.close();
    await resetGraph(graph);
    await graph.close();
  });

  it('changes capacity with a reason, updates the gap analysis at once and records who, when and why', async () => {
    const planner = await as('planner', 'p-def');
    const before = await api.gql(GAP, {}, planner);
    // required 10 × 2 = 20; available 8 × 1 + 4 × 0.5 = 10
    expect(before.data.gapAnalysis.balance[0]).toMatchObject({ required: 20, available: 10, shortfall: 10 });
    const t0 = Date.now();
    const r = await api.gql(
      EDIT,
      { party: 'p-def', capability: 'c-gen', edit: { capacity: 14 }, reason: 'Two sets bought' },
      planner,
    );
    expect(r.errors).toBeUndefined();
    expect(r.data.editHolding).toEqual({ capacity: 14, readiness: 1, mobilisationHours: 12 });
    const after = await api.gql(GAP, {}, planner);
    expect(after.data.gapAnalysis.balance[0]).toMatchObject({ available: 16, shortfall: 4 });
    const h = await api.gql(HISTORY, { party: 'p-def', capability: 'c-gen' }, planner);
    expect(h.errors).toBeUndefined();
    const [latest] = h.data.holdingHistory;
    expect(latest).toMatchObject({
      subject: 'planner-p-def',
      role: 'planner',
      party: 'p-def',
      action: 'edit:holdings',
      reason: 'Two sets bought',
      capacity: 14,
      readiness: 1,
    });
    expect(Math.abs(Date.parse(latest.at) - t0)).toBeLessThan(60_000);
  });

  it('validates the numbers as the model format does, naming the item and field', async () => {
    const planner = await as('planner', 'p-def');
    const r = await api.gql(
      EDIT,
      { party: 'p-def', capability: 'c-gen', edit: { readiness: 1.5 }, reason: 'typo' },
      planner,
    );
    expect(r.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(r.errors?.[0]?.message).toMatch(/readiness/);
    const blank = await api.gql(
      EDIT,
      { party: 'p-def', capability: 'c-gen', edit: { capacity: 9 }, reason: '  ' },
      planner,
    );
    expect(blank.errors?.[0]?.message).toMatch(/holdings \(p-def→c-gen\)\.reason/);
    const h = await api.gql(HISTORY, { party: 'p-def', capability: 'c-gen' }, planner);
    expect(h.data.holdingHistory.filter((e: { action: string }) => e.action === 'edit:holdings')).toHaveLength(1);
  });

  it('refuses another party’s holdings, a viewer and an anonymous caller', async () => {
    const vars = { party: 'p-ezk', capability: 'c-gen', edit: { capacity: 40 }, reason: 'not mine' };
    const other = await api.gql(EDIT, vars, await as('planner', 'p-def'));
    expect(other.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const viewer = await api.gql(EDIT, { ...vars, party: 'p-def' }, await as('viewer', 'p-def'));
    expect(viewer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const anonymous = await api.gql(EDIT, { ...vars, party: 'p-def' });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const history = await api.gql(HISTORY, { party: 'p-ezk', capability: 'c-gen' }, await as('planner', 'p-def'));
    expect(history.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    // An admin may, and the unchanged numbers show that nothing above was written.
    const admin = await api.gql(HISTORY, { party: 'p-ezk', capability: 'c-gen' }, await as('admin'));
    expect(admin.data.holdingHistory).toEqual([]);
  });
});
