// Signals, likelihood revisions and horizons through GraphQL on the real Neo4j: analysts edit signals (audited),
// planners and viewers may not; the risk assessment uses the latest revision the viewer sees; horizons filter.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testGraph, resetGraph } from '../helpers/graph.js';
import { testApp, TEST_SECRET } from '../helpers/server.js';
import { loadModel, exportModel } from '../../src/graph/model-repository.js';
import { validateModel } from '../../src/model/validate.js';
import { issueToken } from '../../src/server/auth.js';
import type { Graph } from '../../src/graph/graph.js';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getCycleSnapshot } from '../../src/graph/cycle-repository.js';

const cli = (...args: string[]) => spawnSync(process.execPath, ['bin/weerbaar.js', ...args], { encoding: 'utf8' });

/** Costs 100 → score 3 for each scenario; likelihood B (2), C (3), D (4): risk 6, 9, 12 before any revision. */
const HAND = () =>
  validateModel({
    vitalInterests: [{ id: 'vi', name: 'Economy' }],
    impactCriteria: [
      { id: 'costs', name: 'Costs', vitalInterest: 'vi', unit: 'M€', thresholds: [1, 10, 100, 1000, 10000] },
    ],
    threats: [{ id: 'th-digital', name: 'Digital' }],
    scenarios: [
      { id: 'sc-flood', name: 'Flood', likelihoodClass: 'B', horizon: 'long' },
      { id: 'sc-bank', name: 'Bank', likelihoodClass: 'C', horizon: 'short' },
      { id: 'sc-heat', name: 'Heat', likelihoodClass: 'D', horizon: 'short' },
      { id: 'sc-other', name: 'No horizon', likelihoodClass: 'A' },
    ],
    tasks: [{ id: 'evacuate', name: 'Evacuate', phase: 'response' }],
    capabilities: [
      { id: 'boats', name: 'Boats', unit: 'boats' },
      { id: 'cooling', name: 'Cooling', unit: 'centres' },
    ],
    needs: [{ task: 'evacuate', capability: 'boats', perUnit: 1 }],
    requirements: [
      { scenario: 'sc-flood', task: 'evacuate', demand: 10 },
      { scenario: 'sc-heat', task: 'evacuate', demand: 3 },
    ],
    parties: [{ id: 'p-aivd', name: 'AIVD', kind: 'other-government' }],
    scores: ['sc-flood', 'sc-bank', 'sc-heat', 'sc-other'].map((scenario) => ({
      scenario,
      criterion: 'costs',
      value: 100,
    })),
  });

describe('signals and horizons over GraphQL', () => {
  let graph: Graph;
  let api: Awaited<ReturnType<typeof testApp>>;
  const as: Record<string, Record<string, string>> = {};
  beforeAll(async () => {
    graph = await testGraph();
    await resetGraph(graph);
    await graph.write('cycles', 'deleteAllCycles');
    await loadModel(graph, HAND());
    api = await testApp(graph, { auth: true });
    for (const [subject, role, party] of [
      ['ann', 'analyst', 'p-aivd'],
      ['pete', 'planner', null],
      ['root', 'admin', null],
    ] as const) {
      as[subject] = {
        authorization: `Bearer ${await issueToken(TEST_SECRET, { subject, role, ...(party ? { party } : {}) })}`,
      };
    }
  });
  afterAll(async () => {
    await api.weerbaar.close();
    await graph.write('cycles', 'deleteAllCycles');
    await graph.close();
  });

  it('lets an analyst record a signal and reads it from its threat and scenario; planners may not', async () => {
    const create = `mutation { createSignal(input: { id: "sig-estonia", name: "Estland", observedOn: "2007-04-27",
      horizon: short, direction: "rising", strength: 4, threats: ["th-digital"], scenarios: ["sc-bank"],
      source: "NATO (2007)" }) { id strength threats { id } scenarios { id } } }`;
    const denied = await api.gql(create, {}, as.pete);
    expect(denied.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(denied.errors?.[0]?.message).toContain('changing the model needs the role analyst');
    const r = await api.gql(create, {}, as.ann);
    expect(r.errors).toBeUndefined();
    expect(r.data.createSignal).toEqual({
      id: 'sig-estonia',
      strength: 4,
      threats: [{ id: 'th-digital' }],
      scenarios: [{ id: 'sc-bank' }],
    });
    const back = await api.gql('{ node(id: "th-digital") { ... on Threat { signals { id } } } }', {}, as.ann);
    expect(back.data.node.signals).toEqual([{ id: 'sig-estonia' }]);
  });

  it('refuses a bad signal with a message naming the item and field', async () => {
    const r = await api.gql(
      `mutation { createSignal(input: { id: "sig-bad", name: "x", observedOn: "2007-02-30",
      horizon: short, direction: "rising", strength: 9, threats: ["th-digital"], source: "s" }) { id } }`,
      {},
      as.ann,
    );
    const msg = r.errors?.map((e) => e.message).join('\n') ?? '';
    expect(msg).toContain('signals (id "sig-bad").observedOn: must be a date that exists');
    expect(msg).toContain('signals (id "sig-bad").strength: must be from 1 to 5');
  });

  it(
    'uses the latest likelihood revision in the risk assessment, and a restricted one ' + 'only for its owner',
    async () => {
      const rank = async (who: Record<string, string>) => {
        const r = await api.gql(
          '{ riskAssessment { scenarios { scenario { id } likelihoodClass riskScore } } }',
          {},
          who,
        );
        expect(r.errors).toBeUndefined();
        return Object.fromEntries(
          r.data.riskAssessment.scenarios.map((s: any) => [s.scenario.id, `${s.likelihoodClass} ${s.riskScore}`]),
        );
      };
      expect((await rank(as.ann!))['sc-bank']).toBe('C 9');
      const up = await api.gql(
        `mutation { createLikelihoodRevision(input: { id: "rev-bank", name: "Bank naar E",
      scenario: "sc-bank", date: "2007-06-01", likelihoodClass: "E", justification: "Estland",
      signals: ["sig-estonia"] })
      { id scenario { id } signals { id } } }`,
        {},
        as.ann,
      );
      expect(up.errors).toBeUndefined();
      const older = await api.gql(
        `mutation { createLikelihoodRevision(input: { id: "rev-bank-0", name: "Bank naar D",
      scenario: "sc-bank", date: "2007-05-01", likelihoodClass: "D", justification: "eerder" }) { id } }`,
        {},
        as.ann,
      );
      expect(older.errors).toBeUndefined();
      expect((await rank(as.ann!))['sc-bank']).toBe('E 15');
      const secret = await api.gql(
        `mutation { createLikelihoodRevision(input: { id: "rev-heat", name: "Hitte",
      scenario: "sc-heat", date: "2007-07-01", likelihoodClass: "A", justification: "geheim",
      classification: restricted, owner: "p-aivd" }) { id } }`,
        {},
        as.ann,
      );
      expect(secret.errors).toBeUndefined();
      expect((await rank(as.ann!))['sc-heat']).toBe('A 3');
      expect((await rank({}))['sc-heat']).toBe('D 12');
      const none = await api.gql(
        `mutation { createLikelihoodRevision(input: { id: "rev-none", name: "x", scenario: "sc-bank",
      date: "2007-06-02", justification: "niets" }) { id } }`,
        {},
        as.ann,
      );
      expect(none.errors?.[0]?.message).toContain(
        'likelihoodRevisions (id "rev-none").likelihoodClass: give the new likelihoodClass, likelihood or both',
      );
    },
  );

  it('audits the changes and exports them in the model format', async () => {
    const log = await api.gql('{ auditLog(limit: 50) { subject action target } }', {}, as.root);
    const actions = log.data.auditLog.map((e: any) => `${e.subject}:${e.action}:${e.target}`);
    expect(actions).toContain('ann:create:signals:sig-estonia');
    expect(actions).toContain('ann:create:likelihoodRevisions:rev-bank');
    const model = await exportModel(graph);
    expect(model.signals.map((s) => s.id)).toEqual(['sig-estonia']);
    expect(model.likelihoodRevisions.find((r) => r.id === 'rev-bank')).toMatchObject({
      scenario: 'sc-bank',
      signals: ['sig-estonia'],
    });
  });

  it('filters the risk assessment and the gap analysis by horizon', async () => {
    const r = await api.gql(
      '{ riskAssessment(horizons: [short]) { scenarios { scenario { id } rank } } }',
      {},
      as.root,
    );
    expect(r.data.riskAssessment.scenarios.map((s: any) => `${s.scenario.id}:${s.rank}`)).toEqual([
      'sc-bank:1',
      'sc-heat:2',
    ]);
    const all = await api.gql('{ riskAssessment { scenarios { scenario { id } } } }', {}, as.root);
    expect(all.data.riskAssessment.scenarios).toHaveLength(4);
    const long = await api.gql(
      '{ riskAssessment(horizons: [long, medium]) { scenarios { scenario { id } } } }',
      {},
      as.root,
    );
    expect(long.data.riskAssessment.scenarios.map((s: any) => s.scenario.id)).toEqual(['sc-flood']);
    const gaps = async (h: string) =>
      (
        await api.gql(
          `{ gapAnalysis(horizons: ${h}) { scenarios { id }
      balance { capability { id } required } } }`,
          {},
          as.root,
        )
      ).data.gapAnalysis;
    const short = await gaps('[short]');
    expect(short.scenarios.map((s: any) => s.id)).toEqual(['sc-bank', 'sc-heat']);
    expect(short.balance.find((b: any) => b.capability.id === 'boats').required).toBe(3);
    expect((await gaps('[long]')).balance.find((b: any) => b.capability.id === 'boats').required).toBe(10);
    const bad = await api.gql('{ gapAnalysis(horizons: [soon]) { scenarios { id } } }', {}, as.root);
    expect(bad.errors?.[0]?.message).toBe(
      'gapAnalysis: horizons[0]: unknown Horizon "soon"; expected one of short, medium, long',
    );
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it(
    'freezes the revisions with a closed cycle, and the threat picture of the next cycle ' + 'says what moved and why',
    async () => {
      expect(cli('cycle', 'open', 'voorjaar').status).toBe(0);
      expect(cli('cycle', 'close', 'voorjaar').status).toBe(0);
      const down = await api.gql(
        `mutation { createLikelihoodRevision(input: { id: "rev-bank-2", name: "Bank terug naar B",
      scenario: "sc-bank", date: "2007-10-01", likelihoodClass: "B",
      justification: "Banken hebben hun verdediging op orde",
      signals: ["sig-estonia"] }) { id } }`,
        {},
        as.ann,
      );
      expect(down.errors).toBeUndefined();
      const frozen = await getCycleSnapshot(graph, 'voorjaar');
      const bank = (a: typeof frozen.assessment) =>
        a.rankings[0]!.scenarios.find((r) => r.scenario === 'sc-bank')!.likelihoodClass;
      expect(bank(frozen.assessment)).toBe('E');
      expect(cli('cycle', 'open', 'najaar').status).toBe(0);
      expect(cli('cycle', 'close', 'najaar').status).toBe(0);
      expect(bank((await getCycleSnapshot(graph, 'najaar')).assessment)).toBe('B');
      const out = join(mkdtempSync(join(tmpdir(), 'weerbaar-threat-')), 'dreigingsbeeld.html');
      const r = cli(
        'report',
        'threat-picture',
        '--cycle',
        'najaar',
        '--format',
        'html',
        '--date',
        '2007-12-01',
        '--since',
        '2007-01-01',
        '--out',
        out,
      );
      expect(r.status, r.stderr).toBe(0);
      const text = readFileSync(out, 'utf8')
        .replace(/<style>[\s\S]*?<\/style>/g, '')
        .replace(/<[^>]+>/g, ' ')
        .replace(/\s+/g, ' ');
      expect(text).toContain('Vergeleken met cyclus voorjaar.');
      expect(text).toContain('Bank E B 1 oktober 2007: Banken hebben hun verdediging op orde Estland');
      expect(text).toContain('27 april 2007 Estland kort stijgend 4 Bank NATO (2007)');
      const bad = cli(
        'report',
        'threat-picture',
        '--cycle',
        'najaar',
        '--format',
        'html',
        '--since',
        'gisteren',
        '--out',
        out,
      );
      expect(bad.status).not.toBe(0);
      expect(bad.stderr).toContain('since: must be a date YYYY-MM-DD, got "gisteren"');
    },
  );
});
