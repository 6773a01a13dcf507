// Mutations on the real Neo4j: every change validated as the model format, audited, and refused without the right role.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testGraph, resetGraph } from '../helpers/graph.js';
import { testApp, TEST_SECRET } from '../helpers/server.js';
import { loadModel, exportModel } from '../../src/graph/model-repository.js';
import { validateModel } from '../../src/model/validate.js';
import { issueToken } from '../../src/server/auth.js';
import type { Graph } from '../../src/graph/graph.js';

const base = () =>
  validateModel({
    sectors: [{ id: 'energy', name: 'Energie' }],
    services: [
      { id: 'power', name: 'Electricity', sector: 'energy', recoveryRate: 0.2 },
      { id: 'water', name: 'Drinking water', sector: 'energy', recoveryRate: 0.2 },
    ],
    dependencies: [{ from: 'water', to: 'power', strength: 0.5 }],
    scenarios: [{ id: 'blackout', name: 'Long power outage' }],
    disruptions: [{ scenario: 'blackout', service: 'power', inoperability: 0.8, durationHours: 72 }],
    parties: [{ id: 'min-ezk', name: 'EZK', kind: 'ministry' }],
  });

describe('model mutations', () => {
  let graph: Graph;
  let api: Awaited<ReturnType<typeof testApp>>;
  let planner: Record<string, string>;
  let viewer: Record<string, string>;
  beforeAll(async () => {
    graph = await testGraph();
    await resetGraph(graph);
    await loadModel(graph, base());
    api = await testApp(graph, { auth: true });
    planner = { authorization: `Bearer ${await issueToken(TEST_SECRET, { subject: 'alice', role: 'planner' })}` };
    viewer = { authorization: `Bearer ${await issueToken(TEST_SECRET, { subject: 'bob', role: 'viewer' })}` };
  });
  afterAll(async () => {
    await api.weerbaar.close();
    await graph.close();
  });

  it('creates a service with its sector and reads it back', async () => {
    const r = await api.gql(
      'mutation { createService(input: { id: "telecom", name: "Telecom", sector: "energy", ' +
        'recoveryRate: 0.3 }) { id name recoveryRate sector { id } } }',
      {},
      planner,
    );
    expect(r.errors).toBeUndefined();
    expect(r.data.createService).toEqual({
      id: 'telecom',
      name: 'Telecom',
      recoveryRate: 0.3,
      sector: { id: 'energy' },
    });
    const m = await exportModel(graph);
    expect(m.services.find((s) => s.id === 'telecom')).toMatchObject({ sector: 'energy', recoveryRate: 0.3 });
  });

  it('fills in defaults as the format does', async () => {
    const r = await api.gql(
      'mutation { createService(input: { id: "gas", name: "Gas", sector: "energy" }) { recoveryRate } }',
      {},
      planner,
    );
    expect(r.data.createService.recoveryRate).toBe(1);
  });

  it('refuses an out-of-range value naming the item and field', async () => {
    const r = await api.gql(
      'mutation { createService(input: { id: "oil", name: "Oil", sector: "energy", recoveryRate: 1.5 }) { id } }',
      {},
      planner,
    );
    expect(r.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(r.errors?.[0]?.message).toBe('services (id "oil").recoveryRate: must be in (0, 1], got 1.5');
  });

  it('refuses a dangling reference naming the field', async () => {
    const r = await api.gql(
      'mutation { createService(input: { id: "oil", name: "Oil", sector: "atlantis" }) { id } }',
      {},
      planner,
    );
    expect(r.errors?.[0]?.message).toBe('services (id "oil").sector: unknown sector "atlantis"');
  });

  it('refuses a duplicate id, also of another kind', async () => {
    const r = await api.gql('mutation { createSector(input: { id: "power", name: "Clash" }) { id } }', {}, planner);
    expect(r.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(r.errors?.[0]?.message).toMatch(/"power".*already exists/);
  });

  it('updates with a patch and validates the result again', async () => {
    const ok = await api.gql(
      'mutation { updateService(id: "water", patch: { recoveryRate: 0.05, description: ' +
        '"Drinkwater" }) { recoveryRate description name } }',
      {},
      planner,
    );
    expect(ok.data.updateService).toEqual({ recoveryRate: 0.05, description: 'Drinkwater', name: 'Drinking water' });
    const cleared = await api.gql(
      'mutation { updateService(id: "water", patch: { description: null }) { description } }',
      {},
      planner,
    );
    expect(cleared.data.updateService.description).toBeNull();
    const bad = await api.gql(
      'mutation { updateService(id: "water", patch: { recoveryRate: 0 }) { id } }',
      {},
      planner,
    );
    expect(bad.errors?.[0]?.message).toBe('services (id "water").recoveryRate: must be in (0, 1], got 0');
    const missing = await api.gql('mutation { updateService(id: "nope", patch: { name: "x" }) { id } }', {}, planner);
    expect(missing.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('creates, updates and deletes a dependency', async () => {
    const c = await api.gql(
      'mutation { createDependency(input: { from: "telecom", to: "power", strength: 0.4, ' +
        'probability: 0.9, delayHours: 2 }) { from { id } to { id } strength probability ' +
        'delayHours } }',
      {},
      planner,
    );
    expect(c.errors).toBeUndefined();
    expect(c.data.createDependency).toEqual({
      from: { id: 'telecom' },
      to: { id: 'power' },
      strength: 0.4,
      probability: 0.9,
      delayHours: 2,
    });
    const dup = await api.gql(
      'mutation { createDependency(input: { from: "telecom", to: "power", strength: 0.1 }) { strength } }',
      {},
      planner,
    );
    expect(dup.errors?.[0]?.message).toBe('dependencies (telecom→power): already exists; update it instead');
    const u = await api.gql(
      'mutation { updateDependency(from: "telecom", to: "power", patch: { strength: 0.6 }) { strength probability } }',
      {},
      planner,
    );
    expect(u.data.updateDependency).toEqual({ strength: 0.6, probability: 0.9 });
    const bad = await api.gql(
      'mutation { updateDependency(from: "telecom", to: "power", patch: { probability: 2 }) { strength } }',
      {},
      planner,
    );
    expect(bad.errors?.[0]?.message).toBe('dependencies (telecom→power).probability: must be between 0 and 1, got 2');
    const wrongKind = await api.gql(
      'mutation { createDependency(input: { from: "telecom", to: "energy", strength: 0.1 }) { strength } }',
      {},
      planner,
    );
    expect(wrongKind.errors?.[0]?.message).toBe(
      'dependencies (telecom→energy).to: "energy" is in sectors, expected services',
    );
    const d = await api.gql('mutation { deleteDependency(from: "telecom", to: "power") }', {}, planner);
    expect(d.data.deleteDependency).toBe(true);
    const again = await api.gql('mutation { deleteDependency(from: "telecom", to: "power") }', {}, planner);
    expect(again.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('deletes a node with its relationships', async () => {
    const r = await api.gql('mutation { deleteService(id: "water") { id relationshipsRemoved } }', {}, planner);
    expect(r.data.deleteService).toEqual({ id: 'water', relationshipsRemoved: 2 });
    const m = await exportModel(graph);
    expect(m.dependencies.some((d) => d.from === 'water')).toBe(false);
  });

  it('refuses mutations to viewers and anonymous callers', async () => {
    const asViewer = await api.gql('mutation { createSector(input: { id: "x1", name: "X" }) { id } }', {}, viewer);
    expect(asViewer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const anonymous = await api.gql('mutation { createSector(input: { id: "x2", name: "X" }) { id } }');
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await exportModel(graph)).sectors.map((s) => s.id)).not.toContain('x1');
  });

  it('records every mutation in the audit trail with who and when', async () => {
    const admin = { authorization: `Bearer ${await issueToken(TEST_SECRET, { subject: 'root', role: 'admin' })}` };
    const r = await api.gql('{ auditLog(limit: 100) { at subject role action target details } }', {}, admin);
    const actions = r.data.auditLog.map((e: any) => `${e.subject}:${e.action}:${e.target}`);
    expect(actions).toContain('alice:create:services:telecom');
    expect(actions).toContain('alice:update:dependencies:telecom→power');
    expect(actions).toContain('alice:delete:services:water');
    expect(actions.some((a: string) => a.includes('x1'))).toBe(false);
    expect(Date.parse(r.data.auditLog[0].at)).toBeGreaterThan(Date.now() - 600_000);
    const denied = await api.gql('{ auditLog { id } }', {}, planner);
    expect(denied.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
