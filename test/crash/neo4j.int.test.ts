// kill -9 of Neo4j itself during `weerbaar load --reset`: a Neo4j this file starts on its own port and data folder (it
// never kills one that another process uses). The load stops at a crash point, Neo4j is killed, and only then does
// the load go on (WEERBAAR_CRASH_RESUME), so the moment does not depend on timing. Afterwards: the load ends within
// bounded time with exit 1 and a message that says what happened and the way back; once Neo4j is restarted the graph
// says it is incomplete (readiness, analyses, export), and `weerbaar restore` brings back the model from before
// exactly. One kill: restarting Neo4j is most of the time this file takes (the moments of a kill of the CLI are in
// load.int.test.ts).
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resetGraph } from '../helpers/graph.js';
import { testApp } from '../helpers/server.js';
import { Graph } from '../../src/graph/graph.js';
import { countEntities, exportModel, loadModel } from '../../src/graph/model-repository.js';
import { readLoadState } from '../../src/graph/load-state.js';
import { modelText } from '../../src/graph/backup.js';
import { localServerConfig, ROOT } from '../../src/graph/config.js';
import { startLocal, stopLocal } from '../../src/graph/local-server.js';
import { validateModel } from '../../src/model/validate.js';
import { generateModel } from '../../src/simulation/generate.js';
import { run, weerbaar } from './helpers.js';

const BUILT = existsSync(join(ROOT, 'dist', 'cli', 'crash-point.js'));
/** The Neo4j this file starts, kills and restarts; not the one of the other integration tests. */
const PORT = Number(process.env.WEERBAAR_CRASH_NEO4J_PORT ?? 7713);
const HOME = resolve(ROOT, '.weerbaar', `neo4j-crash-${PORT}`);
/** How long a load may take to give up once Neo4j is gone (the driver retries for 5 s, connects within 5 s). */
const GIVE_UP_MS = 30_000;

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe.skipIf(!BUILT)('kill -9 of Neo4j during a load', () => {
  const cfg = localServerConfig({ port: PORT, home: HOME, heapMb: 512, pageCacheMb: 128 });
  let pid: number;
  let graph: Graph;
  let dir: string;
  let bigFile: string;
  let env: Record<string, string>;
  let before: string;

  const connect = async () => {
    const g = new Graph({ config: { uri: `bolt://127.0.0.1:${PORT}`, local: true } });
    await g.ping();
    await g.applySchema();
    return g;
  };

  /** Starts this file's Neo4j; refuses one that already runs there, since the test is going to kill it. */
  async function startOwn() {
    const started = await startLocal(cfg);
    if (!started.started) {
      throw new Error(
        `a Neo4j already runs on port ${PORT} (pid ${started.pid}); this test kills the Neo4j it starts, so it does ` +
          'not use that one: stop it or set WEERBAAR_CRASH_NEO4J_PORT to a free port',
      );
    }
    pid = started.pid;
    graph = await connect();
  }

  async function killNeo4j() {
    await graph.close();
    process.kill(pid, 'SIGKILL');
    const deadline = Date.now() + 10_000;
    while (alive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(alive(pid), `Neo4j pid ${pid} still alive after SIGKILL`).toBe(false);
  }

  beforeAll(async () => {
    await startOwn();
    await resetGraph(graph);
    dir = mkdtempSync(join(tmpdir(), 'weerbaar-neo4j-crash-'));
    bigFile = join(dir, 'big.json');
    const bigModel = validateModel(generateModel({ services: 200, dependencies: 400, seed: 'crash' }));
    writeFileSync(bigFile, JSON.stringify(bigModel));
    await loadModel(graph, validateModel(generateModel({ services: 150, dependencies: 300, seed: 'before' })));
    before = modelText(await exportModel(graph));
    // The CLI uses this file's Neo4j (and would find it running, never start its own while it is down).
    env = {
      NEO4J_URI: '',
      WEERBAAR_NEO4J_PORT: String(PORT),
      WEERBAAR_NEO4J_HOME: HOME,
      WEERBAAR_BACKUP_DIR: join(dir, 'backups'),
    };
  }, 300_000);
  afterAll(async () => {
    await graph?.close();
    await stopLocal(cfg, 30_000);
    if (dir) rmSync(dir, { recursive: true, force: true });
  }, 120_000);

  /** `weerbaar load --model big.json --reset` stopped at `point`, Neo4j killed under it, then let go on. */
  async function loadWhileNeo4jDies(point: string) {
    const resume = join(dir, `resume-${point}`);
    const load = weerbaar(['load', '--model', bigFile, '--reset'], {
      ...env,
      WEERBAAR_CRASH_POINT: point,
      WEERBAAR_CRASH_RESUME: resume,
      // Small batches, one at a time: the point is in the middle of the step and no write is in flight at the kill.
      WEERBAAR_LOAD_BATCH: '100',
      WEERBAAR_LOAD_CONCURRENCY: '1',
    });
    try {
      await load.waitFor(new RegExp(`crash point reached: ${point}`));
      await killNeo4j();
      writeFileSync(resume, '');
      const t0 = Date.now();
      const timer = setTimeout(() => load.proc.kill('SIGKILL'), GIVE_UP_MS + 10_000);
      const { code, signal } = await load.exited;
      clearTimeout(timer);
      const took = Date.now() - t0;
      const stderr = load.stderr();
      // It ends by itself, in bounded time, with exit 1 and one message: what happened and the way back.
      expect(signal, stderr).toBeNull();
      expect(took, stderr).toBeLessThan(GIVE_UP_MS);
      expect(code, stderr).toBe(1);
      expect(stderr).toMatch(/crash point released/);
      const message = stderr.split('\n').filter((l) => l.startsWith('weerbaar: '));
      expect(message, stderr).toHaveLength(1);
      expect(message[0]).toMatch(/^weerbaar: the load of .*big\.json did not finish: Neo4j is unavailable: /);
      expect(message[0]).toMatch(
        /The graph stays marked incomplete .*once Neo4j answers again, recover with `weerbaar restore`/,
      );
      expect(stderr).not.toMatch(/internal error|^\s+at /m);
    } finally {
      await load.kill9();
    }
    await startOwn();
  }

  /** After the restart: nothing half-written is served as whole. */
  async function expectIncomplete() {
    expect(await readLoadState(graph)).toMatchObject({ incomplete: true, source: bigFile, reset: true });
    expect(await countEntities(graph)).toBeGreaterThan(0);
    const exported = await run(['export'], env);
    expect(exported.code).toBe(1);
    expect(exported.stderr).toMatch(/^weerbaar: the model in the graph is incomplete: a load of .*big\.json/m);
    const { app, gql, weerbaar: parts } = await testApp(graph);
    try {
      const ready = await app.fetch('http://localhost/ready');
      expect(ready.status).toBe(503);
      expect(await ready.text()).toMatch(/incomplete.*weerbaar restore/s);
      for (const query of ['{ gapAnalysis { gaps { capability { id } } } }', '{ riskAssessment { method } }']) {
        const answer = await gql(query);
        expect(answer.errors?.[0]?.extensions?.code, query).toBe('MODEL_INCOMPLETE');
        expect(answer.errors?.[0]?.message).toMatch(/incomplete: a load of .*big\.json.* did not finish/);
      }
    } finally {
      await parts.close();
    }
  }

  const ready = async () => {
    const { app, weerbaar: parts } = await testApp(graph);
    try {
      return (await app.fetch('http://localhost/ready')).status;
    } finally {
      await parts.close();
    }
  };

  it(
    'while writing nodes: refused after the restart, and `weerbaar restore` brings back ' + 'the model exactly',
    async () => {
      await loadWhileNeo4jDies('services');
      await expectIncomplete();

      const restored = await run(['restore'], env);
      expect(restored.code, restored.stderr).toBe(0);
      expect(restored.stderr).toMatch(/no automatic backup: the model in the graph is incomplete/);
      expect(restored.stdout).toMatch(/the graph now exports exactly this backup/);
      expect((await readLoadState(graph)).incomplete).toBe(false);
      const backups = readdirSync(join(dir, 'backups')).filter((n) => n.endsWith('.json'));
      // The automatic backup of `load --reset` (the one restored); restore wrote none of the incomplete graph.
      expect(backups).toHaveLength(1);
      expect(modelText(await exportModel(graph))).toBe(before);
      expect(readFileSync(join(dir, 'backups', backups[0]!), 'utf8')).toBe(before);
      expect(await ready()).toBe(200);
      // Two starts of Neo4j's JVM (its kill and restart) are most of this test: on a busy machine a start alone can
      // take a minute. The bound under test is the load's (GIVE_UP_MS), not the restart's.
    },
    300_000,
  );
});
