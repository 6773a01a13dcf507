#!/usr/bin/env node
// Loading benchmark: a generated 100,000-service / 500,000-dependency model into a fresh local Neo4j with batched UNWIND writes.
// Uses its own Neo4j (port 7689, data in .weerbaar/neo4j-bench) so it never touches development or test data.
import { cpus } from 'node:os';
import { resolve } from 'node:path';

process.env.WEERBAAR_NEO4J_PORT ??= '7689';
process.env.WEERBAAR_NEO4J_HOME ??= resolve('.weerbaar', 'neo4j-bench');
process.env.WEERBAAR_NEO4J_HEAP_MB ??= '2048';
process.env.WEERBAAR_NEO4J_PAGECACHE_MB ??= '1024';

const { generateModel } = await import('../dist/simulation/generate.js');
const { validateModel } = await import('../dist/model/validate.js');
const { openGraph } = await import('../dist/graph/connect.js');
const { loadModel, clearModel, countEntities } = await import('../dist/graph/model-repository.js');
const { localServerConfig } = await import('../dist/graph/config.js');
const { stopLocal } = await import('../dist/graph/local-server.js');

const services = Number(process.env.BENCH_SERVICES ?? 100_000);
const dependencies = Number(process.env.BENCH_DEPENDENCIES ?? 500_000);
let t = performance.now();
const model = validateModel(generateModel({ services, dependencies, seed: 'load-bench' }));
console.log(`generated and validated ${model.services.length} services / ${model.dependencies.length} dependencies in ${((performance.now() - t) / 1000).toFixed(1)} s`);

const graph = process.env.NEO4J_URI ? await openGraph() : await openGraph({ log: (s) => console.log(s) });
try {
  await clearModel(graph);
  t = performance.now();
  const { nodes, relationships } = await loadModel(graph, model);
  const seconds = (performance.now() - t) / 1000;
  console.log(`load: ${nodes} nodes, ${relationships} relationships in ${seconds.toFixed(1)} s (${Math.round(relationships / seconds)} relationships/s)`);
  console.log(`machine: ${cpus().length} × ${cpus()[0]?.model}; Neo4j heap ${process.env.WEERBAAR_NEO4J_HEAP_MB} MB, page cache ${process.env.WEERBAAR_NEO4J_PAGECACHE_MB} MB`);
  if ((await countEntities(graph)) !== nodes) throw new Error('node count after load does not match the model');
  await clearModel(graph);
} finally {
  await graph.close();
  if (!process.env.NEO4J_URI && !process.env.BENCH_KEEP_NEO4J) await stopLocal(localServerConfig());
}
