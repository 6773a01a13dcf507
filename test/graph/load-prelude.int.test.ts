// `weerbaar load` makes the graph ready in a worker thread while it reads and validates the file
// (src/graph/load-prelude.ts, docs/loading.md): the backup it prepares is the model in the graph, it is read again
// when the model changed in between, and an invalid file leaves no backup and the graph as it was.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { testGraph, resetGraph } from '../helpers/graph.js';
import { exportModel, loadModel } from '../../src/graph/model-repository.js';
import { modelText, writeAutomaticBackup } from '../../src/graph/backup.js';
import { startLoadPrelude } from '../../src/graph/load-prelude.js';
import { validateModel } from '../../src/model/validate.js';
import { generateModel } from '../../src/simulation/generate.js';
import { ROOT } from '../../src/graph/config.js';
import type { Graph } from '../../src/graph/graph.js';
import { run } from '../crash/helpers.js';

const BUILT = existsSync(join(ROOT, 'dist', 'graph', 'load-prelude-worker.js'));
const model = (seed: string, services: number) =>
  validateModel(generateModel({ services, dependencies: services * 2, seed }));

describe.skipIf(!BUILT)('the load prelude', () => {
  let graph: Graph;
  let dir: string;
  const logs: string[] = [];
  const log = (s: string) => logs.push(s);

  beforeAll(async () => {
    graph = await testGraph();
    dir = mkdtempSync(join(tmpdir(), 'weerbaar-prelude-'));
    process.env.WEERBAAR_BACKUP_DIR = join(dir, 'backups');
  });
  beforeEach(async () => {
    await resetGraph(graph);
    rmSync(join(dir, 'backups'), { recursive: true, force: true });
    logs.length = 0;
  });
  afterAll(async () => {
    delete process.env.WEERBAAR_BACKUP_DIR;
    await graph?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('prepares the backup of the model in the graph, and nothing without a reset or a model', async () => {
    await loadModel(graph, model('in-graph', 30));
    const expected = modelText(await exportModel(graph));
    const { backup } = await startLoadPrelude({ reset: true, log }).result;
    expect(backup?.text).toBe(expected);
    expect((await startLoadPrelude({ reset: false, log }).result).backup).toBeNull();
    await resetGraph(graph);
    expect((await startLoadPrelude({ reset: true, log }).result).backup).toBeNull();
    expect(logs).toContain('no automatic backup: the graph holds no model');
  });

  it('writes the model as it is when it changed after the backup was prepared', async () => {
    await loadModel(graph, model('first', 20));
    const { backup } = await startLoadPrelude({ reset: true, log }).result;
    await loadModel(graph, model('second', 25));
    const now = modelText(await exportModel(graph));
    expect(backup?.text).not.toBe(now);
    const path = await writeAutomaticBackup(graph, backup!, 'test', log);
    expect(readFileSync(path!, 'utf8')).toBe(now);
  });

  it('an invalid file: exit 1 naming it, no backup written, the graph unchanged', async () => {
    await loadModel(graph, model('kept', 20));
    const before = modelText(await exportModel(graph));
    const bad = join(dir, 'bad.json');
    const broken = JSON.parse(JSON.stringify(model('bad', 20))) as { services: { recoveryRate: unknown }[] };
    broken.services[3]!.recoveryRate = 'fast';
    writeFileSync(bad, JSON.stringify(broken));
    const r = await run(['load', '--model', bad, '--reset'], { WEERBAAR_BACKUP_DIR: join(dir, 'backups') });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(bad);
    expect(r.stderr).toContain('recoveryRate');
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(join(dir, 'backups')) ? readdirSync(join(dir, 'backups')) : []).toEqual([]);
    expect(modelText(await exportModel(graph))).toBe(before);
  });
});
