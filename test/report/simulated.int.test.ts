// The simulated sections through the command line against the real Neo4j: a run stored by `weerbaar simulate`, frozen
// with a closed cycle and drawn in the Risicobeeld; the capability analysis's own simulations and portfolio; a party's
// measures. PDFs through real Chromium, read back with pdftotext and pdfinfo. Model: test/report/planning-fixture.ts.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testGraph, resetGraph } from '../helpers/graph.js';
import { loadModel } from '../../src/graph/model-repository.js';
import type { Graph } from '../../src/graph/graph.js';
import { createWeerbaar } from '../../src/server/app.js';
import { issueToken } from '../../src/server/auth.js';
import { PLANNING_MODEL } from './planning-fixture.js';

const cli = (...args: string[]) => spawnSync(process.execPath, ['bin/weerbaar.js', ...args], { encoding: 'utf8' });
const dir = mkdtempSync(join(tmpdir(), 'weerbaar-sim-report-'));
const pdfText = (file: string) =>
  spawnSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).stdout.replace(/\s+/g, ' ');
const RESTRICTED = ['Geheime dienst', 'Geheim criterium', 'Geheime capaciteit', 'Geheime maatregel', 'Bewaken'];

describe('simulated sections of the reports, from the graph', () => {
  let graph: Graph;
  beforeAll(async () => {
    graph = await testGraph();
    await resetGraph(graph);
    await graph.write('cycles', 'deleteAllCycles');
    await loadModel(graph, PLANNING_MODEL());
    const sim = cli(
      'simulate',
      '--scenario',
      'blackout',
      '--iterations',
      '20',
      '--seed',
      'stored',
      '--workers',
      '1',
      '--timeline',
    );
    expect(sim.status, sim.stderr).toBe(0);
    expect(cli('cycle', 'open', '2008').status).toBe(0);
    const decide = cli(
      'cycle',
      'decide',
      '2008',
      '--kind',
      'measure',
      '--target',
      'm-gen-small',
      '--owner',
      'p-grid',
      '--date',
      '2008-01-15',
    );
    expect(decide.status, decide.stderr).toBe(0);
  });
  afterAll(async () => {
    await graph.write('cycles', 'deleteAllCycles');
    await graph.close();
  });

  it('draws the stored run of the current graph: heat map table and histogram table in the PDF', () => {
    const out = join(dir, 'risk.pdf');
    const r = cli('report', 'risk-profile', '--out', out, '--date', '2008-06-01');
    expect(r.status, r.stderr).toBe(0);
    const t = pdfText(out);
    expect(t).toContain('de nieuwste afgeronde simulatie per scenario in de graaf');
    expect(t).toMatch(/Elektriciteit 80 ?% 72 0 ?% Drinkwater 40 ?% 73 0 ?%/);
    // Public edition: computed again on the public items (without the restricted shortfall: 2 × 168 M€).
    expect(t).toMatch(/Kosten C 0 ?% 0 ?% 0 ?% 100 ?% 0 ?% 0 ?% 336 336 M€/);
    for (const s of RESTRICTED) expect(t).not.toContain(s);
    const info = spawnSync('pdfinfo', [out], { encoding: 'utf8' }).stdout;
    for (const s of RESTRICTED) expect(info).not.toContain(s);
  });

  it('draws the runs frozen with a closed cycle, also after newer runs', () => {
    expect(cli('cycle', 'close', '2008').status).toBe(0);
    const again = cli('simulate', '--scenario', 'blackout', '--iterations', '3', '--seed', 'later', '--workers', '1');
    expect(again.status, again.stderr).toBe(0);
    const out = join(dir, 'risk-2008.html');
    const r = cli('report', 'risk-profile', '--cycle', '2008', '--format', 'html', '--edition', 'full', '--out', out);
    expect(r.status, r.stderr).toBe(0);
    const t = readFileSync(out, 'utf8')
      .replace(/<[^>]+>/g, ' ')
      .replace(/\s+/g, ' ');
    expect(t).toContain('de simulaties die bij het afsluiten van de cyclus zijn vastgelegd');
    expect(t).toMatch(/20 iteraties, seed stored/);
    expect(t).not.toContain('seed later');
    expect(t).toContain('Geheime dienst [beperkt]');
  });

  it('writes the capability analysis with simulated shortfalls and the recommended portfolio', () => {
    const out = join(dir, 'cap.pdf');
    const r = cli(
      'report',
      'capabilities',
      '--cycle',
      '2008',
      '--budget',
      '20000000',
      '--iterations',
      '20',
      '--out',
      out,
    );
    expect(r.status, r.stderr).toBe(0);
    const t = pdfText(out);
    expect(t).toContain('20 iteraties (seed 2008)');
    // Table cells wrap in the PDF: the row's figures in order.
    expect(t).toMatch(/Noodstroomaggregaten 100 ?% Langdurige 2 1 0,3262/);
    expect(t).toMatch(/1 maatregelen, kosten € 10\.000\.000, waarde 0,00002/);
    // Cells wrap in the PDF (a name's second word may follow the row's figures).
    expect(t).toMatch(/Aggregaten (bijkopen )?Netbeheerder (Hoogspanning )?€ 10\.000\.000 0,00002 ja 1 kern/);
    for (const s of RESTRICTED) expect(t).not.toContain(s);
    const bad = cli('report', 'capabilities', '--budget', 'lots', '--format', 'html', '--out', join(dir, 'x.html'));
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('--budget: must be a number ≥ 0, got "lots"');
  });

  it("writes a party's measures with the overdue one flagged", () => {
    const out = join(dir, 'party.pdf');
    const r = cli('report', 'party', '--cycle', '2008', '--party', 'p-grid', '--date', '2008-06-01', '--out', out);
    expect(r.status, r.stderr).toBe(0);
    const t = pdfText(out);
    // Table cells wrap in the PDF: the row's cells in order.
    expect(t).toMatch(/Aggregaten uitvoerder investering besloten € 10\.000\.000 € ?0 3 15 15 april over/);
    expect(t).toMatch(/Aggregatenpark uitvoerder investering voorgesteld € 30\.000\.000 € ?0 12 – – –/);
    expect(t).toContain('Over tijd: 1.');
    for (const s of RESTRICTED) expect(t).not.toContain(s);
  });

  it('serves the capability analysis over HTTP with the simulation options as query parameters', async () => {
    const secret = new TextEncoder().encode('simulated-report-secret-0123456789abcdef');
    const server = await (await createWeerbaar({ graph, auth: true, secret, workers: 1 })).listen(0, '127.0.0.1');
    try {
      const token = await issueToken(secret, { subject: 'grid', role: 'viewer', party: 'p-grid' });
      const get = (query: string) =>
        fetch(`${server.url}/reports/capabilities?${query}`, { headers: { authorization: `Bearer ${token}` } });
      const full = await get('format=html&edition=full&budget=20000000&iterations=20&seed=http');
      expect(full.status).toBe(200);
      const t = (await full.text()).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
      expect(t).toContain('20 iteraties (seed http)');
      // The party sees its restricted measure and capability: both gaps closed, V = 2e-5 + 3e-5.
      expect(t).toMatch(/2 maatregelen, kosten € 12\.000\.000, waarde 0,00005\./);
      expect(t).toContain('Geheime maatregel [beperkt]');
      const bad = await get('format=html&budget=lots');
      expect(bad.status).toBe(400);
      expect(((await bad.json()) as { error: { message: string } }).error.message).toBe(
        'budget: must be a number ≥ 0, got "lots"',
      );
    } finally {
      await server.close();
    }
  });
});
