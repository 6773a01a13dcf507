// A pool worker: builds one engine from the compiled model it is given, then runs chunks of iterations on request.
import { move, workerData } from 'piscina';
import { createFastEngine } from './kernel/engine.js';
import type { WorkerInit, ChunkTask } from './pool.js';

const init = workerData as WorkerInit;
const engine = await createFastEngine(init.compiled, init.seed, init.counterfactual, init.timeline ?? false);

export default function runChunk(task: ChunkTask): Float64Array {
  // Transfer the records back instead of copying them.
  return move(engine.runChunk(task.start, task.count)) as Float64Array;
}
