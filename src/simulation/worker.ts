// A pool worker: builds one engine from the compiled model it is given, then runs chunks of iterations on request.
import { move, workerData } from 'piscina';
import { createFastEngine } from './kernel/engine.js';
import type { WorkerInit, ChunkTask } from './pool.js';

const init = workerData as WorkerInit;
const engine = await createFastEngine(init.compiled, init.seed, init.counterfactual, init.timeline ?? false);

/**
 * Fault injection for tests (docs/security.md): WEERBAAR_WORKER_FAULT=exit ends this worker thread mid-run,
 * =throw makes its chunk fail. Read only here, in worker threads; the in-process engine (workers: 1) ignores it.
 */
const fault = process.env.WEERBAAR_WORKER_FAULT;

export default function runChunk(task: ChunkTask): Float64Array {
  if (fault === 'exit') process.exit(70);
  if (fault === 'throw') throw new Error('injected worker fault (WEERBAAR_WORKER_FAULT=throw)');
  // Transfer the records back instead of copying them.
  return move(engine.runChunk(task.start, task.count, task.buffer && new Float64Array(task.buffer))) as Float64Array;
}
