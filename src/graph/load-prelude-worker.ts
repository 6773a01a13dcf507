// The worker thread of load-prelude.ts: connects (starting the local Neo4j when needed), applies the schema and, for a
// reset, reads the automatic backup's text; posts log lines, then the result or the error, and ends.
import { parentPort, workerData } from 'node:worker_threads';
import { UserError } from '../domain/errors.js';
import { openGraph } from './connect.js';
import { prepareAutomaticBackup } from './backup.js';
import type { PreludeMessage } from './load-prelude.js';

const post = (m: PreludeMessage) => parentPort!.postMessage(m);
const log = (line: string) => post({ log: line });
try {
  const graph = await openGraph({ log });
  try {
    const backup = (workerData as { reset: boolean }).reset ? await prepareAutomaticBackup(graph, log) : null;
    post({ done: { backup } });
  } finally {
    await graph.close();
  }
} catch (e) {
  const err = e as Error;
  post({
    error: { message: err?.message ?? String(e), code: e instanceof UserError ? e.code : undefined, stack: err?.stack },
  });
}
