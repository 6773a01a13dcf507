// Runs chunks of iterations on worker threads (piscina); every worker gets the compiled model once.
import { Piscina } from 'piscina';
import type { CompiledModel } from './kernel/compiled.js';

export interface WorkerInit {
  compiled: CompiledModel;
  seed: string;
  counterfactual: boolean;
  /** Also return per-iteration timeline rows after the records. Default false. */
  timeline?: boolean;
}

export interface ChunkTask {
  start: number;
  count: number;
  /** A spent result buffer handed back (transferred) for the worker to write this chunk into. */
  buffer?: ArrayBuffer;
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

export class SimulationPool {
  private readonly pool: Piscina;

  constructor(init: WorkerInit, threads: number, workerUrl: URL = defaultWorkerUrl()) {
    this.pool = new Piscina({
      filename: workerUrl.href,
      workerData: init,
      minThreads: threads,
      maxThreads: threads,
      // Each chunk is a long task: queue them rather than oversubscribe the cores.
      concurrentTasksPerWorker: 1,
      idleTimeout: 60_000,
    });
  }

  /** Records (then timeline rows) of iterations start … start+count−1, as Engine.runChunk. A crashed worker rejects with a message; an abort with AbortError. */
  async run(task: ChunkTask, signal?: AbortSignal): Promise<Float64Array> {
    try {
      const transferList = task.buffer ? [task.buffer] : undefined;
      return (await this.pool.run(task, { ...(signal ? { signal } : {}), ...(transferList ? { transferList } : {}) })) as Float64Array;
    } catch (e) {
      if (signal?.aborted) throw new SimulationAbortedError();
      const detail = e instanceof Error ? e.message : String(e);
      throw new Error(`simulation worker failed on iterations ${task.start}–${task.start + task.count - 1}: ${detail}`);
    }
  }

  async destroy(): Promise<void> {
    await this.pool.destroy();
  }
}
