// A pool worker: builds one engine per run from the compiled model that comes with the run's tasks, then runs chunks of
// iterations.
import { createFastEngine, type Engine } from './kernel/engine.js';
import type { CompiledModel } from './kernel/compiled.js';
import { RANGE_DONE, RANGE_NEXT, type ChunkTask, type RangeTask } from './pool.js';

/**
 * Fault injection for tests (docs/security.md, docs/reliability.md): WEERBAAR_WORKER_FAULT=exit ends this worker
 * thread mid-run, =throw makes its chunk fail, =hold blocks it until it is terminated (a run that cannot finish before
 * the fault a test brings on). Read only here, in worker threads; the in-process engine (workers: 1) ignores it.
 */
const fault = process.env.WEERBAAR_WORKER_FAULT;

let current: { run: number; engine: Engine } | null = null;

/** Own (non-shared) copies of the shared arrays: the kernel then runs on exactly the memory it had before. */
function local(compiled: CompiledModel): CompiledModel {
  const copy: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(compiled))
    copy[k] = ArrayBuffer.isView(v) ? (v as unknown as Float64Array).slice() : v;
  return copy as unknown as CompiledModel;
}

export default async function runTask(task: ChunkTask | RangeTask): Promise<void> {
  if (fault === 'exit') process.exit(70);
  if (fault === 'throw') throw new Error('injected worker fault (WEERBAAR_WORKER_FAULT=throw)');
  if (fault === 'hold') Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
  if (current?.run !== task.run) {
    const { compiled, seed, counterfactual, timeline } = task.init;
    current = {
      run: task.run,
      engine: await createFastEngine(local(compiled), seed, counterfactual, timeline ?? false),
    };
  }
  if ('control' in task) return runRange(current.engine, task);
  // Written straight into the shared buffer; nothing is returned, copied or transferred (see run.ts).
  const into = new Float64Array(task.buffer);
  const out = current.engine.runChunk(task.start, task.count, into);
  if (out.buffer !== task.buffer)
    throw new Error(`internal: chunk buffer too small (${into.length} numbers for ${out.length})`);
}

/** Takes the next iterations of the block until none are left, writing each record in its place (see RangeTask). */
function runRange(engine: Engine, task: RangeTask): void {
  const control = new Int32Array(task.control);
  const records = new Float64Array(task.records);
  const { stride } = engine.layout;
  for (;;) {
    const start = Atomics.add(control, RANGE_NEXT, task.grain);
    if (start >= task.to) return;
    const count = Math.min(task.grain, task.to - start);
    const out = engine.runChunk(start, count, records.subarray(start * stride, (start + count) * stride));
    if (out.buffer !== task.records) throw new Error('internal: records buffer too small');
    Atomics.add(control, RANGE_DONE, count);
  }
}
