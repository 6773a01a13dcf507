// Benchmark of the analysis API as a user meets it: the server started as `npm start` starts it
// (`node bin/weerbaar.js start --no-auth`), load from a separate process (bench/graphql-load.js, open loop, latency
// from each request's due time), gapAnalysis over all scenarios and party(id) at each rate of BENCH_RATES (default
// 100,500). Needs `npm run build`. The server uses the graph `weerbaar start` would (NEO4J_URI, or the local Neo4j of
// WEERBAAR_NEO4J_PORT/HOME) and loads the default model when it is empty; BENCH_RELOAD=1 first loads the default model
// with `weerbaar load --reset`. BENCH_PORT (default 4000) is the HTTP port. Reports the machine's load average per run
// and the server process's CPU time per request (from /proc), besides the latency distribution.
import { fork, spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = fileURLToPath(new URL('../bin/weerbaar.js', import.meta.url));
const RATES = (process.env.BENCH_RATES ?? '100,500')
  .split(',')
  .map(Number)
  .filter((n) => n > 0);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 3);
const PORT = Number(process.env.BENCH_PORT ?? 4000);
const PARTY = process.env.BENCH_PARTY ?? 'min-bzk';
/** Extra flags for the server's environment, e.g. BENCH_SERVER_ENV='WEERBAAR_REVISION_MAX_AGE_MS=0'. */
const SERVER_ENV = Object.fromEntries(
  (process.env.BENCH_SERVER_ENV ?? '')
    .split(/\s+/)
    .filter(Boolean)
    .map((kv) => kv.split('=')),
);

const GAP_QUERY = `{ gapAnalysis {
  balance { capability { id name } required available availableNational shortfall surplus
    holders { party { id name } capacity readiness } }
  gaps { capability { id } shortfall } duplicates { capability { id } } multipleLeads { target { id } leads { id } }
  uncoveredTasks { id } unheldCapabilities { id } targetsWithoutLead { id label }
} }`;
const PARTY_QUERY = `query($id: ID!) { party(id: $id) {
  id name leadFor { id label } supportFor { id label } operatedServices { id }
  capabilityBalance { capability { id } required available shortfall } dependentTasks { id } dependentScenarios { id }
  gaps { capability { id } shortfall } duplicates { capability { id } } sharedLeads { target { id } leads { id } }
} }`;

const fmt = (x) => x.toFixed(1);
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
const cpu = cpus()[0]?.model ?? 'unknown CPU';
console.log(
  `machine: ${availableParallelism()} cores (nproc), ${cpu}, node ${process.version}, load average ${load()}`,
);

if (process.env.BENCH_RELOAD === '1') {
  const args = [BIN, 'load', '--model', 'simulations/nederland.json', '--reset'];
  const r = spawnSync(process.execPath, args, { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`weerbaar load exited with ${r.status}`);
}

/** The server as `npm start` runs it, on PORT; resolves once it says it is running and /ready answers 200. */
async function startServer() {
  const child = spawn(process.execPath, [BIN, 'start', '--no-auth', '--port', String(PORT), '--host', '127.0.0.1'], {
    cwd: ROOT,
    env: { ...process.env, ...SERVER_ENV },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d) => (out += String(d)));
  child.stderr.on('data', (d) => (out += String(d)));
  const deadline = Date.now() + 180_000;
  while (!/weerbaar is running/.test(out)) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}:\n${out}`);
    if (Date.now() > deadline) throw new Error(`the server did not start within 180 s:\n${out}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  for (;;) {
    const res = await fetch(`http://127.0.0.1:${PORT}/ready`).catch(() => null);
    if (res?.status === 200) break;
    if (Date.now() > deadline) throw new Error('the server did not get ready');
    await new Promise((r) => setTimeout(r, 200));
  }
  const notes = out.split('\n').filter((l) => /Analysis cache|Neo4j|Loaded/.test(l));
  console.log(notes.map((l) => `server: ${l.trim()}`).join('\n'));
  return child;
}

/** User + system CPU time of a process in ms (Linux /proc), or null elsewhere. */
function cpuMs(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime + stime in clock ticks (USER_HZ 100)
  } catch {
    return null;
  }
}

function run(name, query, variables, rate) {
  return new Promise((resolve, reject) => {
    const url = `http://127.0.0.1:${PORT}/graphql`;
    const args = [JSON.stringify({ url, query, variables, rate, seconds: SECONDS, warmupSeconds: WARMUP })];
    const child = fork(fileURLToPath(new URL('./graphql-load.js', import.meta.url)), args);
    child.once('message', (m) => resolve({ name, rate, ...m }));
    child.once('error', reject);
    child.once('exit', (code) => code && reject(new Error(`${name}: load generator exited with ${code}`)));
  });
}

const server = await startServer();
const results = [];
try {
  for (const rate of RATES) {
    const queries = [
      ['gapAnalysis', GAP_QUERY, {}],
      [`party(${PARTY})`, PARTY_QUERY, { id: PARTY }],
    ];
    for (const [name, query, variables] of queries) {
      const before = { load: loadavg()[0], cpu: cpuMs(server.pid) };
      const r = await run(name, query, variables, rate);
      const used = cpuMs(server.pid);
      const total = r.requests + Math.round(WARMUP * rate);
      const cpuPerRequest = used == null || before.cpu == null ? null : (used - before.cpu) / total;
      results.push({ ...r, loadBefore: before.load, loadAfter: loadavg()[0], cpuPerRequest });
    }
  }
} finally {
  server.kill('SIGTERM');
  await new Promise((r) => server.once('exit', r));
}
console.log(
  `\n${SECONDS} s per run (after ${WARMUP} s warm-up); latency from each request's due time, in ms; ` +
    'server CPU per request in ms',
);
console.log('query              rate  load(1m)     requests errors  req/s   p50    p90    p99    max   server CPU/req');
for (const r of results) {
  const cols = [r.requests, r.errors].map((n, i) => String(n).padStart(i ? 6 : 8));
  const lat = [r.throughput, r.p50, r.p90, r.p99, r.max].map((x) => fmt(x).padStart(6));
  const loads = `${r.loadBefore.toFixed(2)}→${r.loadAfter.toFixed(2)}`;
  const cpuPer = r.cpuPerRequest == null ? 'n/a' : r.cpuPerRequest.toFixed(3);
  const head = `${r.name.padEnd(18)} ${String(r.rate).padStart(4)}  ${loads}`;
  console.log(`${head}  ${cols.join(' ')} ${lat.join(' ')}   ${cpuPer}`);
}
for (const r of results) {
  if (!r.errors) continue;
  const more = r.failures?.length > 1 ? `; also ${r.failures.slice(1).join('; ')}` : '';
  console.log(`${r.name} @ ${r.rate}: ${r.errors} errors, first: ${r.firstError}${more}`);
}
const target = (rate) => (rate <= 100 ? 20 : 50);
const missed = results.filter((r) => r.p99 > target(r.rate) || r.errors > 0);
const targets = 'targets (p99 ≤ 20 ms at 100 req/s, ≤ 50 ms at 500 req/s, no errors)';
console.log(
  missed.length ? `${targets} missed by: ${missed.map((r) => `${r.name} @ ${r.rate}`).join(', ')}` : `${targets} met`,
);
