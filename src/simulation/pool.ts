// Runs chunks of iterations on worker threads (piscina). The threads can be started before the model is known
// (their start-up then overlaps reading and validating it); the compiled model follows with the tasks, in shared
// memory.
import { Piscina } from 'piscina';
import type { CompiledModel } from './kernel/compiled.js';

export interface WorkerInit {
  /** The compiled model without its ids (workers use indices only); typed arrays backed by SharedArrayBuffer. */
  compiled: CompiledModel;
  seed: string;
  counterfactual: boolean;
  /** Also return per-iteration timeline rows after the records. Default false. */
  timeline?: boolean;
}

export interface ChunkTask {
  start: number;
  count: number;
  /**
   * Shared memory the worker writes the chunk into (records, then timeline rows), at least
   * count × (stride + timeline row) numbers; nothing is transferred (see run.ts).
   */
  buffer: SharedArrayBuffer;
  /** The run this chunk belongs to: a worker builds its engine from `init` once per run. */
  run: number;
  init: WorkerInit;
}

/** The slots of a range task's control array (an Int32Array on shared memory). */
export const RANGE_NEXT = 0;
export const RANGE_DONE = 1;

/**
 * A block of iterations shared by all the threads: each takes the next `grain` iterations from the control array
 * (Atomics.add on RANGE_NEXT), writes their records straight into `records`, adds them to RANGE_DONE, and goes on
 * until none are left. One task per thread and block: no message per chunk, no main-thread work while the block
 * runs, and the threads finish within one grain of each other.
 */
export interface RangeTask {
  /** Int32Array(2) on shared memory: [RANGE_NEXT] the next iteration to take, [RANGE_DONE] iterations written. */
  control: SharedArrayBuffer;
  /** The block ends before this iteration. */
  to: number;
  /** Iterations taken at a time. */
  grain: number;
  /** The records of all the run's iterations (iteration-major, the record stride each), shared memory. */
  records: SharedArrayBuffer;
  run: number;
  init: WorkerInit;
}

/** Raised when a run is cancelled through its AbortSignal. */
export class SimulationAbortedError extends Error {
  constructor(message = 'simulation cancelled') {
    super(message);
    this.name = 'AbortError';
  }
}

/**
 * The compiled worker. Workers load JavaScript: from dist/ this is the sibling worker.js; when this
 * module runs from TypeScript source (vitest), it is the build output in dist/simulation/.
 */
export function defaultWorkerUrl(): URL {
  const here = import.meta.url;
  return here.endsWith('.ts') ? new URL('../../dist/simulation/worker.js', here) : new URL('./worker.js', here);
}

/**
 * The compiled model as posted with every task: ids left out, every typed array copied once into a
 * SharedArrayBuffer, so that posting it shares the memory instead of copying ~1 MB per task.
 */
export function sharedInit(
  compiled: CompiledModel,
  seed: string,
  counterfactual: boolean,
  timeline: boolean,
): WorkerInit {
  const shared: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(compiled)) {
    if (k === 'ids') continue;
    if (ArrayBuffer.isView(v)) {
      const a = v as unknown as Float64Array;
      const Ctor = a.constructor as new (buffer: SharedArrayBuffer) => Float64Array;
      const copy = new Ctor(new SharedArrayBuffer(a.byteLength));
      copy.set(a);
      shared[k] = copy;
    } else shared[k] = v;
  }
  return { compiled: shared as unknown as CompiledModel, seed, counterfactual, timeline };
}

let runs = 0;

export class SimulationPool {
  private readonly pool: Piscina;
  private destroyed = false;
  private init: WorkerInit | null = null;
  private run_ = 0;

  /** Starts `threads` worker threads at once (they load their modules and wait for tasks). */
  constructor(
    readonly threads: number,
    workerUrl: URL = defaultWorkerUrl(),
  ) {
    this.pool = new Piscina({
      filename: workerUrl.href,
      minThreads: threads,
      maxThreads: threads,
      // Each chunk is a long task: queue them rather than oversubscribe the cores.
      concurrentTasksPerWorker: 1,
      idleTimeout: 60_000,
    });
    // A task's answer that arrives while the pool is being destroyed (a thread finishing its chunk as the run ends
    // after another thread's failure) is no longer awaited; piscina reports it as an error event, which is left
    // unheard then. Before destroy() such an event is thrown as usual.
    this.pool.on('error', (e: unknown) => {
      if (!this.destroyed) throw e;
    });
  }

  /** The run the next tasks belong to (see sharedInit). */
  setRun(init: WorkerInit): void {
    this.init = init;
    this.run_ = ++runs;
  }

  /**
   * Writes the records (then timeline rows) of iterations start … start+count−1 into task.buffer, as
   * Engine.runChunk. A crashed worker rejects with a message; an abort with AbortError.
   */
  async run(task: { start: number; count: number; buffer: SharedArrayBuffer }, signal?: AbortSignal): Promise<void> {
    if (!this.init) throw new Error('internal: SimulationPool.run before setRun');
    try {
      const full: ChunkTask = { ...task, run: this.run_, init: this.init };
      await this.pool.run(full, signal ? { signal } : {});
    } catch (e) {
      if (signal?.aborted) throw new SimulationAbortedError();
      const detail = e instanceof Error ? e.message : String(e);
      throw new Error(
        `simulation worker failed on iterations ${task.start}–${task.start + task.count - 1}: ${detail}`,
        {
          cause: e,
        },
      );
    }
  }

  /**
   * Iterations from … to−1 on all threads at once (see RangeTask), their records written into `records` at their
   * own offsets. `onProgress` gets the iterations of the block written so far, every ~50 ms and at the end. The first
   * failure ends the block for the other threads (they stop after their current grain) and rejects with a message;
   * an abort, with AbortError.
   */
  async runRange(
    range: { from: number; to: number; grain: number; records: SharedArrayBuffer },
    signal?: AbortSignal,
    onProgress?: (done: number) => void,
  ): Promise<void> {
    if (!this.init) throw new Error('internal: SimulationPool.runRange before setRun');
    const { from, to, grain, records } = range;
    const control = new Int32Array(new SharedArrayBuffer(8));
    control[RANGE_NEXT] = from;
    const task: RangeTask = { control: control.buffer, to, grain, records, run: this.run_, init: this.init };
    let reported = 0;
    const report = () => {
      const done = Atomics.load(control, RANGE_DONE);
      if (done !== reported) onProgress?.((reported = done));
    };
    const timer = onProgress ? setInterval(report, 50) : null;
    try {
      const threads = Array.from({ length: Math.min(this.threads, Math.ceil((to - from) / grain)) }, () =>
        this.pool.run(task, signal ? { signal } : {}).catch((e: unknown) => {
          // No more iterations for the other threads: they stop after the grain they are on.
          Atomics.store(control, RANGE_NEXT, to);
          throw e;
        }),
      );
      const settled = await Promise.allSettled(threads);
      const failed = settled.find((r) => r.status === 'rejected');
      if (failed) throw failed.reason;
      report();
    } catch (e) {
      if (signal?.aborted) throw new SimulationAbortedError();
      const detail = e instanceof Error ? e.message : String(e);
      throw new Error(`simulation worker failed on iterations ${from}–${to - 1}: ${detail}`, { cause: e });
    } finally {
      if (timer) clearInterval(timer);
    }
  }

  /** Ends the threads; a second call does nothing. */
  async destroy(): Promise<void> {
    if (this.destroyed) return;
    this.destroyed = true;
    await this.pool.destroy();
  }
}
