// What `weerbaar load` does in the graph before its first write, run in a worker thread while the main thread reads
// and validates the model file (docs/loading.md, "Reading and connecting side by side"): start the local Neo4j when
// needed, connect, apply the schema, and read what the automatic backup of a reset would write. Both are mostly waiting
// (the worker for Neo4j) or computing on one core (the main thread), so side by side they take the longer of the two
// instead of their sum. Nothing is written here: the backup is written by the main thread once the file is valid.
import { Worker } from 'node:worker_threads';
import { UserError, type ErrorCode } from '../domain/errors.js';
import type { PreparedBackup } from './backup.js';

export interface PreludeResult {
  /** The automatic backup to write (reset only), or null when there is nothing to keep. */
  backup: PreparedBackup | null;
}

/** Messages of the worker (load-prelude-worker.ts). */
export type PreludeMessage =
  { log: string } | { done: PreludeResult } | { error: { message: string; code?: ErrorCode; stack?: string } };

/** The compiled worker: its sibling in dist/, also when this module runs from TypeScript source (vitest). */
function workerUrl(): URL {
  const here = import.meta.url;
  return here.endsWith('.ts')
    ? new URL('../../dist/graph/load-prelude-worker.js', here)
    : new URL('./load-prelude-worker.js', here);
}

export interface Prelude {
  /** Settles once the worker is done: the graph is ready for the load, or why not (the worker's error, rebuilt). */
  result: Promise<PreludeResult>;
  /** Stops the worker (the file turned out invalid): nothing of the prelude is kept. */
  cancel(): Promise<void>;
}

export function startLoadPrelude(options: { reset: boolean; log: (s: string) => void }): Prelude {
  const worker = new Worker(workerUrl(), { workerData: { reset: options.reset } });
  let settled = false;
  const result = new Promise<PreludeResult>((resolve, reject) => {
    worker.on('message', (m: PreludeMessage) => {
      if ('log' in m) options.log(m.log);
      else if ('done' in m) {
        settled = true;
        resolve(m.done);
      } else {
        settled = true;
        // A user error keeps its code and message; anything else stays a bug (its stack with WEERBAAR_DEBUG=1).
        const { message, code, stack } = m.error;
        const e = code ? new UserError(message, code) : new Error(message);
        if (!code && stack) e.stack = stack;
        reject(e);
      }
    });
    worker.on('error', (e) => {
      settled = true;
      reject(e);
    });
    worker.on('exit', (status) => {
      if (!settled) reject(new Error(`the load's connection worker stopped (exit ${status}) before it was done`));
    });
  });
  return {
    result,
    async cancel() {
      settled = true;
      result.catch(() => {});
      await worker.terminate();
    },
  };
}
