// Distributed runs on a real Redis (Debian's redis-server) with real `weerbaar worker` processes: the same result as a
// local run whatever the workers do, a worker killed mid-chunk, Redis stopped mid-run, cancellation, and the CLI.
import { spawn } from 'node:child_process';
import { readFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { validateModel } from '../../src/model/validate.js';
import { generateModel } from '../../src/simulation/generate.js';
import { runSimulation, type SimulationResult } from '../../src/simulation/run.js';
import { QueueExecutor } from '../../src/simulation/queue/executor.js';
import { startRedis, startWorker, type RedisServer, type WorkerProcess } from '../helpers/redis.js';
import { testGraph, resetGraph } from '../helpers/graph.js';
import { testApp } from '../helpers/server.js';
import { exportModel, loadModel } from '../../src/graph/model-repository.js';
import { readModelFile } from '../../src/model/validate.js';
import { defaultModelPath } from '../../src/graph/connect.js';
import type { ProgressEvent } from '../../src/server/jobs.js';

const model = validateModel(generateModel({ services: 300, dependencies: 1500, seed: 'queue' }));
// A long horizon makes one iteration about 10^7 edge-steps: a chunk (a few iterations) takes ~0.3–1 s, long enough
// to kill a worker in the middle of one.
const options = { scenario: 'generated', iterations: 16, seed: 'distributed', horizonHours: 168 * 40, timeline: true };

/** The result without what legitimately differs between runs: the clock and the worker count. */
function comparable(r: SimulationResult) {
  const { elapsedMs: _e, workers: _w, ...meta } = r.meta;
  return { ...r, meta };
}

let redis: RedisServer;
let local: SimulationResult;
const workers: WorkerProcess[] = [];

async function worker(url = redis.url): Promise<WorkerProcess> {
  const w = await startWorker(url, ['--lock-ms', '1500']);
  workers.push(w);
  return w;
}

beforeAll(async () => {
  redis = await startRedis(0);
  local = await runSimulation(model, { ...options, workers: 1 });
  // Not trivially equal: the run has spread and uncertainty to reproduce.
  expect(local.totalImpact.halfWidth95).toBeGreaterThan(0);
  expect(local.timeline!.services.length).toBe(300);
}, 120_000);

afterAll(async () => {
  await Promise.all(workers.map((w) => w.kill()));
  await redis?.kill();
});

/** Waiting and running jobs left in the queue. */
async function queued(url: string): Promise<number> {
  const c = new Redis(url);
  try {
    return (await c.llen('weerbaar:simulation-chunks:wait')) + (await c.llen('weerbaar:simulation-chunks:active'));
  } finally {
    c.disconnect();
  }
}

describe('distributed runs on BullMQ', () => {
  it('gives the local result bit for bit with two remote worker processes', async () => {
    const [a, b] = await Promise.all([worker(), worker()]);
    const executor = new QueueExecutor(redis.url);
    const seen: number[] = [];
    try {
      const onProgress = (done: number) => {
        seen.push(done);
      };
      const remote = await runSimulation(model, { ...options, workers: 1 }, { executor, onProgress });
      expect(comparable(remote)).toEqual(comparable(local));
      expect(Object.is(remote.totalImpact.mean, local.totalImpact.mean)).toBe(true);
    } finally {
      await executor.close();
    }
    // Both workers took part, and progress went up to the total once.
    await a!.waitFor(/: done in/, 5000);
    await b!.waitFor(/: done in/, 5000);
    expect(seen.at(-1)).toBe(16);
    expect(seen).toEqual([...seen].sort((x, y) => x - y));
    await a!.kill('SIGTERM');
    await b!.kill('SIGTERM');
  });

  it('retries the chunk of a worker killed in its middle elsewhere, counts it once, same result', async () => {
    const victim = await worker();
    const survivor = await worker();
    const executor = new QueueExecutor(redis.url);
    const seen: number[] = [];
    try {
      const run = runSimulation(model, { ...options, workers: 1 }, { executor, onProgress: (done) => seen.push(done) });
      const started = await victim.waitFor(/: started$/);
      await victim.kill('SIGKILL');
      const chunk = started.replace(/: started$/, '');
      const remote = await run;
      expect(comparable(remote)).toEqual(comparable(local));
      // The victim died inside that chunk; the survivor computed it after the lock expired.
      expect(victim.lines.some((l) => l.startsWith(`${chunk}: done`))).toBe(false);
      // (Its report reaches Redis just before its log line reaches this process.)
      await survivor.waitFor(new RegExp(`^${chunk.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: done in`), 5000);
      // Counted once: progress never passes the total and every value is new.
      expect(seen.at(-1)).toBe(16);
      expect(new Set(seen).size).toBe(seen.length);
    } finally {
      await executor.close();
      await survivor.kill('SIGTERM');
    }
  });

  it('cancels every chunk: the run rejects at once and nothing stays queued or running', async () => {
    const a = await worker();
    const b = await worker();
    const executor = new QueueExecutor(redis.url);
    const abort = new AbortController();
    let progressed = 0;
    try {
      const run = runSimulation(
        model,
        { ...options, iterations: 200, workers: 1 },
        {
          executor,
          signal: abort.signal,
          onProgress: (done) => {
            progressed = done;
            if (done >= 2) abort.abort();
          },
        },
      );
      const t = Date.now();
      await expect(run).rejects.toMatchObject({ name: 'AbortError' });
      expect(Date.now() - t).toBeLessThan(15_000);
      expect(progressed).toBeLessThan(200);
      // Workers drop the rest: the queue empties within a chunk's time, and no chunk starts after that.
      const deadline = Date.now() + 5000;
      while ((await queued(redis.url)) > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      expect(await queued(redis.url)).toBe(0);
      const startedSoFar = a.lines.concat(b.lines).filter((l) => /: started$/.test(l)).length;
      await new Promise((r) => setTimeout(r, 1000));
      expect(a.lines.concat(b.lines).filter((l) => /: started$/.test(l)).length).toBe(startedSoFar);
      expect(startedSoFar).toBeLessThan(40);
    } finally {
      await executor.close();
      await a.kill('SIGTERM');
      await b.kill('SIGTERM');
    }
  });

  it('fails the run with a clear message, without hanging, when Redis stops mid-run', async () => {
    const doomed = await startRedis(1);
    await worker(doomed.url);
    const executor = new QueueExecutor(doomed.url, { unavailableMs: 2000 });
    let killed = 0;
    try {
      const run = runSimulation(
        model,
        { ...options, iterations: 200, workers: 1 },
        {
          executor,
          onProgress: (done) => {
            if (done >= 1 && !killed) {
              killed = Date.now();
              void doomed.kill();
            }
          },
        },
      );
      const message = new RegExp(`Redis stopped answering for 2 s at redis://127\\.0\\.0\\.1:${doomed.port}`);
      await expect(run).rejects.toThrow(message);
      expect(killed).toBeGreaterThan(0);
      expect(Date.now() - killed).toBeLessThan(10_000);
    } finally {
      await executor.close();
      await doomed.kill();
    }
  });

  it('fails the run, naming the iterations, when the job of a chunk is lost from the queue', async () => {
    const executor = new QueueExecutor(redis.url);
    const c = new Redis(redis.url);
    try {
      // No worker yet: every job waits. One disappears (as when BullMQ fails a job that stalled too often).
      const run = runSimulation(model, { ...options, workers: 1 }, { executor });
      run.catch(() => {});
      let waiting: string[] = [];
      for (let k = 0; k < 100 && waiting.length === 0; k++) {
        await new Promise((r) => setTimeout(r, 50));
        waiting = await c.lrange('weerbaar:simulation-chunks:wait', 0, -1);
      }
      expect(waiting.length).toBeGreaterThan(0);
      const lost = waiting.at(-1)!;
      const { Queue } = await import('bullmq');
      const queue = new Queue('simulation-chunks', { connection: { url: redis.url }, prefix: 'weerbaar' });
      expect(await queue.remove(lost)).toBe(1);
      await queue.close();
      const w = await worker();
      const start = Number(lost.slice(lost.lastIndexOf('-') + 1));
      await expect(run).rejects.toThrow(new RegExp(`iterations ${start}–\\d+ were lost`));
      await w.kill('SIGTERM');
    } finally {
      c.disconnect();
      await executor.close();
    }
  });

  it('says so at once when Redis cannot be reached', async () => {
    const gone = await startRedis(2);
    await gone.kill();
    const executor = new QueueExecutor(gone.url, { unavailableMs: 2000 });
    const t = Date.now();
    try {
      const message = new RegExp(
        `cannot reach Redis at redis://127\\.0\\.0\\.1:${gone.port} .*start Redis or check --redis / REDIS_URL`,
      );
      await expect(runSimulation(model, { ...options, workers: 1 }, { executor })).rejects.toThrow(message);
    } finally {
      await executor.close();
    }
    expect(Date.now() - t).toBeLessThan(5000);
  });

  it('weerbaar simulate --redis writes the same result JSON as a local run', async () => {
    const w = await worker();
    const dir = await mkdtemp(join(tmpdir(), 'weerbaar-queue-'));
    const run = (args: string[]) =>
      new Promise<{ code: number | null; stderr: string }>((resolve) => {
        const p = spawn(
          process.execPath,
          [
            'bin/weerbaar.js',
            'simulate',
            '--model',
            'simulations/nederland.json',
            '--scenario',
            'sc-blackout-randstad',
            '--iterations',
            '300',
            '--seed',
            '7',
            '--timeline',
            '--no-progress',
            ...args,
          ],
          { env: { ...process.env, REDIS_URL: '' } },
        );
        let stderr = '';
        p.stderr.on('data', (d) => {
          stderr += d;
        });
        p.on('exit', (code) => resolve({ code, stderr }));
      });
    try {
      const [remote, here] = await Promise.all([
        run(['--redis', redis.url, '--out', join(dir, 'remote.json')]),
        run(['--workers', '2', '--out', join(dir, 'local.json')]),
      ]);
      expect(remote.stderr).toMatch(/300 iterations in/);
      expect(remote.code).toBe(0);
      expect(here.code).toBe(0);
      const read = async (f: string) =>
        comparable(JSON.parse(await readFile(join(dir, f), 'utf8')) as SimulationResult);
      expect(await read('remote.json')).toEqual(await read('local.json'));
      const bad = await run(['--redis', 'http://example']);
      expect(bad.code).toBe(1);
      expect(bad.stderr).toMatch(/--redis: expected a redis:\/\/ or rediss:\/\/ URL, got "http:\/\/example"/);
    } finally {
      await w.kill('SIGTERM');
    }
  });
});

const START = 'mutation($i: SimulationInput!) { runSimulation(input: $i) { id } }';
const STATUS = 'query($id: ID!) { simulationRun(id: $id) { status error result } }';

describe('distributed runs through the API', () => {
  it('streams progress, stores the local result; an unreachable Redis fails the run', async () => {
    const graph = await testGraph();
    const w = await worker();
    try {
      await resetGraph(graph);
      const nl = await readModelFile(defaultModelPath());
      await loadModel(graph, nl);
      const input = { scenario: 'sc-blackout-randstad', iterations: 400, seed: 'api-queue', workers: 1 };
      // The job simulates the model as exported from the graph (its order of items decides the draws).
      const expected = await runSimulation(await exportModel(graph), { ...input, timeline: true });

      const api = await testApp(graph, { redis: redis.url });
      const jobs = api.weerbaar.parts.jobs!;
      try {
        const started = await api.gql(START, { i: input });
        expect(started.errors).toBeUndefined();
        const id = started.data.runSimulation.id as string;
        const events: ProgressEvent[] = [];
        for await (const e of jobs.subscribe(id)) {
          events.push(e);
          if (['done', 'failed', 'cancelled'].includes(e.status)) break;
        }
        expect(events.at(-1)).toMatchObject({ status: 'done', error: null });
        const partial = events.filter((e) => e.status === 'running' && e.iterationsDone > 0 && e.iterationsDone < 400);
        expect(partial.length).toBeGreaterThan(0);
        const run = (await api.gql(STATUS, { id })).data.simulationRun;
        expect(run.status).toBe('done');
        expect(comparable(run.result)).toEqual(comparable(JSON.parse(JSON.stringify(expected))));
        await w.waitFor(/: done in/, 5000);
      } finally {
        await api.weerbaar.close();
      }

      const gone = await startRedis(3);
      await gone.kill();
      const down = await testApp(graph, { redis: gone.url });
      try {
        const started = await down.gql(START, { i: input });
        const id = started.data.runSimulation.id as string;
        let run: { status: string; error: string | null } = { status: 'queued', error: null };
        const t = Date.now();
        // (The stored error follows the live status by one write.)
        while (!(['done', 'cancelled'].includes(run.status) || run.error) && Date.now() - t < 20_000) {
          await new Promise((r) => setTimeout(r, 100));
          run = (await down.gql(STATUS, { id })).data.simulationRun;
        }
        expect(run.status).toBe('failed');
        expect(run.error).toMatch(new RegExp(`cannot reach Redis at redis://127\\.0\\.0\\.1:${gone.port}`));
      } finally {
        await down.weerbaar.close();
      }
    } finally {
      await resetGraph(graph);
      await graph.close();
      await w.kill('SIGTERM');
    }
  });
});
