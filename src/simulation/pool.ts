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

  /** Ends the threads; a second call does nothing. */
  async destroy(): Promise<void> {
    if (this.destroyed) return;
    this.destroyed = true;
    await this.pool.destroy();
  }
}
