// Benchmark of the analysis API: gapAnalysis and party(id) at a fixed 100 requests/s from a second process, on loopback.
// Needs `npm run build`. Uses the graph of `openGraph` (NEO4J_URI, or the local Neo4j) and loads the default model when empty.
import { fork } from 'node:child_process';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';

const dist = (p) => new URL(`../dist/${p}`, import.meta.url).href;
const { openGraph, loadDefaultIfEmpty } = await import(dist('graph/connect.js'));
const { countEntities } = await import(dist('graph/model-repository.js'));
const { startServer } = await import(dist('server/main.js'));
const { AnalysisCache } = await import(dist('graph/analysis-repository.js'));

const RATE = Number(process.env.BENCH_RATE ?? 100);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 3);
const PARTY = process.env.BENCH_PARTY ?? 'min-bzk';
/** Milliseconds the analysis inputs may be reused (0 = read Neo4j on every request, the server default). */
const CACHE_MS = Number(process.env.BENCH_CACHE_MS ?? 0);

const GAP_QUERY = `{ gapAnalysis {
  balance { capability { id name } required available availableNational shortfall surplus holders { party { id name } capacity readiness } }
  gaps { capability { id } shortfall } duplicates { capability { id } } multipleLeads { target { id } leads { id } }
  uncoveredTasks { id } unheldCapabilities { id } targetsWithoutLead { id kind }
} }`;
const PARTY_QUERY = `query($id: ID!) { party(id: $id) {
  id name leadFor { id kind } supportFor { id kind } operatedServices { id }
  capabilityBalance { capability { id } required available shortfall } dependentTasks { id } dependentScenarios { id }
  gaps { capability { id } shortfall } duplicates { capability { id } } sharedLeads { target { id } leads { id } }
} }`;

const fmt = (x) => x.toFixed(1);
console.log(`machine: ${availableParallelism()} cores (nproc), ${cpus()[0]?.model ?? 'unknown CPU'}, node ${process.version}, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);

const graph = await openGraph({ log: (s) => console.log(s) });
await loadDefaultIfEmpty(graph, (s) => console.log(s));
console.log(`graph ${graph.config.uri}: ${await countEntities(graph)} model nodes`);
const services = CACHE_MS > 0 ? { analysisCache: new AnalysisCache(CACHE_MS) } : {};
console.log(CACHE_MS > 0 ? `analysis inputs cached for ${CACHE_MS} ms per viewer` : 'no analysis cache: every request reads Neo4j');
const server = await startServer({ graph, port: 0, host: '127.0.0.1', services });
const url = `${server.url}/graphql`;

function load(name, query, variables) {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(new URL('./graphql-load.js', import.meta.url)), [JSON.stringify({ url, query, variables, rate: RATE, seconds: SECONDS, warmupSeconds: WARMUP })]);
    child.once('message', (m) => resolve({ name, ...m }));
    child.once('error', reject);
    child.once('exit', (code) => code && reject(new Error(`${name}: load generator exited with ${code}`)));
  });
}

const results = [];
try {
  results.push(await load('gapAnalysis', GAP_QUERY, {}));
  results.push(await load(`party(${PARTY})`, PARTY_QUERY, { id: PARTY }));
} finally {
  await server.close();
  await graph.close();
}
console.log(`\n${RATE} requests/s for ${SECONDS} s each (after ${WARMUP} s warm-up); latency from each request's due time, in ms`);
console.log('query              requests errors  req/s   p50    p90    p99    max   (service p50/p99)');
for (const r of results) {
  console.log(`${r.name.padEnd(18)} ${String(r.requests).padStart(8)} ${String(r.errors).padStart(6)} ${fmt(r.throughput).padStart(6)} ${fmt(r.p50).padStart(6)} ${fmt(r.p90).padStart(6)} ${fmt(r.p99).padStart(6)} ${fmt(r.max).padStart(6)}   (${fmt(r.serviceP50)}/${fmt(r.serviceP99)})`);
}
const missed = results.filter((r) => r.p99 > 20);
console.log(missed.length ? `target p99 ≤ 20 ms missed by: ${missed.map((r) => r.name).join(', ')}` : 'target p99 ≤ 20 ms met');
