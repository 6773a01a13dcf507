// `weerbaar worker`: takes chunks of simulation runs off the BullMQ queue and computes them on worker threads with the
// same engine as a local run (src/simulation/worker.js), so that the merged result is bit-identical.
import { hostname } from 'node:os';
import { Piscina } from 'piscina';
import { UnrecoverableError, Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import { UnavailableError } from '../../domain/errors.js';
import type { CompiledModel } from '../kernel/compiled.js';
import { defaultWorkerUrl, sharedInit, type ChunkTask, type WorkerInit } from '../pool.js';
import {
  PREFIX,
  PROTOCOL,
  QUEUE_NAME,
  RUN_TTL_S,
  WORKER_HEARTBEAT_MS,
  checkRedisUrl,
  decodeModel,
  keys,
  packageVersion,
  safeUrl,
  toBytes,
  versionMismatch,
  within,
  type ChunkJob,
  type ChunkReport,
} from './protocol.js';

export interface QueueWorkerOptions {
  url: string;
  /** Chunks computed at once (worker threads). Default 1. */
  concurrency?: number;
  /**
   * How long a chunk's lock lasts without renewal (ms): after a worker dies, its chunk goes to another worker
   * within about this time plus half of it. Default 10000.
   */
  lockMs?: number;
  log?: (line: string) => void;
  /** The thread code (tests); default the engine's worker. */
  workerUrl?: URL;
}

export interface QueueWorker {
  readonly id: string;
  /** Stops taking chunks and waits for the running ones (force: aborts them; they go back to the queue). */
  close(force?: boolean): Promise<void>;
}

/** Models fetched from Redis, by content hash (a few at most). */
const MODELS_KEPT = 4;

export async function startQueueWorker(options: QueueWorkerOptions): Promise<QueueWorker> {
  const url = checkRedisUrl(options.url, '--redis');
  const concurrency = options.concurrency ?? 1;
  const lockMs = options.lockMs ?? 10_000;
  const log = options.log ?? (() => {});
  const id = `${hostname()}:${process.pid}`;
  const where = safeUrl(url);

  // Workers wait through Redis outages (commands queue until it is back); only the first connection must succeed.
  let lastError = '';
  const redis = (name: string) => {
    const connectionName = `weerbaar-worker:${id}:${name}`;
    const r = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: null, connectionName });
    let reported = false;
    r.on('error', (e: Error) => {
      lastError = e.message;
      if (!reported) log(`Redis at ${where}: ${e.message}; retrying`);
      reported = true;
    });
    r.on('ready', () => {
      if (reported) log(`Redis at ${where}: connected again`);
      reported = false;
    });
    return r;
  };
  const cmd = redis('commands');
  const sub = redis('cancel');
  const connection = redis('queue');
  try {
    await within(Promise.all([cmd.connect(), sub.connect(), connection.connect()]), 10_000, () => 'no answer in 10 s');
  } catch (e) {
    for (const c of [cmd, sub, connection]) c.disconnect();
    const why = lastError || (e as Error).message;
    const message = `cannot reach Redis at ${where} (${why}): start Redis or check --redis / REDIS_URL`;
    throw new UnavailableError(message);
  }

  const pool = new Piscina({
    filename: (options.workerUrl ?? defaultWorkerUrl()).href,
    minThreads: concurrency,
    maxThreads: concurrency,
    concurrentTasksPerWorker: 1,
    idleTimeout: 60_000,
  });

  // Compiled models by hash (fetched once), and a number per (model, seed, variant) for the threads' engine cache.
  const models = new Map<string, Promise<CompiledModel>>();
  const runNumbers = new Map<string, number>();
  const modelFor = (hash: string): Promise<CompiledModel> => {
    let m = models.get(hash);
    if (!m) {
      m = cmd.getBuffer(keys.model(hash)).then((bytes) => {
        if (!bytes) throw new Error(`model ${hash.slice(0, 12)}… is not in Redis (expired or deleted)`);
        return decodeModel(bytes);
      });
      models.set(hash, m);
      m.catch(() => models.delete(hash));
      if (models.size > MODELS_KEPT) models.delete(models.keys().next().value!);
    }
    return m;
  };
  const inits = new Map<string, WorkerInit>();
  const initFor = async (job: ChunkJob): Promise<{ init: WorkerInit; run: number }> => {
    const key = `${job.model} ${job.seed} ${job.counterfactual} ${job.timeline}`;
    let init = inits.get(key);
    if (!init) {
      init = sharedInit(await modelFor(job.model), job.seed, job.counterfactual, job.timeline);
      inits.set(key, init);
      runNumbers.set(key, runNumbers.size + 1);
      if (inits.size > MODELS_KEPT) inits.delete(inits.keys().next().value!);
    }
    return { init, run: runNumbers.get(key)! };
  };

  // Chunks running here, by run: a cancelled run's chunks are aborted.
  const running = new Map<string, Set<AbortController>>();
  await sub.subscribe(keys.cancel);
  sub.on('message', (_channel: string, run: string) => {
    for (const c of running.get(run) ?? []) c.abort();
  });

  const report = async (job: ChunkJob, extra: Partial<ChunkReport>, bytes?: Buffer) => {
    const entry: ChunkReport = { start: job.start, count: job.count, worker: id, ...extra };
    const tx = cmd.multi();
    if (bytes) tx.set(keys.chunk(job.run, job.start), bytes, 'EX', RUN_TTL_S);
    tx.rpush(keys.done(job.run), JSON.stringify(entry)).expire(keys.done(job.run), RUN_TTL_S);
    await tx.exec();
  };

  const process_ = async (job: Job<ChunkJob>, _token?: string, signal?: AbortSignal): Promise<void> => {
    const data = job.data;
    const what = `iterations ${data.start}–${data.start + data.count - 1} of run ${data.run.slice(0, 8)}`;
    if (data.protocol !== PROTOCOL || data.version !== packageVersion()) {
      const message = versionMismatch(data.version, data.protocol);
      await report(data, { error: message });
      throw new UnrecoverableError(message);
    }
    // A run that was cancelled, has ended or whose coordinator is gone no longer waits for its chunks.
    if (!(await cmd.exists(keys.alive(data.run)))) {
      throw new UnrecoverableError('the run no longer waits for this chunk');
    }
    const controller = new AbortController();
    signal?.addEventListener('abort', () => controller.abort(), { once: true });
    const mine = running.get(data.run) ?? new Set<AbortController>();
    running.set(data.run, mine.add(controller));
    const started = Date.now();
    log(`${what}: started`);
    try {
      let prepared: { init: WorkerInit; run: number };
      try {
        prepared = await initFor(data);
      } catch (e) {
        await report(data, { error: (e as Error).message });
        throw new UnrecoverableError((e as Error).message);
      }
      const buffer = new SharedArrayBuffer(data.length * 8);
      const task: ChunkTask = { start: data.start, count: data.count, buffer, run: prepared.run, init: prepared.init };
      try {
        await pool.run(task, { signal: controller.signal });
      } catch (e) {
        if (controller.signal.aborted) {
          log(`${what}: cancelled`);
          throw new UnrecoverableError('cancelled');
        }
        const message = `the engine failed: ${(e as Error).message}`;
        await report(data, { error: message });
        throw new UnrecoverableError(message);
      }
      await report(data, {}, toBytes(new Float64Array(buffer)));
      log(`${what}: done in ${Date.now() - started} ms`);
    } finally {
      mine.delete(controller);
      if (mine.size === 0) running.delete(data.run);
    }
  };

  const worker = new Worker<ChunkJob>(QUEUE_NAME, process_, {
    connection,
    prefix: PREFIX,
    concurrency,
    name: id,
    lockDuration: lockMs,
    stalledInterval: Math.max(500, Math.round(lockMs / 2)),
    maxStalledCount: 10,
  });
  worker.on('error', (e) => log(`queue: ${e.message}`));

  const heartbeat = async () => {
    await cmd.zadd(keys.workers, Date.now() + 3 * WORKER_HEARTBEAT_MS, `${id} ${concurrency}`).catch(() => {});
  };
  await heartbeat();
  const beat = setInterval(() => {
    void heartbeat();
  }, WORKER_HEARTBEAT_MS);
  await worker.waitUntilReady();
  log(`weerbaar worker ${id}: ${concurrency} thread(s), taking chunks from ${where} (lock ${lockMs} ms)`);

  let closing: Promise<void> | null = null;
  return {
    id,
    close(force = false) {
      if (force) worker.cancelAllJobs('the worker is stopping');
      closing ??= (async () => {
        clearInterval(beat);
        await worker.close(force).catch(() => {});
        await pool.destroy().catch(() => {});
        await within(cmd.zrem(keys.workers, `${id} ${concurrency}`), 1000, () => '').catch(() => {});
        for (const c of [cmd, sub, connection]) c.disconnect();
      })();
      return closing;
    },
  };
}
