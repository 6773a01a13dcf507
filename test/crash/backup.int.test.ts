// weerbaar backup and restore through the real CLI: checksums, the automatic backups kept, restore as an undo.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testGraph, resetGraph } from '../helpers/graph.js';
import { exportModel, loadModel } from '../../src/graph/model-repository.js';
import { backupModel, modelText, sha256 } from '../../src/graph/backup.js';
import { ROOT } from '../../src/graph/config.js';
import type { Graph } from '../../src/graph/graph.js';
import { MODEL } from '../hardening/fixture.js';
import { run } from './helpers.js';

const BUILT = existsSync(join(ROOT, 'dist', 'cli', 'backup.js'));

describe.skipIf(!BUILT)('weerbaar backup and restore', () => {
  let graph: Graph;
  let dir: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    graph = await testGraph();
    await resetGraph(graph);
    await loadModel(graph, MODEL());
    dir = mkdtempSync(join(tmpdir(), 'weerbaar-backup-'));
    env = { WEERBAAR_BACKUP_DIR: join(dir, 'auto') };
  });
  afterAll(async () => {
    delete process.env.WEERBAAR_BACKUP_DIR;
    delete process.env.WEERBAAR_BACKUPS_KEEP;
    await graph?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses restore without a file when there is no automatic backup, naming the folder', async () => {
    const r = await run(['restore'], env);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^weerbaar: no automatic backup in .*auto; name a backup file/m);
  });

  it('writes a backup that is the export, with its checksum; refuses a damaged one', async () => {
    const file = join(dir, 'b.json');
    const r = await run(['backup', '--out', file], env);
    expect(r.code, r.stderr).toBe(0);
    const text = readFileSync(file, 'utf8');
    expect(text).toBe(modelText(await exportModel(graph)));
    expect(readFileSync(`${file}.sha256`, 'utf8')).toBe(`${sha256(text)}  b.json\n`);
    writeFileSync(file, text.replace('Long power outage', 'Long power outagE'));
    const bad = await run(['restore', file], env);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/b\.json: checksum mismatch .* the backup is damaged/);
  });

  it('keeps the newest automatic backups only, and never removes one made on request', async () => {
    process.env.WEERBAAR_BACKUP_DIR = join(dir, 'keep');
    process.env.WEERBAAR_BACKUPS_KEEP = '2';
    const manual = await backupModel(graph);
    for (const reason of ['one', 'two', 'three']) await backupModel(graph, { reason });
    const names = readdirSync(join(dir, 'keep'))
      .filter((n) => n.endsWith('.json'))
      .sort();
    expect(names.map((n) => n.replace(/^[\dT:-]+Z-/, ''))).toEqual(['manual.json', 'auto-two.json', 'auto-three.json']);
    expect(names).toContain(manual.path.split('/').pop());
  });

  it('restores as an undo: the second restore brings back the model the first one replaced', async () => {
    const original = modelText(await exportModel(graph));
    const other = join(dir, 'other.json');
    writeFileSync(other, modelText(MODEL()).replace('"hardening"', '"other"'));
    const first = await run(['restore', other], env);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toMatch(/automatic backup of the current model: .*auto-restore\.json/);
    expect((await exportModel(graph)).name).toBe('other');
    const undo = await run(['restore'], env);
    expect(undo.code, undo.stderr).toBe(0);
    expect(undo.stdout).toMatch(/the graph now exports exactly this backup/);
    expect(modelText(await exportModel(graph))).toBe(original);
  });
});
