// Creating an item with the id of an item the caller cannot see answers exactly as an invalid id does, and the admin
// finds the collision in the audit trail.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testGraph, resetGraph } from '../helpers/graph.js';
import { loadModel } from '../../src/graph/model-repository.js';
import type { Graph } from '../../src/graph/graph.js';
import { MODEL, HIDDEN, liveServer, token, type LiveServer } from './fixture.js';

describe('ids do not reveal hidden items', () => {
  let graph: Graph;
  let live: LiveServer;
  let ngo: Record<string, string>;
  let admin: Record<string, string>;

  beforeAll(async () => {
    graph = await testGraph();
    await resetGraph(graph);
    await loadModel(graph, MODEL());
    live = await liveServer(graph);
    ngo = { authorization: `Bearer ${await token('planner', 'p-ngo')}` };
    admin = { authorization: `Bearer ${await token('admin', null, 'the-admin')}` };
  });
  afterAll(async () => {
    await live?.shutdown();
    await graph?.close();
  });

  const CREATE = 'mutation($id: ID!) { createSector(input: { id: $id, name: "X" }) { id } }';
  const createSector = async (id: string, headers: Record<string, string>) =>
    (await live.post({ query: CREATE, variables: { id } }, headers)).json;
  /** The answer with the id taken out: what the caller learns beyond what they typed. */
  const shape = (answer: any, id: string) =>
    JSON.parse(JSON.stringify(answer).split(JSON.stringify(id).slice(1, -1)).join('<id>'));

  it('answers a hidden id exactly as an invalid one, for every hidden kind', async () => {
    const invalid = shape(await createSector('-not valid', ngo), '-not valid');
    expect(invalid.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(invalid.errors[0].message).toMatch(/^sectors \(id "<id>"\)\.id: cannot be used/);
    for (const id of HIDDEN.ngo) {
      const answer = await createSector(id, ngo);
      expect(shape(answer, id), id).toEqual(invalid);
      expect(JSON.stringify(answer), id).not.toMatch(/exists|hidden|restricted|confidential/i);
    }
    // Nothing was created, and the hidden items are as they were.
    const rows = await graph.read('mutations', 'kindsOf', { ids: [...HIDDEN.ngo] });
    expect(rows.map((r) => [r.id, r.kind]).sort()).toEqual([
      ['c-cyber', 'Capability'],
      ['cyber', 'Scenario'],
      ['p-spy', 'Party'],
      ['scada', 'Service'],
      ['vault', 'Service'],
    ]);
  });

  it('answers a reference to a hidden node exactly as one to an unknown id (kind included)', async () => {
    const DEP =
      'mutation($to: ID!) { createDependency(input: { from: "power", to: $to, strength: 0.1 }) { strength } }';
    const CAP =
      'mutation($cap: ID!) { createHolding(input: { party: "p-ngo", capability: $cap, capacity: 1 }) { capacity } }';
    const answer = async (query: string, variables: Record<string, string>, id: string) =>
      shape((await live.post({ query, variables }, ngo)).json, id);
    // Hidden services and an unknown id read alike; a hidden scenario does not say "is in scenarios".
    const unknown = await answer(DEP, { to: 'no-such-service' }, 'no-such-service');
    expect(unknown.errors[0].message).toMatch(/\.to: "<id>" not found$/);
    for (const id of ['scada', 'vault', 'cyber']) expect(await answer(DEP, { to: id }, id), id).toEqual(unknown);
    const unknownCap = await answer(CAP, { cap: 'no-such-capability' }, 'no-such-capability');
    expect(unknownCap.errors[0].message).toMatch(/\.capability: "<id>" not found$/);
    expect(await answer(CAP, { cap: 'c-cyber' }, 'c-cyber')).toEqual(unknownCap);
    // The owner of the restricted service may reference it (the dependency is new: the refusals wrote nothing).
    const min = { authorization: `Bearer ${await token('planner', 'p-min')}` };
    const own = await live.post({ query: DEP, variables: { to: 'scada' } }, min);
    expect(own.json.errors, JSON.stringify(own.json.errors)).toBeUndefined();
  });

  it('still says "already exists" for a visible id, and creates a free one', async () => {
    expect((await createSector('power', ngo)).errors[0].message).toMatch(/"power".*already exists/);
    expect((await createSector('s-free', ngo)).data.createSector.id).toBe('s-free');
  });

  it('tells the admin: the collision is in the audit trail under the id; admins get the plain answer', async () => {
    const log = await live.post({ query: '{ auditLog(target: "scada") { action party target details } }' }, admin);
    expect(log.json.data.auditLog).toContainEqual(
      expect.objectContaining({ action: 'refused-id:sectors', party: 'p-ngo', target: 'scada' }),
    );
    expect((await createSector('scada', admin)).errors[0].message).toMatch(/"scada".*already exists/);
  });
});
