// kill -9 of `weerbaar load --reset` while it deletes, writes nodes and writes relationships: afterwards the graph
// says it is incomplete (readiness, analyses, simulations, export), and `weerbaar restore` brings back the model from
// before the load, exactly. The CLI stops at a fixed point (WEERBAAR_CRASH_POINT, src/cli/crash-point.ts) and is
// killed there, so the state does not depend on timing.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testGraph, resetGraph } from '../helpers/graph.js';
import { testApp } from '../helpers/server.js';
import { countEntities, exportModel, loadModel } from '../../src/graph/model-repository.js';
import { readLoadState } from '../../src/graph/load-state.js';
import { modelText } from '../../src/graph/backup.js';
import { validateModel } from '../../src/model/validate.js';
import { generateModel } from '../../src/simulation/generate.js';
import { ROOT } from '../../src/graph/config.js';
import type { Graph } from '../../src/graph/graph.js';
import { run, weerbaar } from './helpers.js';

const BUILT = existsSync(join(ROOT, 'dist', 'cli', 'crash-point.js'));

describe.skipIf(!BUILT)('kill -9 of the CLI during a load', () => {
  let graph: Graph;
  let dir: string;
  let bigFile: string;
  let env: Record<string, string>;
  let before: string;
  let beforeCount: number;

  beforeAll(async () => {
    graph = await testGraph();
    await resetGraph(graph);
    // More nodes than one delete batch of the killed load (WEERBAAR_LOAD_BATCH), so its delete stops half-way.
    await loadModel(graph, validateModel(generateModel({ services: 150, dependencies: 300, seed: 'before' })));
    beforeCount = await countEntities(graph);
    before = modelText(await exportModel(graph));
    dir = mkdtempSync(join(tmpdir(), 'weerbaar-crash-'));
    bigFile = join(dir, 'big.json');
    const big = validateModel(generateModel({ services: 200, dependencies: 400, seed: 'crash' }));
    writeFileSync(bigFile, JSON.stringify(big));
    env = { WEERBAAR_BACKUP_DIR: join(dir, 'backups') };
  });
  afterAll(async () => {
    await graph.write('load-state', 'endLoad');
    await graph?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  for (const point of ['delete', 'services', 'dependencies']) {
    const moment = point === 'delete' ? 'deleting' : `writing ${point}`;
    it(`while ${moment}: marked incomplete, refused, and restored exactly`, async () => {
      const load = weerbaar(['load', '--model', bigFile, '--reset'], {
        // Small batches: every step writes several, so the crash point is in the middle of the step.
        ...env,
        WEERBAAR_CRASH_POINT: point,
        WEERBAAR_LOAD_BATCH: '100',
      });
      await load.waitFor(new RegExp(`crash point reached: ${point}`));
      await load.kill9();

      // Whatever part was written, the graph says the model is incomplete.
      const state = await readLoadState(graph);
      expect(state).toMatchObject({ incomplete: true, source: bigFile, reset: true, command: 'load --reset' });
      const left = await countEntities(graph);
      expect(left).toBeGreaterThan(0);
      if (point === 'delete') expect(left).toBeLessThan(beforeCount);
      await expect(exportModel(graph)).rejects.toMatchObject({ code: 'MODEL_INCOMPLETE' });
      const { app, gql } = await testApp(graph);
      const ready = await app.fetch('http://localhost/ready');
      expect(ready.status).toBe(503);
      expect(await ready.text()).toMatch(/incomplete.*weerbaar restore/s);
      const gaps = await gql('{ gapAnalysis { gaps { capability { id } } } }');
      expect(gaps.errors?.[0]?.extensions?.code).toBe('MODEL_INCOMPLETE');
      expect(gaps.errors?.[0]?.message).toMatch(/incomplete: a load of .*big\.json.* did not finish/);
      const sim = await gql('mutation { runSimulation(input: { scenario: "sc-x", iterations: 9, seed: "x" }) { id } }');
      expect(sim.errors?.[0]?.extensions?.code).toBe('MODEL_INCOMPLETE');

      if (point === 'delete') {
        // `start` does not load the default model over it, and says what happened and how to recover.
        const start = weerbaar(['start', '--port', '4122', '--no-auth'], env);
        try {
          await start.waitFor(/weerbaar is running/, 120_000);
          expect(start.stderr()).toMatch(/The model in the graph is INCOMPLETE: a load of .*big\.json.*did not finish/);
          expect(start.stderr()).toMatch(/weerbaar restore/);
          expect(start.stderr()).not.toMatch(/Loaded the default model/);
          expect(await countEntities(graph)).toBe(left);
        } finally {
          await start.kill9();
        }
      }

      // The way back: the automatic backup written before the load.
      const restored = await run(['restore'], env);
      expect(restored.stderr).toMatch(/no automatic backup: the model in the graph is incomplete/);
      expect(restored.code, restored.stderr).toBe(0);
      expect((await readLoadState(graph)).incomplete).toBe(false);
      expect(modelText(await exportModel(graph))).toBe(before);
      expect((await app.fetch('http://localhost/ready')).status).toBe(200);
    });
  }
});
