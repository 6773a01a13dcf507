// Cycles in the real Neo4j through the CLI, and the reports made from them (PDF through real Chromium, read back with
// pdftotext/pdftoppm): frozen content, decisions, comparison, editions and the reader of a token.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testGraph, resetGraph } from '../helpers/graph.js';
import { loadModel } from '../../src/graph/model-repository.js';
import { issueToken } from '../../src/server/auth.js';
import type { Graph } from '../../src/graph/graph.js';
import { REPORT_MODEL } from './fixture.js';

const SECRET = 'cycles-test-secret-0123456789abcdefghij';
const env = { ...process.env, WEERBAAR_JWT_SECRET: SECRET };
const cli = (...args: string[]) => spawnSync(process.execPath, ['bin/weerbaar.js', ...args], { encoding: 'utf8', env });
const dir = mkdtempSync(join(tmpdir(), 'weerbaar-report-'));
const pdfText = (file: string) =>
  spawnSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).stdout.replace(/\s+/g, ' ');

/** Share of non-white pixels of a page rendered to greyscale (PGM). */
function inked(file: string, page: number): number {
  const prefix = join(dir, `page-${page}`);
  const r = spawnSync('pdftoppm', ['-r', '30', '-gray', '-f', String(page), '-l', String(page), file, prefix]);
  expect(r.status).toBe(0);
  const out = readdirSync(dir).find((f) => f.startsWith(`page-${page}`) && f.endsWith('.pgm'))!;
  const pgm = readFileSync(join(dir, out));
  // P5 header: magic, width, height, maxval, each followed by whitespace.
  let pos = 0;
  for (let fields = 0; fields < 4; fields++) {
    while (/\s/.test(String.fromCharCode(pgm[pos]!))) pos++;
    while (!/\s/.test(String.fromCharCode(pgm[pos]!))) pos++;
  }
  const pixels = pgm.subarray(pos + 1);
  let dark = 0;
  for (const p of pixels) if (p < 200) dark++;
  return dark / pixels.length;
}

describe('planning cycles and their reports', () => {
  let graph: Graph;
  beforeAll(async () => {
    graph = await testGraph();
    await resetGraph(graph);
    await graph.write('cycles', 'deleteAllCycles');
    await loadModel(graph, REPORT_MODEL());
  });
  afterAll(async () => {
    await graph.write('cycles', 'deleteAllCycles');
    await graph.close();
  });

  it('opens a cycle, records a priority, closes it, and refuses to change it afterwards', () => {
    expect(cli('cycle', 'open', '2007', '--note', 'eerste cyclus').status).toBe(0);
    const again = cli('cycle', 'open', '2007');
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('cycle "2007".id: a cycle with this id already exists');
    const bad = cli('cycle', 'decide', '2007', '--kind', 'priority', '--target', 'atlantis', '--date', '2007-13-01');
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('.target: unknown scenario "atlantis"');
    expect(bad.stderr).toContain('.date: must be a date YYYY-MM-DD, got "2007-13-01"');
    expect(
      cli(
        'cycle',
        'decide',
        '2007',
        '--kind',
        'priority',
        '--target',
        'flood',
        '--date',
        '2007-11-01',
        '--owner',
        'p-min',
      ).status,
    ).toBe(0);
    expect(cli('cycle', 'close', '2007').status).toBe(0);
    const late = cli('cycle', 'decide', '2007', '--kind', 'priority', '--target', 'cyber');
    expect(late.status).toBe(1);
    expect(late.stderr).toMatch(/cycle "2007": closed on .*decisions go into an open cycle/);
    expect(cli('cycle', 'close', '2007').stderr).toMatch(/already closed/);
    const shown = JSON.parse(cli('cycle', 'show', '2007').stdout);
    expect(shown).toMatchObject({ id: '2007', status: 'closed', priorities: ['flood'] });
    expect(shown.checksum).toMatch(/^[0-9a-f]{64}$/);
  });

  it('keeps a closed cycle frozen when the model changes, and compares it with the next', async () => {
    const m = REPORT_MODEL();
    m.holdings[0]!.capacity = 400;
    m.scenarios.find((s) => s.id === 'flood')!.likelihoodClass = 'E';
    await loadModel(graph, m, { reset: true });
    expect(cli('cycle', 'open', '2008').status).toBe(0);
    expect(cli('cycle', 'close', '2008').status).toBe(0);
    const cmp = cli('cycle', 'compare', '2007', '2008');
    expect(cmp.status, cmp.stderr).toBe(0);
    const c = JSON.parse(cmp.stdout);
    expect(c.gapsClosed).toEqual(['boats']);
    expect(c.moved.find((x: { scenario: string }) => x.scenario === 'flood')).toMatchObject({
      rankBefore: 3,
      rankAfter: 2,
    });
    // The 2007 capability analysis still shows the shortfall of 80 boats.
    const out = join(dir, 'cap-2007.html');
    expect(cli('report', 'capabilities', '--cycle', '2007', '--format', 'html', '--out', out).status).toBe(0);
    expect(
      readFileSync(out, 'utf8')
        .replace(/<[^>]+>/g, ' ')
        .replace(/\s+/g, ' '),
    ).toMatch(/Reddingsboten 100 20 20 80/);
    const list = JSON.parse(cli('cycle', 'list').stdout) as { id: string; status: string }[];
    expect(list.map((x) => [x.id, x.status])).toEqual([
      ['2007', 'closed'],
      ['2008', 'closed'],
    ]);
  });

  it(
    'writes the Risicobeeld of a cycle as a PDF with text, page numbers and inked pages, ' +
      'public without restricted items',
    () => {
      const out = join(dir, 'rb-2007.pdf');
      const r = cli('report', 'risk-profile', '--cycle', '2007', '--out', out);
      expect(r.status, r.stderr).toBe(0);
      const text = pdfText(out);
      expect(text).toContain('Risicobeeld Nederland');
      expect(text).toContain('2007 (afgesloten)');
      expect(text).toContain('Openbare versie');
      expect(text).toMatch(/Aanval op betalingsverkeer\s+D\s+2,5\s+B\s+10/);
      expect(text).toContain('Het kabinet gaf in deze cyclus prioriteit aan: Overstroming Kust.');
      expect(text).toMatch(/Pagina 1 van \d+/);
      expect(text).not.toContain('Geheime sabotage');
      const info = spawnSync('pdfinfo', [out], { encoding: 'utf8' }).stdout;
      expect(info).toMatch(/Title:\s+Risicobeeld Nederland — Openbare versie/);
      expect(info).toMatch(/Tagged:\s+yes/);
      expect(info).not.toMatch(/sabotage/i);
      expect(inked(out, 1)).toBeGreaterThan(0.005);
      expect(inked(out, 5)).toBeGreaterThan(0.005);
    },
  );

  it('shows restricted items in the full edition only to readers who may see them', async () => {
    const full = join(dir, 'full.pdf');
    expect(
      cli('report', 'risk-profile', '--cycle', '2007', '--edition', 'full', '--lang', 'en', '--out', full).status,
    ).toBe(0);
    expect(pdfText(full)).toMatch(/Geheime sabotage \[restricted\]/);
    const secret = new TextEncoder().encode(SECRET);
    const owner = await issueToken(secret, { subject: 'bzk', role: 'viewer', party: 'p-min' });
    const other = await issueToken(secret, { subject: 'zeeland', role: 'viewer', party: 'p-other' });
    const a = join(dir, 'owner.html');
    const b = join(dir, 'other.html');
    expect(
      cli('report', 'risk-profile', '--edition', 'full', '--format', 'html', '--token', owner, '--out', a).status,
    ).toBe(0);
    expect(
      cli('report', 'risk-profile', '--edition', 'full', '--format', 'html', '--token', other, '--out', b).status,
    ).toBe(0);
    expect(readFileSync(a, 'utf8')).toContain('Geheime sabotage');
    expect(readFileSync(b, 'utf8')).not.toContain('Geheime sabotage');
    const forged = cli('report', 'risk-profile', '--format', 'html', '--token', `${owner}x`, '--out', b);
    expect(forged.status).toBe(1);
    expect(forged.stderr).toContain('--token: invalid');
  });

  it('writes the progress report between two cycles', () => {
    const out = join(dir, 'progress.html');
    const read = (edition: string) => {
      const r = cli('report', 'progress', '--cycle', '2008', '--format', 'html', '--edition', edition, '--out', out);
      expect(r.status, r.stderr).toBe(0);
      return readFileSync(out, 'utf8')
        .replace(/<style>[\s\S]*?<\/style>/, '')
        .replace(/<[^>]+>/g, ' ')
        .replace(/\s+/g, ' ');
    };
    const full = read('full');
    expect(full).toContain('Voortgangsrapportage');
    expect(full).toContain('Reddingsboten gesloten');
    expect(full).toContain('Vergeleken met 2007');
    // With the restricted scenario, flood moves from rank 3 to 2; the public edition ranks without it (2 in both).
    expect(full).toMatch(/Overstroming Kust 3 2 B\/B E\/B/);
    expect(read('public')).toMatch(/Overstroming Kust 2 2 B\/B E\/B/);
    const none = cli('report', 'progress', '--cycle', '2007', '--format', 'html', '--out', out);
    expect(none.status).toBe(1);
    expect(none.stderr).toContain('progress: the progress report compares two cycles');
  });
});
