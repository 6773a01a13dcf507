// Where the chunks of a run are computed: the runner (run.ts) asks a ChunkExecutor for them when one is given,
// else it uses the in-process engine or its worker threads. Every simulation path (CLI, API jobs, evaluations that
// call runSimulation) takes the same executor through SimulationControl.executor.
import type { CompiledModel } from './kernel/compiled.js';

/** What a chunk needs besides its iteration indices; the same for every chunk of a run. */
export interface ChunkRun {
  compiled: CompiledModel;
  seed: string;
  counterfactual: boolean;
  timeline: boolean;
  /** Numbers per iteration in the records, and in the timeline rows (0 without the timeline). */
  stride: number;
  timelineRow: number;
}

/** One run's chunks on an executor. */
export interface ChunkSession {
  /**
   * Iterations start … start + count − 1, exactly as Engine.runChunk computes them: count records of
   * `stride` numbers, then count timeline rows. Rejects with an AbortError once `signal` is aborted.
   */
  run(start: number, count: number, signal: AbortSignal): Promise<Float64Array>;
  /** Ends the run: chunks still queued or running are cancelled. Called once, whatever happened. */
  close(): Promise<void>;
}

/** A place to compute chunks, shared by many runs; its owner closes it. */
export interface ChunkExecutor {
  /** Short description for logs and messages, e.g. "BullMQ queue on redis://host:6379". */
  readonly description: string;
  /**
   * Chunks worth having in flight at once (the runner splits a block of iterations into about this many
   * chunks and keeps at most 2 × this + 2 unfinished). Read once per run, after open().
   */
  readonly parallelism: number;
  /**
   * Work per chunk worth its overhead, in dependency-steps (the runner's unit; local threads use 10⁷, ~15 ms).
   * Optional; a larger value makes fewer, longer chunks.
   */
  readonly chunkWork?: number;
  /** Prepares a run (e.g. publishes its model); rejects with a clear message when the executor is unavailable. */
  open(run: ChunkRun, signal: AbortSignal): Promise<ChunkSession>;
  close(): Promise<void>;
}
