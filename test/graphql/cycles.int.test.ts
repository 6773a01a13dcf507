// Planning cycles over GraphQL on the real Neo4j: open, record decisions, close, compare; roles, enums, the access rule
// on decisions, and a closed cycle refusing changes (docs/reports.md, cycles).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testGraph, resetGraph } from '../helpers/graph.js';
import { testApp, TEST_SECRET } from '../helpers/server.js';
import { loadModel } from '../../src/graph/model-repository.js';
import { validateModel } from '../../src/model/validate.js';
import { issueToken } from '../../src/server/auth.js';
import type { Graph } from '../../src/graph/graph.js';
import { REPORT_MODEL } from '../report/fixture.js';

/** The report fixture with two measures: boats (p-min, 6 months) and cooling (p-vws, 24 months). */
const MODEL = () =>
  validateModel({
    ...REPORT_MODEL(),
    measures: [
      { id: 'm-boats', name: 'Meer reddingsboten', lead: 'p-min', instrument: 'investment', leadTimeMonths: 6 },
      {
        id: 'm-cool',
        name: 'Koelcentra inrichten',
        lead: 'p-vws',
        instrument: 'organisation',
        leadTimeMonths: 24,
        phases: ['preparation', 'response'],
      },
      { id: 'm-study', name: 'Studie', lead: 'p-min', instrument: 'policy', status: 'in-progress' },
    ],
    effects: [{ measure: 'm-boats', party: 'p-min', capability: 'boats', capacityDelta: 60 }],
  });

const DECIDE = `mutation($i: CycleDecisionInput!) {
  recordDecision(input: $i) { id status decisions { kind target status owner date } }
}`;

describe('planning cycles over GraphQL', () => {
  let graph: Graph;
  let api: Awaited<ReturnType<typeof testApp>>;
  const as: Record<string, Record<string, string>> = {};

  beforeAll(async () => {
    graph = await testGraph();
    await resetGraph(graph);
    await loadModel(graph, MODEL());
    api = await testApp(graph, { auth: true });
    const bearer = async (subject: string, role: 'viewer' | 'planner' | 'admin', party: string | null) => ({
      authorization: `Bearer ${await issueToken(TEST_SECRET, { subject, role, party })}`,
    });
    as.viewer = await bearer('a-viewer', 'viewer', 'p-min');
    as.min = await bearer('planner-min', 'planner', 'p-min');
    as.vws = await bearer('planner-vws', 'planner', 'p-vws');
  });
  afterAll(async () => {
    await api?.weerbaar.close();
    await graph?.close();
  });

  it('lets planners open a cycle and refuses viewers', async () => {
    const refused = await api.gql('mutation { openCycle(id: "2008") { id } }', {}, as.viewer);
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const opened = await api.gql(
      'mutation { openCycle(id: "2008", note: "eerste cyclus") { id status note } }',
      {},
      as.min,
    );
    expect(opened.errors).toBeUndefined();
    expect(opened.data.openCycle).toEqual({ id: '2008', status: 'open', note: 'eerste cyclus' });
  });

  it('records decisions with enum kinds and statuses, in order', async () => {
    const decide = (i: Record<string, unknown>, who = as.min) => api.gql(DECIDE, { i: { cycle: '2008', ...i } }, who);
    expect((await decide({ kind: 'priority', target: 'flood', date: '2008-01-10' })).errors).toBeUndefined();
    expect((await decide({ kind: 'priority', target: 'sabotage', date: '2008-01-10' })).errors).toBeUndefined();
    const boats = await decide({ kind: 'measure', target: 'm-boats', owner: 'p-min', date: '2008-01-15' });
    expect(boats.errors).toBeUndefined();
    await decide({ kind: 'measure', target: 'm-cool', owner: 'p-vws', date: '2008-02-01' }, as.vws);
    const last = await decide({ kind: 'status', target: 'm-boats', status: 'inProgress', date: '2008-03-01' });
    expect(last.errors).toBeUndefined();
    expect(last.data.recordDecision.decisions).toEqual([
      { kind: 'priority', target: 'flood', status: null, owner: null, date: '2008-01-10' },
      { kind: 'priority', target: 'sabotage', status: null, owner: null, date: '2008-01-10' },
      { kind: 'measure', target: 'm-boats', status: 'decided', owner: 'p-min', date: '2008-01-15' },
      { kind: 'measure', target: 'm-cool', status: 'decided', owner: 'p-vws', date: '2008-02-01' },
      { kind: 'status', target: 'm-boats', status: 'inProgress', owner: null, date: '2008-03-01' },
    ]);
  });

  it('refuses an unknown kind or status by the enum, naming the field and the values', async () => {
    const kind = await api.gql(DECIDE, { i: { cycle: '2008', kind: 'wish', target: 'flood' } }, as.min);
    expect(kind.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(kind.errors?.[0]?.message).toContain('priority, measure, status');
    const status = await api.gql(
      DECIDE,
      { i: { cycle: '2008', kind: 'status', target: 'm-boats', status: 'in-progress' } },
      as.min,
    );
    expect(status.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(status.errors?.[0]?.message).toContain('inProgress');
  });

  it('answers a decision on a hidden scenario as one on an unknown scenario, and hides such decisions', async () => {
    const ask = (target: string) =>
      api.gql(DECIDE, { i: { cycle: '2008', kind: 'priority', target, date: '2008-01-11' } }, as.vws);
    const hidden = await ask('sabotage');
    const unknown = await ask('no-such-scenario');
    expect(hidden.errors?.[0]?.message).toBe(unknown.errors?.[0]?.message.replace('no-such-scenario', 'sabotage'));
    expect(hidden.errors?.[0]?.message).toMatch(/unknown scenario "sabotage"/);
    const seen = await api.gql('{ cycle(id: "2008") { priorities decisions { target } } }', {}, as.vws);
    expect(seen.data.cycle.priorities).toEqual(['flood']);
    expect(seen.data.cycle.decisions.map((d: { target: string }) => d.target)).not.toContain('sabotage');
    const owner = await api.gql('{ cycle(id: "2008") { priorities } }', {}, as.min);
    expect(owner.data.cycle.priorities).toEqual(['flood', 'sabotage']);
  });

  it('reads and writes a measure’s status and phases as the same enums', async () => {
    const read = await api.gql(
      `{ node(id: "m-study") { ... on Measure { status } }
         m: node(id: "m-cool") { ... on Measure { phases } } }`,
      {},
      as.min,
    );
    expect(read.data).toEqual({ node: { status: 'inProgress' }, m: { phases: ['preparation', 'response'] } });
    const update = (status: string) =>
      api.gql(`mutation { updateMeasure(id: "m-study", patch: { status: ${status} }) { status } }`, {}, as.min);
    const done = await update('done');
    expect(done.errors).toBeUndefined();
    expect(done.data.updateMeasure.status).toBe('done');
    const quoted = await update('"done"');
    expect(quoted.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('closes a cycle, which then refuses decisions; compares two cycles: progressed and overdue measures', async () => {
    const closed = await api.gql('mutation { closeCycle(id: "2008") { id status checksum } }', {}, as.min);
    expect(closed.errors).toBeUndefined();
    expect(closed.data.closeCycle.status).toBe('closed');
    expect(closed.data.closeCycle.checksum).toMatch(/^[0-9a-f]{64}$/);
    const late = await api.gql(DECIDE, { i: { cycle: '2008', kind: 'priority', target: 'cyber' } }, as.min);
    expect(late.errors?.[0]?.message).toMatch(/2008.*closed/);

    expect((await api.gql('mutation { openCycle(id: "2009") { id } }', {}, as.min)).errors).toBeUndefined();
    const decide = (i: Record<string, unknown>) => api.gql(DECIDE, { i: { cycle: '2009', ...i } }, as.min);
    await decide({ kind: 'status', target: 'm-boats', status: 'inProgress', date: '2009-01-05' });
    await decide({ kind: 'status', target: 'm-cool', status: 'done', date: '2009-02-01' });
    expect((await api.gql('mutation { closeCycle(id: "2009") { id } }', {}, as.min)).errors).toBeUndefined();

    const cmp = await api.gql(
      `{ compareCycles(from: "2008", to: "2009") {
          from to progressed { measure before after } overdue { measure decidedOn dueOn status } } }`,
      {},
      as.min,
    );
    expect(cmp.errors).toBeUndefined();
    // m-cool went from decided (2008) to done; m-boats, decided 2008-01-15 with 6 months' lead time, was due on
    // 2008-07-15 and is still in progress when 2009 is closed.
    expect(cmp.data.compareCycles).toEqual({
      from: '2008',
      to: '2009',
      progressed: [{ measure: 'm-cool', before: 'decided', after: 'done' }],
      overdue: [{ measure: 'm-boats', decidedOn: '2008-01-15', dueOn: '2008-07-15', status: 'inProgress' }],
    });
    const list = await api.gql('{ cycles { id status } }', {}, as.viewer);
    expect(list.data.cycles).toEqual([
      { id: '2008', status: 'closed' },
      { id: '2009', status: 'closed' },
    ]);
  });
});
