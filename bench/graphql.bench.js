// Benchmark of the analysis API: gapAnalysis and party(id) at a fixed 100 requests/s from a second process, on loopback.
// Needs `npm run build`. Uses the graph of `openGraph` (NEO4J_URI, or the local Neo4j from WEERBAAR_NEO4J_PORT/HOME) and loads
// the default model when empty; BENCH_RELOAD=1 first replaces whatever model the graph holds by the default one.
import { fork } from 'node:child_process';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';

const dist = (p) => new URL(`../dist/${p}`, import.meta.url).href;
const { openGraph, loadDefaultIfEmpty } = await import(dist('graph/connect.js'));
const { countEntities, loadModel } = await import(dist('graph/model-repository.js'));
const { readModelFile } = await import(dist('model/validate.js'));
const { defaultModelPath } = await import(dist('graph/connect.js'));
const { startServer } = await import(dist('server/main.js'));
const { AnalysisCache } = await import(dist('graph/analysis-repository.js'));

const RATE = Number(process.env.BENCH_RATE ?? 100);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 3);
const PARTY = process.env.BENCH_PARTY ?? 'min-bzk';
/** BENCH_CACHE=off reads Neo4j for every request; otherwise the analysis cache (server default) with BENCH_RECHECK_MS (default 0: revision read per request). */
const CACHE = process.env.BENCH_CACHE ?? 'on';
const RECHECK_MS = Number(process.env.BENCH_RECHECK_MS ?? 0);
/** When > 0, a model write (a holding's capacity set to its current value, through the mutation repository) every this many ms. */
const WRITE_EVERY_MS = Number(process.env.BENCH_WRITE_EVERY_MS ?? 0);

const GAP_QUERY = `{ gapAnalysis {
  balance { capability { id name } required available availableNational shortfall surplus holders { party { id name } capacity readiness } }
  gaps { capability { id } shortfall } duplicates { capability { id } } multipleLeads { target { id } leads { id } }
  uncoveredTasks { id } unheldCapabilities { id } targetsWithoutLead { id label }
} }`;
const PARTY_QUERY = `query($id: ID!) { party(id: $id) {
  id name leadFor { id label } supportFor { id label } operatedServices { id }
  capabilityBalance { capability { id } required available shortfall } dependentTasks { id } dependentScenarios { id }
  gaps { capability { id } shortfall } duplicates { capability { id } } sharedLeads { target { id } leads { id } }
} }`;

const fmt = (x) => x.toFixed(1);
console.log(`machine: ${availableParallelism()} cores (nproc), ${cpus()[0]?.model ?? 'unknown CPU'}, node ${process.version}, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);

const graph = await openGraph({ log: (s) => console.log(s) });
if (process.env.BENCH_RELOAD === '1') {
  await loadModel(graph, await readModelFile(defaultModelPath()), { reset: true });
  console.log(`loaded ${defaultModelPath()}`);
} else await loadDefaultIfEmpty(graph, (s) => console.log(s));
console.log(`graph ${graph.config.uri}: ${await countEntities(graph)} model nodes`);
const cache = CACHE === 'off' ? null : new AnalysisCache(graph, { recheckMs: RECHECK_MS });
/** BENCH_RESPONSE_CACHE=off leaves out the response cache of the analysis queries (src/server/response-cache.ts). */
const RESPONSE_CACHE = process.env.BENCH_RESPONSE_CACHE ?? 'on';
const responseCacheStats = { hits: 0, stored: 0, uncacheable: 0 };
const services = { analysisCache: cache ?? false, responseCache: RESPONSE_CACHE === 'off' ? false : undefined, responseCacheStats };
console.log(cache ? `analysis cache per model revision and viewer; revision read ${RECHECK_MS > 0 ? `at most every ${RECHECK_MS} ms` : 'for every request'}; response cache ${RESPONSE_CACHE === 'off' ? 'off' : 'on'}` : 'no analysis cache (so no response cache): every request reads Neo4j');
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

let writes = 0;
let writer = null;
if (WRITE_EVERY_MS > 0) {
  const { MutationRepository } = await import(dist('graph/mutation-repository.js'));
  const repo = new MutationRepository(graph);
  const actor = { viewer: { role: 'admin', party: null, subject: 'bench', admin: true }, requestId: 'bench' };
  const { statementsFor } = await import(dist('graph/statements.js'));
  const [h] = await graph.read(statementsFor('holdings').export);
  writer = setInterval(() => {
    repo.updateRelationship('holdings', { from: h.party, to: h.capability }, {}, actor).then(() => writes++, (e) => console.error(`write failed: ${e.message}`));
  }, WRITE_EVERY_MS);
  console.log(`a model write every ${WRITE_EVERY_MS} ms (holding ${h.party}→${h.capability})`);
}
const results = [];
try {
  results.push(await load('gapAnalysis', GAP_QUERY, {}));
  results.push(await load(`party(${PARTY})`, PARTY_QUERY, { id: PARTY }));
} finally {
  if (writer) clearInterval(writer);
  await server.close();
  await graph.close();
}
console.log(`\n${RATE} requests/s for ${SECONDS} s each (after ${WARMUP} s warm-up); latency from each request's due time, in ms`);
console.log('query              requests errors  req/s   p50    p90    p99    max   (service p50/p99)');
for (const r of results) {
  console.log(`${r.name.padEnd(18)} ${String(r.requests).padStart(8)} ${String(r.errors).padStart(6)} ${fmt(r.throughput).padStart(6)} ${fmt(r.p50).padStart(6)} ${fmt(r.p90).padStart(6)} ${fmt(r.p99).padStart(6)} ${fmt(r.max).padStart(6)}   (${fmt(r.serviceP50)}/${fmt(r.serviceP99)})`);
}
for (const r of results) if (r.errors) console.log(`${r.name}: ${r.errors} errors, first: ${r.firstError}${r.failures?.length > 1 ? `; also ${r.failures.slice(1).join('; ')}` : ''}`);
if (cache) console.log(`cache: ${cache.stats.revisionReads} revision reads, ${cache.stats.hits} entry hits, ${cache.stats.misses} misses; response cache ${responseCacheStats.hits} hits, ${responseCacheStats.stored} stored, ${responseCacheStats.uncacheable} uncacheable${WRITE_EVERY_MS > 0 ? `; ${writes} model writes` : ''}`);
const missed = results.filter((r) => r.p99 > 20 || r.errors > 0);
console.log(missed.length ? `target p99 ≤ 20 ms missed by: ${missed.map((r) => r.name).join(', ')}` : 'target p99 ≤ 20 ms met');
