// Simulation runs as jobs: queued, run one at a time off the request path, progress persisted and published,
// cancellable.
import { createPubSub } from 'graphql-yoga';
import type { Graph } from '../graph/graph.js';
import { exportModel } from '../graph/model-repository.js';
import { randomUUID } from 'node:crypto';
import {
  codeVersion,
  finishRun,
  updateRunProgress,
  getRun,
  isTerminal,
  type RunStatus,
} from '../graph/run-repository.js';
import { runSimulation, validateSimulationOptions } from '../simulation/run.js';
import type { SimulationOptions } from '../simulation/options.js';
import type { ChunkExecutor } from '../simulation/executor.js';
import type { Viewer } from '../domain/viewer.js';
import type { Model } from '../model/schema.js';
import type { ModelRevision } from '../graph/model-revision.js';
import { NotFoundError, UnavailableError, UserError } from '../domain/errors.js';

import type { MeasureEvaluationInput, ProgressEvent, SimulationJobs } from '../graph/simulation-jobs.js';
import { evaluateMeasureSets, type PairedResult } from '../simulation/paired.js';

export type { ProgressEvent };

interface Job {
  id: string;
  options: SimulationOptions;
  /** Set on a measure evaluation (kind 'measure-evaluation'), which runs simulation/paired.ts instead. */
  evaluation?: MeasureEvaluationInput & { workers?: number };
  controller: AbortController;
  status: RunStatus;
  progress: number;
  iterationsDone: number;
  /** Progress writes under way (made without waiting for them), awaited before the run's end is written. */
  progressWrite?: Promise<void>;
}

/** An export of the model and the revision token it was read at (null: not kept). */
interface ModelEntry {
  token: string | null;
  model: Promise<Model>;
}

/** How often progress is written to Neo4j; subscribers get every chunk. */
const PERSIST_EVERY_MS = 1000;

export class SimulationJobQueue implements SimulationJobs {
  readonly pubsub = createPubSub<{ progress: [runId: string, event: ProgressEvent] }>();
  private readonly jobs = new Map<string, Job>();
  private queue: Job[] = [];
  private running: Job | null = null;
  private closed = false;
  private idle: Promise<void> = Promise.resolve();

  constructor(
    private readonly graph: Graph,
    private readonly defaults: {
      workers?: number;
      maxIterations?: number;
      maxQueued?: number;
      /** Where runs compute their chunks instead of worker threads here (a job queue, docs/distributed.md). */
      executor?: ChunkExecutor;
      /**
       * How the model revision is known without a round trip (the analysis service's): with it, the model read to
       * check a run's options is kept for the run itself while the revision stays the same, instead of being read
       * from Neo4j twice. Without it, every use reads the model.
       */
      revision?: ModelRevision;
    } = {},
  ) {}

  /** The model exported at the revision it was read at (docs/engine.md, runs through the API). */
  private modelAt: ModelEntry | null = null;
  /** Exports made, for tests and diagnostics. */
  readonly stats = { exports: 0 };

  /**
   * The export of the model as the graph holds it now, within the revision's bound: the same while the revision token
   * is unchanged (a write through this server changes it at once, other processes' writes within maxAgeMs; a run that
   * finishes changes it too). The token is read before the export, so an export is never kept under a newer token.
   */
  private async currentModel(): Promise<ModelEntry> {
    const revision = this.defaults.revision;
    if (!revision) {
      this.stats.exports++;
      return { token: null, model: exportModel(this.graph) };
    }
    const token = await revision.current();
    if (this.modelAt?.token !== token) {
      this.stats.exports++;
      const model = exportModel(this.graph);
      this.modelAt = { token, model };
      // A failed export is not kept.
      model.catch(() => {
        if (this.modelAt?.model === model) this.modelAt = null;
      });
    }
    return this.modelAt!;
  }

  /**
   * After a run: the export it used is let go unless a run waits (its revision may still be the same). A finished run
   * changes the revision anyway, so an idle server does not hold a whole model in memory for nothing.
   */
  private releaseModel(entry: ModelEntry | null): void {
    if (entry && this.modelAt === entry && this.queue.length === 0) this.modelAt = null;
  }

  /** Marks runs that a previous server left unfinished as failed. */
  async recover(): Promise<number> {
    const rows = await this.graph.write('runs', 'failInterruptedRuns', { active: [...this.jobs.keys()] });
    return Number(rows[0]?.count ?? 0);
  }

  /** Validates the options against the current model, records a queued run with its audit entry (one transaction) and
   * returns its id at once. */
  async start(input: SimulationOptions, viewer: Viewer, requestId: string | null = null): Promise<string> {
    this.admit(input.iterations);
    // The explorer's heat map reads result.timeline: API jobs keep it (the CLI leaves it out by default).
    const options: SimulationOptions = {
      ...input,
      timeline: input.timeline ?? true,
      workers: input.workers ?? this.defaults.workers,
    };
    const model = await (await this.currentModel()).model;
    validateSimulationOptions(options, model);
    const id = `run-${randomUUID()}`;
    await this.graph.writeTransaction(async (tx) => {
      const rows = await tx.run('runs', 'createRun', {
        id,
        scenario: options.scenario,
        status: 'queued',
        parameters: JSON.stringify(options),
        seed: String(options.seed),
        codeVersion: codeVersion(),
        createdBy: viewer.subject,
        source: 'api',
      });
      if (!rows.length) throw new NotFoundError('scenario', options.scenario);
      await tx.run('audit', 'recordAudit', auditParams(viewer, requestId, 'start:simulationRuns', id, options));
    });
    this.enqueue({ id, options, controller: new AbortController(), status: 'queued', progress: 0, iterationsDone: 0 });
    return id;
  }

  /**
   * Validates a measure evaluation against the current model, records it as a queued run of kind 'measure-evaluation'
   * linked to every scenario it covers (with its audit entry, one transaction) and returns its id at once.
   */
  async startMeasureEvaluation(
    input: MeasureEvaluationInput,
    viewer: Viewer,
    requestId: string | null = null,
  ): Promise<string> {
    this.admit(input.iterations);
    const model = await (await this.currentModel()).model;
    const known = new Set(model.measures.map((m) => m.id));
    const unknown = input.measureIds.find((m) => !known.has(m));
    if (unknown !== undefined) throw new UserError(`measureIds: unknown measure "${unknown}"`, 'BAD_USER_INPUT');
    const evaluation = { ...input, workers: this.defaults.workers };
    const scenario = input.scenarioIds[0] ?? '';
    // The options every paired run takes (iterations, seed, workers), checked now rather than when the job runs.
    const options: SimulationOptions = {
      scenario,
      iterations: input.iterations,
      seed: input.seed,
      workers: evaluation.workers,
      timeline: false,
    };
    validateSimulationOptions(options, model);
    const id = `run-${randomUUID()}`;
    await this.graph.writeTransaction(async (tx) => {
      const rows = await tx.run('runs', 'createEvaluationRun', {
        id,
        kind: 'measure-evaluation',
        scenarios: input.scenarioIds,
        status: 'queued',
        parameters: JSON.stringify(evaluation),
        seed: String(input.seed),
        codeVersion: codeVersion(),
        createdBy: viewer.subject,
        source: 'api',
      });
      if (!rows.length) throw new NotFoundError('scenario', input.scenarioIds.join(', '));
      await tx.run('audit', 'recordAudit', auditParams(viewer, requestId, 'start:measureEvaluations', id, evaluation));
    });
    this.enqueue({
      id,
      options,
      evaluation,
      controller: new AbortController(),
      status: 'queued',
      progress: 0,
      iterationsDone: 0,
    });
    return id;
  }

  /** Refuses a new job while shutting down, when too many wait, or with more iterations than the API allows. */
  private admit(iterations: number): void {
    if (this.closed) throw new UnavailableError('the server is shutting down; try again shortly');
    const maxQueued = this.defaults.maxQueued ?? 20;
    if (this.queue.length >= maxQueued) {
      throw new UserError(
        `too many simulations waiting (${this.queue.length}); try again when some have finished`,
        'RATE_LIMITED',
      );
    }
    const maxIterations = this.defaults.maxIterations ?? 100_000;
    if (iterations > maxIterations) {
      throw new UserError(
        `iterations: at most ${maxIterations} through the API, got ${iterations}; use the CLI for ` + 'larger runs',
        'BAD_USER_INPUT',
      );
    }
  }

  private enqueue(job: Job): void {
    this.jobs.set(job.id, job);
    this.queue.push(job);
    this.publish(job, null);
    this.pump();
  }

  /** Cancels a queued or running job; returns false when it had already finished. The request is audited before it
   * takes effect. */
  async cancel(id: string, viewer?: Viewer, requestId: string | null = null): Promise<boolean> {
    const job = this.jobs.get(id);
    const record = (status: string) =>
      viewer
        ? this.graph.write(
            'audit',
            'recordAudit',
            auditParams(viewer, requestId, 'cancel:simulationRuns', id, { status }),
          )
        : Promise.resolve([]);
    if (!job) {
      const stored = await getRun(this.graph, id);
      if (!stored) throw new NotFoundError('simulation run', id);
      await record(stored.status);
      return false;
    }
    await record(job.status);
    if (isTerminal(job.status)) return false;
    if (job.status === 'queued') {
      this.queue = this.queue.filter((j) => j !== job);
      await this.finish(job, 'cancelled', 'cancelled before it started');
      return true;
    }
    job.controller.abort();
    await this.idle;
    return true;
  }

  /** The live state of a job this server knows, else undefined (read the stored run instead). */
  live(id: string): ProgressEvent | undefined {
    const job = this.jobs.get(id);
    return job
      ? { runId: id, status: job.status, progress: job.progress, iterationsDone: job.iterationsDone, error: null }
      : undefined;
  }

  subscribe(id: string): AsyncIterable<ProgressEvent> {
    return this.pubsub.subscribe('progress', id);
  }

  /** Stops taking jobs, cancels what runs or waits and records that state. */
  async shutdown(): Promise<void> {
    this.closed = true;
    const waiting = this.queue;
    this.queue = [];
    for (const job of waiting) await this.finish(job, 'cancelled', 'cancelled: the server shut down before it started');
    if (this.running) this.running.controller.abort();
    await this.idle;
  }

  private pump(): void {
    if (this.running || this.closed) return;
    const job = this.queue.shift();
    if (!job) return;
    this.running = job;
    this.idle = this.execute(job).finally(() => {
      this.running = null;
      this.pump();
    });
  }

  private async execute(job: Job): Promise<void> {
    let lastPersist = 0;
    let entry: ModelEntry | null = null;
    try {
      job.status = 'running';
      await updateRunProgress(this.graph, job.id, 'running', 0, 0);
      this.publish(job, null);
      entry = await this.currentModel();
      const model = await entry.model;
      const onProgress = (done: number, total: number) => {
        job.iterationsDone = done;
        job.progress = total > 0 ? Math.min(1, done / total) : 0;
        this.publish(job, null);
        const now = Date.now();
        if (now - lastPersist >= PERSIST_EVERY_MS) {
          lastPersist = now;
          const write = updateRunProgress(this.graph, job.id, 'running', job.progress, done).catch(() => {});
          job.progressWrite = Promise.all([job.progressWrite, write]).then(() => {});
        }
      };
      if (job.evaluation) {
        const result = await evaluateMeasures(model, job.evaluation, job.controller.signal, onProgress);
        job.progress = 1;
        await job.progressWrite;
        await finishRun(this.graph, job.id, { status: 'done', result, iterationsDone: job.iterationsDone });
      } else {
        const result = await runSimulation(model, job.options, {
          signal: job.controller.signal,
          ...(this.defaults.executor ? { executor: this.defaults.executor } : {}),
          onProgress,
        });
        job.progress = 1;
        // No progress write of this run may still be under way when its end is written (cypher/runs.cypher).
        await job.progressWrite;
        await finishRun(this.graph, job.id, {
          status: 'done',
          result,
          iterationsDone: result.meta.iterations,
          totalImpactMean: result.totalImpact.mean,
        });
      }
      job.status = 'done';
      this.publish(job, null);
    } catch (e) {
      const aborted = (e as Error)?.name === 'AbortError' || job.controller.signal.aborted;
      const message = aborted
        ? this.closed
          ? 'cancelled: the server shut down'
          : 'cancelled'
        : e instanceof UserError
          ? e.message
          : `the simulation failed: ${(e as Error)?.message ?? String(e)}`;
      await this.finish(job, aborted ? 'cancelled' : 'failed', message);
    } finally {
      this.releaseModel(entry);
    }
  }

  private async finish(job: Job, status: RunStatus, error: string): Promise<void> {
    job.status = status;
    await job.progressWrite;
    try {
      await finishRun(this.graph, job.id, { status, error, iterationsDone: job.iterationsDone });
    } catch {
      // Neo4j unavailable: the run stays queued/running in the graph and is marked failed by recover() at the next
      // start.
    }
    this.publish(job, error);
  }

  private publish(job: Job, error: string | null): void {
    this.pubsub.publish('progress', job.id, {
      runId: job.id,
      status: job.status,
      progress: job.progress,
      iterationsDone: job.iterationsDone,
      error,
    });
  }
}

/**
 * The paired evaluation of a measure evaluation job: each measure alone and, with more than one, all of them together
 * (set id 'all'), over the job's scenarios. Iterations done count every paired run (scenarios × (sets + 1) × n).
 */
export async function evaluateMeasures(
  model: Model,
  input: MeasureEvaluationInput & { workers?: number },
  signal?: AbortSignal,
  onProgress?: (done: number, total: number) => void,
): Promise<PairedResult> {
  const sets = input.measureIds.map((m) => ({ id: m, measures: [m] }));
  if (input.measureIds.length > 1) sets.push({ id: 'all', measures: [...input.measureIds] });
  return evaluateMeasureSets(
    model,
    sets,
    {
      scenarios: input.scenarioIds,
      iterations: input.iterations,
      seed: input.seed,
      ...(input.workers !== undefined ? { workers: input.workers } : {}),
    },
    { ...(signal ? { signal } : {}), ...(onProgress ? { onProgress } : {}) },
  );
}

function auditParams(
  viewer: Viewer,
  requestId: string | null,
  action: string,
  target: string,
  details: unknown,
): Record<string, unknown> {
  return {
    subject: viewer.subject,
    role: viewer.role,
    party: viewer.party,
    action,
    target,
    details: JSON.stringify(details),
    requestId,
  };
}
