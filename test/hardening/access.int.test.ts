// Access over every path of the API: what anonymous callers, a party and admins see; who may write and start runs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { testGraph, resetGraph } from '../helpers/graph.js';
import { loadModel, exportModel } from '../../src/graph/model-repository.js';
import { schema } from '../../src/schema/index.js';
import { ROOT } from '../../src/graph/config.js';
import { createWeerbaar } from '../../src/server/app.js';
import type { Graph } from '../../src/graph/graph.js';
import { HIDDEN, MODEL, idsIn, liveServer, selectAll, token, type LiveServer } from './fixture.js';

const NAMES_OF_HIDDEN: Record<string, string> = {
  scada: 'Grid control',
  vault: 'Vault',
  cyber: 'Cyber attack on the grid',
  'c-cyber': 'Cyber response team',
  'p-spy': 'Spy agency',
};
const LISTS = [
  'vitalInterests',
  'impactCriteria',
  'threats',
  'incidentCategories',
  'scenarios',
  'sectors',
  'services',
  'tasks',
  'capabilities',
  'parties',
];
const ALL_IDS = [
  'energy',
  'power',
  'water',
  'scada',
  'vault',
  'blackout',
  'cyber',
  't-restore',
  'c-gen',
  'c-cyber',
  'p-min',
  'p-ngo',
  'p-spy',
];

describe('access: classification on every read path', () => {
  let graph: Graph;
  let live: LiveServer;
  const auth: Record<string, Record<string, string>> = {};
  const runs: Record<string, string> = {};

  beforeAll(async () => {
    graph = await testGraph();
    await resetGraph(graph);
    await loadModel(graph, MODEL());
    live = await liveServer(graph, {
      limits: { maxTokens: 50_000, maxCost: 10_000_000, maxDepth: 20, maxAliases: 100 },
    });
    for (const [name, role, party] of [
      ['admin', 'admin', null],
      ['ministry', 'viewer', 'p-min'],
      ['ngo', 'viewer', 'p-ngo'],
      ['analyst', 'analyst', 'p-min'],
      ['planner', 'planner', 'p-ngo'],
      ['plannerMin', 'planner', 'p-min'],
      ['viewer', 'viewer', null],
    ] as const) {
      auth[name] = { authorization: `Bearer ${await token(role, party)}` };
    }
    auth.anonymous = {};
    // A finished run of each scenario, so that run lists and results are covered.
    for (const s of ['blackout', 'cyber']) {
      const r = await live.post(
        {
          query:
            `mutation { runSimulation(input: { scenario: "${s}", iterations: 40, seed: "h7", ` +
            `workers: 1 }) { id } }`,
        },
        auth.admin,
      );
      expect(r.json.errors).toBeUndefined();
      runs[s] = r.json.data.runSimulation.id;
    }
    for (const id of Object.values(runs)) {
      for (let i = 0; i < 300; i++) {
        const r = await live.post({ query: `{ simulationRun(id: "${id}") { status error } }` }, auth.admin);
        if (r.json.data.simulationRun.status === 'done') break;
        expect(['queued', 'running']).toContain(r.json.data.simulationRun.status);
        await new Promise((res) => setTimeout(res, 100));
      }
    }
  });
  afterAll(async () => {
    await live?.shutdown();
    await graph?.close();
  });

  /** Every read the API offers, each nested two to three levels deep, for one viewer. */
  async function everything(headers: Record<string, string>): Promise<unknown[]> {
    const s = schema();
    const answers: unknown[] = [];
    const ask = async (query: string) => {
      const r = await live.post({ query }, headers);
      expect(r.status, query.slice(0, 80)).toBe(200);
      expect(r.json.errors, query.slice(0, 120)).toBeUndefined();
      answers.push(r.json.data);
    };
    for (const list of LISTS) {
      const nodeType = s
        .getQueryType()!
        .getFields()
        [list]!.type.toString()
        .replace(/!$/, '')
        .replace('Connection', 'ConnectionEdge');
      const edge = s.getType(nodeType) as any;
      const node = edge.getFields().node.type.toString().replace(/!$/, '');
      await ask(`{ ${list}(first: 1000) { totalCount edges { node { ${selectAll(s, node, 2)} } } } }`);
    }
    await ask(`{ gapAnalysis { ${selectAll(s, 'GapAnalysis', 3)} } }`);
    const riskType = s.getQueryType()!.getFields().riskAssessment!.type.toString().replace(/!$/, '');
    await ask(`{ riskAssessment { ${selectAll(s, riskType, 3)} } }`);
    await ask(`{ simulationRuns { ${selectAll(s, 'SimulationRun', 1)} } }`);
    for (const id of ALL_IDS) {
      await ask(
        `{ node(id: "${id}") { ${selectAll(s, 'Entity', 2)} } party(id: "${id}") { ` +
          `${selectAll(s, 'Party', 2)} } search(text: "${id}") { id name } }`,
      );
    }
    await ask(`{ search(text: "", limit: 1000) { id name } }`);
    for (const id of Object.values(runs))
      await ask(`{ simulationRun(id: "${id}") { ${selectAll(s, 'SimulationRun', 2)} } }`);
    return answers;
  }

  for (const viewer of ['anonymous', 'ministry', 'ngo'] as const) {
    it(
      `never shows ${viewer === 'anonymous' ? 'an anonymous caller' : `the ${viewer}`} an ` +
        `item it may not see, on any path`,
      async () => {
        const seen = idsIn(await everything(auth[viewer]!));
        for (const id of HIDDEN[viewer]) {
          expect(seen.has(id), `${viewer} sees "${id}"`).toBe(false);
          expect(seen.has(NAMES_OF_HIDDEN[id]!), `${viewer} sees the name of "${id}"`).toBe(false);
        }
        // The filter is not simply hiding everything: what the viewer may see is there.
        for (const id of ['power', 'water', 'blackout', 'c-gen', 'p-min', 'p-ngo'])
          expect(seen.has(id), `${viewer} misses "${id}"`).toBe(true);
        if (viewer === 'ministry')
          for (const id of ['scada', 'cyber', 'c-cyber'])
            expect(seen.has(id), `ministry misses its own "${id}"`).toBe(true);
      },
    );
  }

  it('shows an admin everything', async () => {
    const seen = idsIn(await everything(auth.admin!));
    for (const id of ALL_IDS) expect(seen.has(id), id).toBe(true);
  });

  it('counts only visible items in totalCount, and aggregates only visible holdings', async () => {
    const q =
      '{ services { totalCount } parties { totalCount } gapAnalysis { balance { capability ' +
      '{ id } available holders { party { id } } } } }';
    const count = async (who: string) => (await live.post({ query: q }, auth[who])).json.data;
    const anon = await count('anonymous');
    expect([anon.services.totalCount, anon.parties.totalCount]).toEqual([2, 2]);
    expect(anon.gapAnalysis.balance.find((b: any) => b.capability.id === 'c-gen').available).toBe(4);
    const min = await count('ministry');
    expect(min.services.totalCount).toBe(3);
    const admin = await count('admin');
    expect([admin.services.totalCount, admin.parties.totalCount]).toEqual([4, 3]);
    expect(admin.gapAnalysis.balance.find((b: any) => b.capability.id === 'c-gen').available).toBe(13);
  });

  it('shows a restricted relationship to the party at one of its ends only', async () => {
    const q = '{ node(id: "water") { responsibleParties { party { id } role } } }';
    const parties = async (who: string) =>
      (await live.post({ query: q }, auth[who])).json.data.node.responsibleParties.map((r: any) => r.party.id);
    expect(await parties('ngo')).toEqual(['p-ngo']);
    expect(await parties('anonymous')).toEqual([]);
    expect(await parties('ministry')).toEqual([]);
  });

  it('hides runs of hidden scenarios and filters result rows by visibility', async () => {
    const q = (id: string) => `{ simulationRun(id: "${id}") { scenarioId createdBy result } }`;
    expect((await live.post({ query: q(runs.cyber!) }, auth.anonymous)).json.data.simulationRun).toBeNull();
    expect((await live.post({ query: q(runs.cyber!) }, auth.ministry)).json.data.simulationRun.scenarioId).toBe(
      'cyber',
    );
    const anon = (await live.post({ query: q(runs.blackout!) }, auth.anonymous)).json.data.simulationRun;
    expect(anon.createdBy).toBeNull();
    expect(anon.result.services.map((r: any) => r.id).sort()).toEqual(['power', 'water']);
    expect(anon.result.capabilities.map((r: any) => r.id)).toEqual(['c-gen']);
    expect(anon.result.timeline.services.map((r: any) => r.id).sort()).toEqual(['power', 'water']);
    const admin = (await live.post({ query: q(runs.blackout!) }, auth.admin)).json.data.simulationRun;
    expect(admin.result.services.map((r: any) => r.id).sort()).toEqual(['power', 'scada', 'vault', 'water']);
    const listed = (
      await live.post({ query: '{ simulationRuns { id } }' }, auth.anonymous)
    ).json.data.simulationRuns.map((r: any) => r.id);
    expect(listed).toEqual([runs.blackout]);
    // The limit applies after visibility: a hidden newer run does not take the anonymous caller's only slot.
    const first = (
      await live.post({ query: '{ simulationRuns(limit: 1) { id } }' }, auth.anonymous)
    ).json.data.simulationRuns.map((r: any) => r.id);
    expect(first).toEqual([runs.blackout]);
  });

  describe('writes', () => {
    const code = (r: { json: any }) => r.json.errors?.[0]?.extensions?.code;

    it('need planner or admin for the model, analyst or admin for simulations', async () => {
      const create = 'mutation { createSector(input: { id: "s-new", name: "New" }) { id } }';
      expect(code(await live.post({ query: create }, auth.anonymous))).toBe('UNAUTHENTICATED');
      expect(code(await live.post({ query: create }, auth.viewer))).toBe('FORBIDDEN');
      expect(code(await live.post({ query: create }, auth.analyst))).toBe('FORBIDDEN');
      const ok = await live.post({ query: create }, auth.planner);
      expect(ok.json.errors).toBeUndefined();
      const del = await live.post({ query: 'mutation { deleteSector(id: "s-new") { id } }' }, auth.admin);
      expect(del.json.errors).toBeUndefined();
      const run =
        'mutation { runSimulation(input: { scenario: "blackout", iterations: 10, seed: "x", workers: 1 }) { id } }';
      expect(code(await live.post({ query: run }, auth.anonymous))).toBe('UNAUTHENTICATED');
      expect(code(await live.post({ query: run }, auth.viewer))).toBe('FORBIDDEN');
      expect(code(await live.post({ query: run }, auth.planner))).toBe('FORBIDDEN');
      const cancel = `mutation { cancelSimulation(id: "${runs.blackout}") { id } }`;
      expect(code(await live.post({ query: cancel }, auth.viewer))).toBe('FORBIDDEN');
      expect(code(await live.post({ query: '{ auditLog { id } }' }, auth.planner))).toBe('FORBIDDEN');
    });

    it('let a non-admin change only what it sees, and classify only so that it still sees it', async () => {
      const before = await exportModel(graph);
      const attempts: [string, string, string][] = [
        ['updateService(id: "scada", patch: { name: "x" }) { id }', 'planner', 'NOT_FOUND'],
        ['deleteService(id: "vault") { id }', 'plannerMin', 'NOT_FOUND'],
        ['deleteDependency(from: "water", to: "scada")', 'planner', 'NOT_FOUND'],
        [
          'updateResponsibility(party: "p-ngo", target: "water", patch: { role: "lead" }) { role }',
          'plannerMin',
          'NOT_FOUND',
        ],
        [
          'createService(input: { id: "s-c", name: "c", sector: "energy", classification: confidential }) { id }',
          'plannerMin',
          'FORBIDDEN',
        ],
        [
          'createService(input: { id: "s-r", name: "r", sector: "energy", classification: ' +
            'restricted, owner: "p-min" }) { id }',
          'planner',
          'FORBIDDEN',
        ],
        [
          'updateService(id: "power", patch: { classification: restricted, owner: "p-min" }) { id }',
          'planner',
          'FORBIDDEN',
        ],
        [
          'createDependency(input: { from: "power", to: "water", strength: 0.1, ' +
            'classification: restricted }) { strength }',
          'plannerMin',
          'FORBIDDEN',
        ],
      ];
      for (const [m, who, expected] of attempts)
        expect(code(await live.post({ query: `mutation { ${m} }` }, auth[who])), m).toBe(expected);
      expect(await exportModel(graph)).toEqual(before);
      // Allowed: restricted to one's own party.
      const ok = await live.post(
        {
          query:
            'mutation { createService(input: { id: "s-own", name: "Own", sector: "energy", ' +
            'classification: restricted, owner: "p-min" }) { id owner } }',
        },
        auth.plannerMin,
      );
      expect(ok.json.errors).toBeUndefined();
      expect((await live.post({ query: '{ node(id: "s-own") { id } }' }, auth.ngo)).json.data.node).toBeNull();
      await live.post({ query: 'mutation { deleteService(id: "s-own") { id } }' }, auth.plannerMin);
    });

    it('audits starting and cancelling a simulation', async () => {
      const started = await live.post(
        {
          query:
            'mutation { runSimulation(input: { scenario: "blackout", iterations: 20000, seed: ' +
            '"audit", workers: 1 }) { id } }',
        },
        auth.analyst,
      );
      expect(started.json.errors).toBeUndefined();
      const id = started.json.data.runSimulation.id;
      const cancelled = await live.post(
        { query: `mutation { cancelSimulation(id: "${id}") { id status } }` },
        auth.analyst,
      );
      expect(cancelled.json.errors).toBeUndefined();
      const log = (
        await live.post({ query: `{ auditLog(target: "${id}") { action subject role party } }` }, auth.admin)
      ).json.data.auditLog;
      expect(log.map((e: any) => e.action).sort()).toEqual(['cancel:simulationRuns', 'start:simulationRuns']);
      expect(log.every((e: any) => e.subject === 'analyst-p-min' && e.role === 'analyst' && e.party === 'p-min')).toBe(
        true,
      );
    });
  });
});

describe('running without authentication', () => {
  it('is announced by the composition root', async () => {
    const graph = await testGraph();
    try {
      const lines: string[] = [];
      const weerbaar = await createWeerbaar({ graph, auth: false, log: (s) => lines.push(s), workers: 1 });
      await weerbaar.close();
      expect(lines.join('\n')).toMatch(/WARNING: authentication is OFF \(--no-auth\)/);
      await expect(createWeerbaar({ graph, auth: true, log: () => {}, secret: undefined })).rejects.toThrow(
        /WEERBAAR_JWT_SECRET is not set.*--no-auth/s,
      );
    } finally {
      await graph.close();
    }
  });

  it.skipIf(!existsSync(join(ROOT, 'dist', 'cli', 'main.js')))(
    'is announced by `weerbaar serve --no-auth`, which stops cleanly on SIGTERM',
    async () => {
      const child = spawn(
        process.execPath,
        [join(ROOT, 'bin', 'weerbaar.js'), 'serve', '--no-auth', '--port', '0', '--host', '127.0.0.1'],
        { env: { ...process.env, WEERBAAR_JWT_SECRET: '' }, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      let out = '';
      child.stdout.on('data', (d) => (out += String(d)));
      child.stderr.on('data', (d) => (out += String(d)));
      const exited = new Promise<number | null>((res) => child.once('exit', (c) => res(c)));
      const deadline = Date.now() + 60_000;
      while (!/weerbaar is running/.test(out) && Date.now() < deadline && child.exitCode === null)
        await new Promise((r) => setTimeout(r, 100));
      expect(out).toMatch(/WARNING: authentication is OFF/);
      expect(out).toMatch(/weerbaar is running/);
      child.kill('SIGTERM');
      const code = await Promise.race([exited, new Promise<string>((r) => setTimeout(() => r('hung'), 30_000))]);
      expect(code).toBe(0);
    },
  );
});
