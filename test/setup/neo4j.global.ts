// Starts a local Neo4j for the integration tier when NEO4J_URI is unset and none runs; stops only what it started.
import { resolve } from 'node:path';
import { localServerConfig } from '../../src/graph/config.js';
import { startLocal, stopLocal } from '../../src/graph/local-server.js';

export default async function setup(): Promise<() => Promise<void>> {
  if (process.env.NEO4J_URI) return async () => {};
  // Tests use their own port and data folder, so they never touch the data of a developer's `npm start`.
  process.env.WEERBAAR_NEO4J_PORT ??= '7688';
  process.env.WEERBAAR_NEO4J_HOME ??= resolve('.weerbaar', 'neo4j-test');
  // The test models are small: the test server keeps the old fixed memory, not the machine-sized default.
  process.env.WEERBAAR_NEO4J_HEAP_MB ??= '1024';
  process.env.WEERBAAR_NEO4J_PAGECACHE_MB ??= '512';
  const cfg = localServerConfig();
  const { started } = await startLocal(cfg, (s) => process.stderr.write(`[neo4j] ${s}\n`));
  process.stderr.write(`[neo4j] ${started ? 'started' : 'reusing'} test server on bolt://${cfg.host}:${cfg.port}\n`);
  return async () => {
    if (started) await stopLocal(cfg);
  };
}
