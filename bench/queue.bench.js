// Benchmark of distributed runs: a real redis-server and 1 or 2 `weerbaar worker` processes on this machine, against
// the local engine; the overhead per chunk (round trip through Redis and a worker) and the bytes a chunk carries.
// Needs redis-server (sh .ci/install-redis.sh). WEERBAAR_REDIS_PORT picks its port (default: one the system hands out).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';

const dist = (p) => new URL(`../dist/${p}`, import.meta.url).href;
const { validateModel, readModelFile } = await import(dist('model/validate.js'));
const { generateModel } = await import(dist('simulation/generate.js'));
const { runSimulation } = await import(dist('simulation/run.js'));
const { compileModel } = await import(dist('simulation/compile.js'));
const { recordLayout } = await import(dist('simulation/kernel/compiled.js'));
const { timelineRowLength } = await import(dist('simulation/kernel/iterate.js'));
const { QueueExecutor } = await import(dist('simulation/queue/executor.js'));

const fmt = (x, d = 2) => x.toFixed(d);
const root = fileURLToPath(new URL('..', import.meta.url));
const load = loadavg()
  .map((l) => fmt(l))
  .join(' ');
const cpu = cpus()[0]?.model ?? 'unknown CPU';
console.log(`machine: ${availableParallelism()} cores, ${cpu}, node ${process.version}, load average ${load}`);

const redisBin = ['/usr/bin/redis-server', '/usr/local/bin/redis-server'].find((p) => existsSync(p));
if (!redisBin) {
  console.error('bench queue: redis-server is missing; run sh .ci/install-redis.sh');
  process.exit(1);
}
const port =
  Number(process.env.WEERBAAR_REDIS_PORT) ||
  (await new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const p = s.address().port;
      s.close(() => resolve(p));
    });
  }));
const url = `redis://127.0.0.1:${port}`;
const redisArgs = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'];
const redis = spawn(redisBin, redisArgs, { stdio: 'ignore' });
await new Promise((r) => setTimeout(r, 300));

const workers = [];
async function startWorkers(n) {
  for (let k = 0; k < n; k++) {
    const args = ['bin/weerbaar.js', 'worker', '--redis', url];
    const p = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
    let out = '';
    await new Promise((resolve, reject) => {
      p.stderr.on('data', (d) => {
        out += d;
        if (out.includes('taking chunks from')) resolve();
      });
      p.once('exit', () => reject(new Error(`worker exited: ${out}`)));
    });
    workers.push(p);
  }
}
async function stopWorkers() {
  const stop = (p) =>
    new Promise((resolve) => {
      p.once('exit', resolve);
      p.kill('SIGTERM');
    });
  await Promise.all(workers.splice(0).map(stop));
}

const comparable = (r) => JSON.stringify({ ...r, meta: { ...r.meta, elapsedMs: 0, workers: 0 } });
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
async function timed(label, fn, repeat = 3) {
  const ms = [];
  let result;
  for (let k = 0; k < repeat; k++) {
    const t = performance.now();
    result = await fn();
    ms.push(performance.now() - t);
  }
  const all = ms.map((m) => fmt(m / 1000)).join(', ');
  console.log(`${label.padEnd(58)} ${fmt(median(ms) / 1000)} s (median of ${repeat}: ${all})`);
  return { result, ms: median(ms) };
}

const executor = new QueueExecutor(url);
const same = (a, b) => {
  if (comparable(a) !== comparable(b)) throw new Error('distributed result differs from the local one');
};
try {
  // --- throughput: a large model, 1 vs 2 worker processes, against the local engine ---------------------------------
  const big = validateModel(generateModel({ services: 5000, dependencies: 30000, seed: 'bench' }));
  const options = { scenario: 'generated', iterations: 200, seed: 'bench', horizonHours: 168, timeline: false };
  console.log(`\nmodel: 5,000 services, 30,000 dependencies; ${options.iterations} iterations × 168 h, no timeline`);
  const one = await timed('local, 1 thread (in-process)', () => runSimulation(big, { ...options, workers: 1 }));
  await timed('local, 2 worker threads', () => runSimulation(big, { ...options, workers: 2 }));
  await startWorkers(1);
  const q1 = await timed('queue, 1 worker process', () => runSimulation(big, { ...options, workers: 1 }, { executor }));
  await startWorkers(1);
  const onQueue = () => runSimulation(big, { ...options, workers: 1 }, { executor });
  const q2 = await timed('queue, 2 worker processes', onQueue);
  for (const q of [q1, q2]) same(q.result, one.result);
  console.log(`identical to the local result: yes; speed-up 2 vs 1 worker processes: ${fmt(q1.ms / q2.ms)}×`);

  // --- overhead per chunk: one iteration of a tiny model per chunk, one at a time and many in flight ----------------
  const tiny = await readModelFile(`${root}/simulations/examples/two-services.json`);
  const scenario = tiny.scenarios[0].id;
  const compiled = compileModel(tiny, { scenario, horizonHours: 1, stepHours: 1, disruptedThreshold: 0.05 });
  const stride = recordLayout(compiled, false).stride;
  const spec = { compiled, seed: 'x', counterfactual: false, timeline: false, stride, timelineRow: 0 };
  const session = await executor.open(spec, new AbortController().signal);
  const signal = new AbortController().signal;
  (await import('node:events')).setMaxListeners(0, signal);
  try {
    const n = 300;
    let t = performance.now();
    for (let k = 0; k < n; k++) await session.run(k, 1, signal);
    const sequential = (performance.now() - t) / n;
    t = performance.now();
    await Promise.all(Array.from({ length: n }, (_, k) => session.run(n + k, 1, signal)));
    const pipelined = (performance.now() - t) / n;
    console.log(`\noverhead per chunk (1-iteration chunks of a 2-service model, 2 worker processes):`);
    console.log(`  one at a time: ${fmt(sequential)} ms per chunk (queue, worker, result back)`);
    console.log(`  ${n} in flight: ${fmt(pipelined)} ms per chunk (${fmt(1000 / pipelined, 0)} chunks/s)`);
  } finally {
    await session.close();
  }

  // --- bytes per iteration: records, and the timeline rows a run with the timeline sends -----------------------------
  const nl = await readModelFile(`${root}/simulations/nederland.json`);
  const week = { horizonHours: 168, stepHours: 1, disruptedThreshold: 0.05 };
  const nlc = compileModel(nl, { scenario: 'sc-blackout-randstad', ...week });
  const rec = recordLayout(nlc, false).stride * 8;
  const row = timelineRowLength(nlc) * 8;
  const bigc = compileModel(big, { scenario: 'generated', ...week });
  console.log(`\nbytes per iteration through Redis: default model ${rec} (records) + ${row} (timeline rows);`);
  const bigRecord = recordLayout(bigc, false).stride * 8;
  console.log(`  5,000-service model ${bigRecord} + ${timelineRowLength(bigc) * 8} with the timeline`);
  const nlOptions = { scenario: 'sc-blackout-randstad', iterations: 2000, seed: 42, timeline: true };
  const nlLocal = await timed('default model, 2000 iterations with timeline: local, 2 threads', () =>
    runSimulation(nl, { ...nlOptions, workers: 2 }),
  );
  const nlQueue = await timed('the same on the queue, 2 worker processes', () =>
    runSimulation(nl, { ...nlOptions, workers: 1 }, { executor }),
  );
  same(nlQueue.result, nlLocal.result);
} finally {
  await executor.close();
  await stopWorkers();
  redis.kill('SIGTERM');
}
