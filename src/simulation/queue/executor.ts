// The coordinator's side of a distributed run: the chunks of a run go onto a BullMQ queue in Redis, `weerbaar worker`
// processes compute them anywhere, and the results come back through Redis to be merged in iteration order by run.ts.
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { UnavailableError } from '../../domain/errors.js';
import type { ChunkExecutor, ChunkRun, ChunkSession } from '../executor.js';
import { SimulationAbortedError } from '../pool.js';
import {
  ALIVE_REFRESH_MS,
  ALIVE_TTL_MS,
  MODEL_TTL_S,
  PREFIX,
  PROTOCOL,
  QUEUE_NAME,
  checkRedisUrl,
  connect,
  encodeModel,
  fromBytes,
  jobId,
  keys,
  packageVersion,
  safeUrl,
  within,
  type ChunkJob,
  type ChunkReport,
} from './protocol.js';

export interface QueueExecutorOptions {
  /** A run fails once Redis has not answered for this long (ms). Default 5000. */
  unavailableMs?: number;
}

/** Raised when Redis cannot be reached; the run fails with its message. */
export class RedisUnavailableError extends UnavailableError {}

/** How often the coordinator checks that the jobs of its unfinished chunks still exist. */
const WATCHDOG_MS = 5000;

const reason = (e: unknown) => (e instanceof Error ? e.message : String(e)) || 'no answer';

/**
 * Runs chunks on `weerbaar worker` processes through a BullMQ queue. One executor serves many runs (one at a time
 * or several at once); close it when done. Nothing connects before the first run.
 */
export class QueueExecutor implements ChunkExecutor {
  readonly description: string;
  parallelism = 8;
  /** ~10⁸ dependency-steps (~0.15 s): a few ms of queue overhead per chunk then cost a few per cent. */
  readonly chunkWork = 1e8;
  private client: Redis | null = null;
  private queue: Queue | null = null;
  private connecting: Promise<void> | null = null;
  private readonly unavailableMs: number;

  constructor(
    readonly url: string,
    options: QueueExecutorOptions = {},
  ) {
    checkRedisUrl(url, 'Redis URL');
    this.description = `BullMQ queue "${QUEUE_NAME}" on ${safeUrl(url)}`;
    this.unavailableMs = options.unavailableMs ?? 5000;
  }

  private unavailable(e: unknown, what = 'cannot reach Redis'): RedisUnavailableError {
    const where = safeUrl(this.url);
    return new RedisUnavailableError(`${what} at ${where} (${reason(e)}): start Redis or check --redis / REDIS_URL`);
  }

  private async ready(): Promise<{ client: Redis; queue: Queue }> {
    if (!this.connecting) {
      this.connecting = (async () => {
        const client = connect(this.url);
        this.client = client;
        await within(client.connect(), this.unavailableMs, () => 'no answer');
        this.queue = new Queue(QUEUE_NAME, { connection: client, prefix: PREFIX, skipWaitingForReady: true });
        this.queue.on('error', () => {}); // reported by the commands that fail
      })();
      this.connecting.catch(() => {
        this.client?.disconnect();
        this.client = null;
        this.connecting = null;
      });
    }
    try {
      await this.connecting;
    } catch (e) {
      throw this.unavailable(e);
    }
    return { client: this.client!, queue: this.queue! };
  }

  async open(run: ChunkRun, signal: AbortSignal): Promise<ChunkSession> {
    const { client, queue } = await this.ready();
    const { bytes, hash } = encodeModel(run.compiled);
    const id = randomUUID();
    try {
      await within(
        (async () => {
          // Uploaded once per content: a model already there only gets its expiry renewed.
          const key = keys.model(hash);
          if (!(await client.expire(key, MODEL_TTL_S))) await client.set(key, bytes, 'EX', MODEL_TTL_S);
          await client.set(keys.alive(id), '1', 'PX', ALIVE_TTL_MS);
          const now = Date.now();
          await client.zremrangebyscore(keys.workers, '-inf', now);
          const members = await client.zrange(keys.workers, '0', '-1');
          const slots = members.reduce((n: number, m: string) => n + (Number(m.split(' ')[1]) || 1), 0);
          this.parallelism = Math.max(4, 2 * slots);
        })(),
        this.unavailableMs,
        () => 'no answer',
      );
    } catch (e) {
      throw this.unavailable(e);
    }
    if (signal.aborted) throw new SimulationAbortedError();
    return new QueueSession(id, hash, run, client, queue, this.unavailableMs, (e, what) => this.unavailable(e, what));
  }

  async close(): Promise<void> {
    const { queue, client } = this;
    this.queue = null;
    this.client = null;
    this.connecting = null;
    await queue?.close().catch(() => {});
    client?.disconnect();
  }
}

interface Pending {
  count: number;
  resolve: (numbers: Float64Array) => void;
  reject: (e: unknown) => void;
}

class QueueSession implements ChunkSession {
  private readonly pending = new Map<number, Pending>();
  /** Starts of chunks whose results were taken (a retried chunk may report twice: counted once). */
  private readonly taken = new Set<number>();
  private readonly blocking: Redis;
  private readonly refresh: NodeJS.Timeout;
  private readonly watchdog: NodeJS.Timeout;
  /** Chunks whose job is on the queue, and those whose job was missing at the last check. */
  private readonly added = new Set<number>();
  private readonly missing = new Set<number>();
  private lastOk = Date.now();
  private closed = false;
  private failure: unknown = null;
  private readonly collector: Promise<void>;

  constructor(
    private readonly id: string,
    private readonly model: string,
    private readonly spec: ChunkRun,
    private readonly client: Redis,
    private readonly queue: Queue,
    private readonly unavailableMs: number,
    private readonly unavailable: (e: unknown, what?: string) => Error,
  ) {
    this.blocking = client.duplicate();
    this.blocking.on('error', () => {});
    this.refresh = setInterval(() => {
      client.set(keys.alive(id), '1', 'PX', ALIVE_TTL_MS).then(
        () => {
          this.lastOk = Date.now();
        },
        () => {},
      );
    }, ALIVE_REFRESH_MS);
    this.watchdog = setInterval(() => {
      void this.check();
    }, WATCHDOG_MS);
    this.collector = this.collect();
  }

  /**
   * A job that is gone from the queue while its chunk was never reported was lost: BullMQ fails a job that stalled
   * more than maxStalledCount times (its workers kept dying), or someone removed it. Its report would be on the list
   * before the job completed, so a job missing at two checks in a row cannot be a finished one.
   */
  private async check(): Promise<void> {
    for (const start of [...this.added]) {
      if (!this.pending.has(start) || this.failure) continue;
      let state: string;
      try {
        state = await this.queue.getJobState(jobId(this.id, start));
      } catch {
        return; // Redis trouble is the collector's to judge
      }
      if (state !== 'unknown' && state !== 'failed') {
        this.missing.delete(start);
        continue;
      }
      if (!this.missing.has(start)) {
        this.missing.add(start);
        continue;
      }
      const last = start + this.pending.get(start)!.count - 1;
      this.fail(
        new Error(
          `iterations ${start}–${last} were lost: the workers computing them stopped too often ` +
            '(BullMQ failed the job after repeated stalls) or the job was removed from the queue',
        ),
      );
    }
  }

  /** Fails every waiting chunk (and the ones asked for later) with `e`. */
  private fail(e: unknown): void {
    this.failure ??= e;
    for (const p of this.pending.values()) p.reject(this.failure);
    this.pending.clear();
  }

  /** Fails the run once Redis has not answered for unavailableMs; else waits a little before the caller retries. */
  private async trouble(e: unknown): Promise<void> {
    if (Date.now() - this.lastOk > this.unavailableMs) {
      this.fail(this.unavailable(e, `Redis stopped answering for ${Math.round(this.unavailableMs / 1000)} s`));
    } else await sleep(200);
  }

  /** Takes the workers' reports off the run's list, one at a time, and hands each chunk's numbers to its waiter. */
  private async collect(): Promise<void> {
    const done = keys.done(this.id);
    while (!this.closed) {
      if (this.pending.size === 0) {
        await sleep(5);
        continue;
      }
      try {
        const popped = await within(this.blocking.blpop(done, 1), 3000 + this.unavailableMs, () => 'no answer');
        this.lastOk = Date.now();
        if (!popped) continue;
        const report = JSON.parse(popped[1]) as ChunkReport;
        const key = keys.chunk(this.id, report.start);
        if (report.error !== undefined) {
          const last = report.start + report.count - 1;
          this.fail(new Error(`worker ${report.worker} failed on iterations ${report.start}–${last}: ` + report.error));
          continue;
        }
        const waiter = this.pending.get(report.start);
        if (!waiter || this.taken.has(report.start)) {
          await this.client.del(key).catch(() => {});
          continue;
        }
        const bytes = await within(this.client.getBuffer(key), this.unavailableMs, () => 'no answer');
        this.lastOk = Date.now();
        const expected = waiter.count * (this.spec.stride + this.spec.timelineRow) * 8;
        if (!bytes || bytes.length !== expected) {
          const got = bytes ? `${bytes.length} bytes, expected ${expected}` : 'missing from Redis';
          const last = report.start + report.count - 1;
          const what = `iterations ${report.start}–${last}`;
          this.fail(new Error(`worker ${report.worker} reported ${what} but its result is ${got}`));
          continue;
        }
        this.client.del(key).catch(() => {});
        this.taken.add(report.start);
        this.pending.delete(report.start);
        this.added.delete(report.start);
        waiter.resolve(fromBytes(bytes));
      } catch (e) {
        if (this.closed) return;
        await this.trouble(e);
      }
    }
  }

  async run(start: number, count: number, signal: AbortSignal): Promise<Float64Array> {
    if (this.failure) throw this.failure;
    if (signal.aborted) throw new SimulationAbortedError();
    const result = new Promise<Float64Array>((resolve, reject) => this.pending.set(start, { count, resolve, reject }));
    result.catch(() => {}); // awaited below, possibly after a failure while the job was being added
    const onAbort = () => this.fail(new SimulationAbortedError());
    signal.addEventListener('abort', onAbort, { once: true });
    const data: ChunkJob = {
      protocol: PROTOCOL,
      version: packageVersion(),
      run: this.id,
      model: this.model,
      seed: this.spec.seed,
      counterfactual: this.spec.counterfactual,
      timeline: this.spec.timeline,
      start,
      count,
      length: count * (this.spec.stride + this.spec.timelineRow),
    };
    // Retried until Redis answers or has been silent too long (a job id is added once, whatever the retries).
    for (;;) {
      if (this.failure) break;
      try {
        await within(
          this.queue.add('chunk', data, {
            jobId: jobId(this.id, start),
            attempts: 1,
            removeOnComplete: true,
            removeOnFail: true,
          }),
          this.unavailableMs,
          () => 'no answer',
        );
        this.lastOk = Date.now();
        this.added.add(start);
        break;
      } catch (e) {
        await this.trouble(e);
      }
    }
    try {
      return await result;
    } finally {
      signal.removeEventListener('abort', onAbort);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.refresh);
    clearInterval(this.watchdog);
    const unfinished = [...this.pending.keys()];
    this.fail(new SimulationAbortedError('the run was closed'));
    const { client, id } = this;
    // Tell the workers (chunks of a run without its `alive` key are skipped), drop what is still queued and the
    // run's keys. Best effort, bounded in time: Redis may be the reason the run ended.
    await within(
      Promise.allSettled([
        client.del(keys.alive(id)),
        ...(unfinished.length ? [client.publish(keys.cancel, id)] : []),
        ...unfinished.map((start) => this.queue.remove(jobId(id, start))),
        client.del(keys.done(id)),
        ...unfinished.map((start) => client.del(keys.chunk(id, start))),
      ]),
      2000,
      () => 'cleanup timed out',
    ).catch(() => {});
    this.blocking.disconnect();
    await this.collector.catch(() => {});
  }
}

/** The executor for `--redis <url>` or REDIS_URL, or undefined for the single-machine default. */
export function queueExecutorFrom(
  url: string | undefined,
  from: string,
  options?: QueueExecutorOptions,
): QueueExecutor | undefined {
  if (url === undefined || url === '') return undefined;
  checkRedisUrl(url, from);
  return new QueueExecutor(url, options);
}
