// Orchestrates a Monte Carlo run: validate options, compile, run chunks in-process or on workers, aggregate.
import { setMaxListeners } from 'node:events';
import { impactScore } from '../analysis/impact.js';
import { ValidationError } from '../domain/errors.js';
import type { Model } from '../model/schema.js';
import { compileModel } from './compile.js';
import { recordLayout } from './kernel/compiled.js';
import { createFastEngine } from './kernel/engine.js';
import { aggregate } from './kernel/stats.js';
import { timelineRowLength } from './kernel/iterate.js';
import { TimelineAccumulator, timelineSteps } from './kernel/timeline.js';
import { SimulationAbortedError, SimulationPool, sharedInit } from './pool.js';
import type { ChunkExecutor, ChunkSession } from './executor.js';
import { timing } from './timing.js';
import { parseSimulationOptions } from './options.js';
import type { SimulationResult, Timeline } from './types.js';
import type { ResolvedSimulationOptions, SimulationOptions } from './options.js';

export type { SimulationResult } from './types.js';
export type { SimulationOptions, ResolvedSimulationOptions } from './options.js';
export { SimulationAbortedError } from './pool.js';

export { DEFAULTS } from './options.js';
/** With a target relative error, convergence is checked after every block of this many iterations. */
export const CHECK_EVERY = 100;
/** Per-iteration records are kept for exact quantiles; refuse runs whose records would not fit. */
const MAX_RECORD_BYTES = 2 ** 31;
/** A chunk's timeline rows stay below this size (but a chunk has at least one iteration). */
const TIMELINE_CHUNK_BYTES = 16 * 2 ** 20;
/** Chunks handed to the pool and not yet summed into the timeline, per worker (bounds the memory they hold). */
const chunkWindow = (workers: number) => 2 * workers + 2;

/**
 * Checks options against their schema (options.ts) and, given the model, the scenario and the memory the run
 * needs; fills in the defaults. Throws ValidationError whose problems name the option in `field`.
 */
export function validateSimulationOptions(options: unknown, model?: Model): ResolvedSimulationOptions {
  const { value, problems } = parseSimulationOptions(options);
  const bad = (field: string, message: string) => problems.push({ item: 'options', field, message });
  const scenario = (options as { scenario?: unknown } | null)?.scenario;
  if (model && typeof scenario === 'string' && scenario !== '' && !model.scenarios.some((s) => s.id === scenario)) {
    const known = model.scenarios.map((s) => s.id);
    const listed = `${known
      .slice(0, 20)
      .map((k) => `"${k}"`)
      .join(', ')}${known.length > 20 ? ', …' : ''}`;
    const has = known.length ? `the model has ${listed}` : 'the model has no scenarios';
    bad('scenario', `unknown scenario "${scenario}"; ${has}`);
  }
  if (model && value && problems.length === 0) {
    const { iterations, counterfactual, timeline, horizonHours, stepHours, workers } = value;
    const stride = recordLayout(
      {
        nServices: model.services.length,
        nSectors: model.sectors.length,
        nCapabilities: model.capabilities.length,
        nCriteria: model.impactCriteria.length,
      },
      counterfactual === 'close-gaps',
    ).stride;
    const bytes = iterations * stride * 8;
    if (bytes > MAX_RECORD_BYTES) {
      const gib = (bytes / 2 ** 30).toFixed(1);
      bad(
        'iterations',
        `${iterations} iterations would keep ${gib} GiB of per-iteration results for exact quantiles` +
          `; at most ${Math.floor(MAX_RECORD_BYTES / (stride * 8))} fit for this model`,
      );
    }
    if (timeline) {
      // One iteration's timeline row, times the chunks that may wait to be summed in iteration order.
      const steps = Math.max(1, Math.ceil(horizonHours / stepHours - 1e-9));
      const rowBytes =
        timelineRowLength({ steps, nServices: model.services.length, nSectors: model.sectors.length }) * 8;
      const held = rowBytes * (workers > 1 ? chunkWindow(workers) : 1);
      if (held > MAX_RECORD_BYTES) {
        const { length: nServices } = model.services;
        bad(
          'timeline',
          `the timeline of ${nServices} services and ${model.sectors.length} sectors would hold ` +
            `${(held / 2 ** 30).toFixed(1)} GiB of per-iteration rows with ${workers} worker(s); turn it off ` +
            '(timeline: false, --no-timeline) or use fewer workers',
        );
      }
    }
  }
  if (problems.length || !value) throw new ValidationError(problems);
  return value;
}

export interface SimulationControl {
  /** Called after every finished chunk with the iterations done and the planned total (the cap with a target). */
  onProgress?: (done: number, total: number) => void;
  /** Aborting stops the run between chunks (and kills running workers); the promise rejects with an AbortError. */
  signal?: AbortSignal;
  /**
   * Worker threads started ahead of the run (new SimulationPool(workers)) so that their start-up overlaps other
   * work; used if it has opts.workers threads, and destroyed by the run in any case.
   */
  pool?: SimulationPool;
  /**
   * Computes the chunks elsewhere (e.g. on a job queue, src/simulation/queue/): then no worker threads are started
   * here. The results are the same, bit for bit. The caller owns the executor (the run does not close it).
   */
  executor?: ChunkExecutor;
}

/** Runs the Monte Carlo simulation of one scenario of a validated model. */
export async function runSimulation(
  model: Model,
  options: SimulationOptions,
  control: SimulationControl = {},
): Promise<SimulationResult> {
  const started = performance.now();
  let opts: ResolvedSimulationOptions;
  try {
    opts = validateSimulationOptions(options, model);
  } catch (e) {
    await control.pool?.destroy();
    throw e;
  }
  const { signal, onProgress } = control;
  if (signal?.aborted) {
    await control.pool?.destroy();
    throw new SimulationAbortedError();
  }
  const compiled = compileModel(model, opts);
  const counterfactual = opts.counterfactual === 'close-gaps';
  const layout = recordLayout(compiled, counterfactual);
  const cap = opts.iterations;
  // A pool started beforehand (control.pool, e.g. by the CLI while it read the model) is used when it has the
  // right number of threads; this run ends it either way.
  let pool: SimulationPool | null = null;
  if (opts.workers > 1 && !control.executor) {
    pool = control.pool?.threads === opts.workers ? control.pool : new SimulationPool(opts.workers);
  }
  if (control.pool && control.pool !== pool) await control.pool.destroy();
  // Without the timeline, the worker threads take the iterations of a block one grain at a time and write their
  // records straight into this array in shared memory (SimulationPool.runRange); with it, chunks come back in
  // buffers of their own and their timeline rows are summed in iteration order.
  const ranged = pool !== null && !opts.timeline;
  const recordBytes = cap * layout.stride * 8;
  const records = new Float64Array(ranged ? new SharedArrayBuffer(recordBytes) : new ArrayBuffer(recordBytes));
  const timelineRow = opts.timeline ? timelineRowLength(compiled) : 0;
  // Spent chunk buffers, handed back to the engine or a worker for the next chunk: no fresh multi-megabyte
  // allocation (zeroing, page faults, garbage collection) per chunk when the timeline rows are large.
  // With workers these are SharedArrayBuffers: the worker writes into the one it is given and the main thread reads
  // it, nothing is transferred. (Transferring detaches an ArrayBuffer, and after the first detach in a thread V8
  // guards every typed-array access in optimised code against detached buffers: that made the kernel in the
  // workers ~40 % slower per iteration than in-process.)
  const spare: ArrayBufferLike[] = [];
  const release = (view: Float64Array) => {
    if (spare.length < 4 * opts.workers + 4) spare.push(view.buffer);
  };
  const timeline = opts.timeline ? new TimelineAccumulator(timelineRow, release) : null;
  /** Records (and timeline rows, summed in iteration order) of the chunk of iterations start … start + count − 1. */
  const take = (start: number, count: number, out: Float64Array) => {
    const recordsEnd = count * layout.stride;
    records.set(recordsEnd === out.length ? out : out.subarray(0, recordsEnd), start * layout.stride);
    if (timeline) timeline.add(start, count, out.subarray(recordsEnd));
    else release(out);
  };

  // Chunks of roughly 10^7 edge-steps keep progress and cancellation responsive without messaging overhead.
  const workPerIteration =
    compiled.steps *
    (compiled.depSource.length + compiled.nServices + 10) *
    (counterfactual ? compiled.nCapabilities + 2 : 1);
  const timelineCap = timelineRow > 0 ? Math.floor(TIMELINE_CHUNK_BYTES / (timelineRow * 8)) : Infinity;
  const chunkFor = (blockLength: number) =>
    Math.max(1, Math.min(Math.ceil(blockLength / parallel), Math.floor(chunkWork / workPerIteration), timelineCap));

  // One internal signal for all pool tasks (each task listens on it), linked to the caller's.
  const internal = new AbortController();
  setMaxListeners(0, internal.signal);
  const onAbort = () => internal.abort();
  signal?.addEventListener('abort', onAbort, { once: true });
  pool?.setRun(sharedInit(compiled, opts.seed, counterfactual, opts.timeline));
  timing('compiled, pool ready to take tasks');
  let session: ChunkSession | null = null;
  try {
    session =
      (await control.executor?.open(
        {
          compiled,
          seed: opts.seed,
          counterfactual,
          timeline: opts.timeline,
          stride: layout.stride,
          timelineRow,
        },
        internal.signal,
      )) ?? null;
  } catch (e) {
    signal?.removeEventListener('abort', onAbort);
    throw signal?.aborted ? new SimulationAbortedError() : e;
  }
  /** Chunks run at once (worker threads, or what the executor can take), and the work per chunk. */
  const parallel = session ? Math.max(1, control.executor!.parallelism) : opts.workers;
  const chunkWork = (session && control.executor!.chunkWork) || 1e7;
  const engine = pool || session ? null : await createFastEngine(compiled, opts.seed, counterfactual, opts.timeline);
  let done = 0;
  let converged: boolean | null = opts.targetRelativeError === null ? null : false;
  const scoreOf = (c: number, v: number) =>
    impactScore(v, Array.from(compiled.criterionThresholds.subarray(5 * c, 5 * c + 5)));

  /** A chunk on the worker threads, written into shared memory (see `spare`). */
  const onPool = async (start: number, count: number): Promise<Float64Array> => {
    const length = count * (layout.stride + timelineRow);
    let buffer = spare.pop() as SharedArrayBuffer | undefined;
    if (!buffer || buffer.byteLength < length * 8) buffer = new SharedArrayBuffer(length * 8);
    await pool!.run({ start, count, buffer }, internal.signal);
    return new Float64Array(buffer, 0, length);
  };

  const runBlock = async (from: number, to: number) => {
    if (ranged) {
      // A grain of ~10^6 dependency-steps (~1.5 ms): taking one costs an atomic add, so the threads can end
      // within a grain of each other; at most a quarter of a thread's share of the block.
      const grain = Math.max(
        1,
        Math.min(Math.ceil((to - from) / (4 * parallel)), Math.floor(chunkWork / 10 / workPerIteration)),
      );
      await pool!.runRange({ from, to, grain, records: records.buffer as SharedArrayBuffer }, internal.signal, (n) => {
        if (done === from) timing('first iterations written');
        done = from + n;
        onProgress?.(done, cap);
      });
      done = to;
      if (done === cap) timing('last iterations written');
      return;
    }
    const chunk = chunkFor(to - from);
    if (engine) {
      for (let start = from; start < to; start += chunk) {
        if (signal?.aborted) throw new SimulationAbortedError();
        const count = Math.min(chunk, to - start);
        const reuse = spare.pop();
        take(start, count, engine.runChunk(start, count, reuse && new Float64Array(reuse)));
        done += count;
        onProgress?.(done, cap);
        // Yield so that an abort or a progress redraw can happen between chunks.
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
      return;
    }
    // Chunks in submission order; at most chunkWindow of them handed out and not yet taken, so that
    // timeline rows waiting for an earlier chunk stay bounded. Fail fast: the first rejection (abort
    // or crash) ends the run; the pool is destroyed below.
    let failed!: (e: unknown) => void;
    const failure = new Promise<never>((_, reject) => {
      failed = reject;
    });
    failure.catch(() => {});
    const queue: Promise<void>[] = [];
    for (let start = from; start < to; start += chunk) {
      if (queue.length >= chunkWindow(parallel)) await Promise.race([queue.shift()!, failure]);
      const count = Math.min(chunk, to - start);
      const task = (session ? session.run(start, count, internal.signal) : onPool(start, count)).then((out) => {
        take(start, count, out);
        if (done === 0) timing('first chunk back');
        done += count;
        if (done === cap) timing('last chunk back');
        onProgress?.(done, cap);
      });
      task.catch(failed);
      queue.push(task);
    }
    await Promise.race([Promise.all(queue), failure]);
  };

  try {
    if (opts.targetRelativeError === null) {
      await runBlock(0, cap);
    } else {
      // Blocks of a fixed size, independent of the number of workers, so the stopping point is reproducible.
      for (let from = 0; from < cap; from += CHECK_EVERY) {
        await runBlock(from, Math.min(cap, from + CHECK_EVERY));
        if (signal?.aborted) throw new SimulationAbortedError();
        const totals = new Float64Array(done);
        for (let k = 0; k < done; k++) totals[k] = records[k * layout.stride + layout.total]!;
        if (reachedTarget(totals, opts.targetRelativeError)) {
          converged = true;
          break;
        }
      }
    }
  } catch (e) {
    throw signal?.aborted ? new SimulationAbortedError() : e;
  } finally {
    signal?.removeEventListener('abort', onAbort);
    await pool?.destroy();
    await session?.close();
  }

  timing('iterations done, pool destroyed');
  const stats = aggregate(compiled, layout, records, done, scoreOf);
  let timelineResult: Timeline | null = null;
  if (timeline) {
    if (timeline.next !== done || timeline.waiting !== 0)
      throw new Error(`internal: timeline summed ${timeline.next} of ${done} iterations`);
    const steps = timelineSteps(compiled.steps);
    const width = compiled.nServices + compiled.nSectors;
    const sum = timeline.sum;
    const series = (ids: string[], first: number) =>
      ids.map((id, i) => ({
        id,
        meanInoperability: Array.from(steps, (_, p) => sum[p * width + first + i]! / done),
      }));
    timelineResult = {
      hours: Array.from(steps, (t) => t * compiled.stepHours),
      services: series(compiled.ids.services, 0),
      sectors: series(compiled.ids.sectors, compiled.nServices),
    };
  }
  timing('statistics');
  return {
    meta: {
      iterations: done,
      seed: opts.seed,
      workers: opts.workers,
      horizonHours: opts.horizonHours,
      stepHours: opts.stepHours,
      steps: compiled.steps,
      elapsedMs: Math.round(performance.now() - started),
      scenario: opts.scenario,
      disruptedThreshold: opts.disruptedThreshold,
      targetRelativeError: opts.targetRelativeError,
      converged,
      counterfactual: opts.counterfactual,
      rng: 'seedrandom alea, one stream per iteration keyed "<seed>#<iteration>"',
      quantiles: 'exact, linear interpolation between order statistics (R type 7)',
      model: {
        name: model.name ?? null,
        version: model.version ?? null,
        services: model.services.length,
        dependencies: model.dependencies.length,
      },
    },
    ...stats,
    timeline: timelineResult,
  };
}

/** Half-width of the 95 % interval below target × mean; a run whose impact is exactly 0 throughout has nothing left to
 * estimate. */
export function reachedTarget(totals: Float64Array, target: number): boolean {
  const n = totals.length;
  if (n < 2) return false;
  let sum = 0;
  for (const v of totals) sum += v;
  const m = sum / n;
  let ss = 0;
  for (const v of totals) ss += (v - m) ** 2;
  const hw = 1.96 * Math.sqrt(ss / (n - 1) / n);
  return m === 0 ? hw === 0 : hw < target * Math.abs(m);
}
