// Load generator for bench/graphql.bench.js: sends one GraphQL query at a fixed rate (open loop) and reports latencies
// to the parent.
import http from 'node:http';

const { url, query, variables, rate, seconds, warmupSeconds } = JSON.parse(process.argv[2]);
// Idle pooled sockets are dropped after 2 s. Node's server closes an idle keep-alive connection 6 s after its last
// response (keepAliveTimeout 5 s + 1 s), the agent by default 4 s after it *processed* that response (the server's
// Keep-Alive hint minus 1 s); when this process lags by more than ~2 s (a saturated machine), it could send on a socket
// the server was just closing and get ECONNRESET. 2 s leaves 4 s of margin.
const agent = new http.Agent({ keepAlive: true, maxSockets: 64, timeout: 2000 });
const body = JSON.stringify({ query, variables });
const target = new URL(url);
/** The first failure, reported so that a benchmark of error responses cannot pass unnoticed. */
let firstError = null;
/** When each socket last finished a response, to tell a reused idle socket closed by the server from other failures. */
const lastUsed = new WeakMap();
/** Failures by kind: code, and for a reset whether the socket was a reused keep-alive one and how long it had idled. */
const failures = [];

function send() {
  return new Promise((resolve) => {
    const req = http.request(
      {
        host: target.hostname,
        port: target.port,
        path: target.pathname,
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          if (socket) lastUsed.set(socket, performance.now());
          const text = Buffer.concat(chunks).toString('utf8');
          let ok = res.statusCode === 200;
          try {
            ok &&= !JSON.parse(text).errors;
          } catch {
            ok = false;
          }
          if (!ok) firstError ??= `HTTP ${res.statusCode}: ${text.slice(0, 300)}`;
          resolve(ok);
        });
      },
    );
    let socket = null;
    req.on('socket', (s) => {
      socket = s;
    });
    req.on('error', (e) => {
      const idle = socket && lastUsed.has(socket) ? performance.now() - lastUsed.get(socket) : null;
      const idleMs = idle == null ? '?' : idle.toFixed(0);
      const socketText = req.reusedSocket ? `reused keep-alive socket idle ${idleMs} ms` : 'new socket';
      const detail = `${e.message} (code ${e.code}, ${socketText})`;
      failures.push(detail);
      firstError ??= detail;
      resolve(false);
    });
    req.end(body);
  });
}

/** Open loop: request i is due at start + i/rate whatever happened before, so a slow server cannot slow the load down.
 * */
async function phase(durationSeconds, record) {
  const n = Math.round(durationSeconds * rate);
  const interval = 1000 / rate;
  const start = performance.now() + 5;
  const pending = [];
  for (let i = 0; i < n; i++) {
    const due = start + i * interval;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const sent = performance.now();
    pending.push(
      send().then((ok) => {
        const done = performance.now();
        // Latency from the due time (corrects for coordinated omission) and from the actual send.
        if (record) record.push({ ok, latency: done - due, service: done - sent, done });
      }),
    );
  }
  await Promise.all(pending);
  return start;
}

const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];

await phase(warmupSeconds, null);
const samples = [];
const start = await phase(seconds, samples);
const lat = samples.map((s) => s.latency).sort((a, b) => a - b);
const svc = samples.map((s) => s.service).sort((a, b) => a - b);
const end = Math.max(...samples.map((s) => s.done));
process.send({
  requests: samples.length,
  errors: samples.filter((s) => !s.ok).length,
  throughput: samples.length / ((end - start) / 1000),
  p50: quantile(lat, 0.5),
  p90: quantile(lat, 0.9),
  p99: quantile(lat, 0.99),
  max: lat[lat.length - 1],
  serviceP50: quantile(svc, 0.5),
  serviceP99: quantile(svc, 0.99),
  firstError,
  failures: failures.slice(0, 5),
});
agent.destroy();
