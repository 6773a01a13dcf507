// What the coordinator (executor.ts) and the workers (worker.ts) agree on: the queue, the Redis keys, the job data,
// and how a run's compiled model travels (once per content hash, v8-serialised).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { endianness } from 'node:os';
import { deserialize, serialize } from 'node:v8';
import { Redis, type RedisOptions } from 'ioredis';
import { BadInputError } from '../../domain/errors.js';
import type { CompiledModel } from '../kernel/compiled.js';

/** Bumped whenever the job data, the keys or the encoding change. */
export const PROTOCOL = 1;
/** The BullMQ queue every weerbaar worker takes chunks from (keys prefixed `weerbaar:`). */
export const QUEUE_NAME = 'simulation-chunks';
export const PREFIX = 'weerbaar';

export const keys = {
  /** The compiled model (string, binary), by content hash. */
  model: (hash: string) => `${PREFIX}:model:${hash}`,
  /** Present while the run's coordinator waits for chunks (refreshed by it); gone on cancel, end or its death. */
  alive: (run: string) => `${PREFIX}:run:${run}:alive`,
  /** List of finished (or failed) chunks, JSON ChunkReport, pushed by the workers. */
  done: (run: string) => `${PREFIX}:run:${run}:done`,
  /** A chunk's numbers (binary Float64, the platform's byte order), written by the worker before it reports. */
  chunk: (run: string, start: number) => `${PREFIX}:run:${run}:chunk:${start}`,
  /** Sorted set of live workers: member "<id> <concurrency>", score = when it expires (ms). */
  workers: `${PREFIX}:workers`,
  /** Pub/sub channel: a run id published here is cancelled; workers abort its chunks. */
  cancel: `${PREFIX}:cancel`,
};

/** Seconds a model stays in Redis after the last run that used it; chunk results and run keys expire too. */
export const MODEL_TTL_S = 24 * 3600;
export const RUN_TTL_S = 3600;
/** The coordinator refreshes its `alive` key this often; it expires after ALIVE_TTL_MS without a refresh. */
export const ALIVE_REFRESH_MS = 2000;
export const ALIVE_TTL_MS = 10_000;
/** Workers announce themselves this often in keys.workers. */
export const WORKER_HEARTBEAT_MS = 5000;

/** The data of one BullMQ job: one chunk of iterations of one run. */
export interface ChunkJob {
  protocol: number;
  version: string;
  run: string;
  model: string;
  seed: string;
  counterfactual: boolean;
  timeline: boolean;
  start: number;
  count: number;
  /** Numbers the chunk must hold: count × (stride + timelineRow). */
  length: number;
}

/** What a worker pushes onto keys.done(run) for a chunk. */
export interface ChunkReport {
  start: number;
  count: number;
  worker: string;
  /** Set when the chunk failed for a reason a retry would not change (the run then fails with it). */
  error?: string;
}

/** A job id per chunk (BullMQ ids may not contain ':'). */
export const jobId = (run: string, start: number) => `${run}-${start}`;

let version: string | undefined;
/** weerbaar's version: coordinator and workers must run the same engine. */
export function packageVersion(): string {
  const file = new URL('../../../package.json', import.meta.url);
  version ??= (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
  return version;
}

/** The compiled model as sent to workers (ids left out: workers use indices), and its content hash. */
export function encodeModel(compiled: CompiledModel): { bytes: Buffer; hash: string } {
  const { ids: _ids, ...rest } = compiled;
  const bytes = serialize({ protocol: PROTOCOL, version: packageVersion(), endianness: endianness(), compiled: rest });
  return { bytes, hash: createHash('sha256').update(bytes).digest('hex') };
}

/** Why a worker refuses work from another version. */
export function versionMismatch(version: string, protocol: number): string {
  return (
    `the run comes from weerbaar ${version} (protocol ${protocol}); this worker runs ${packageVersion()} ` +
    `(protocol ${PROTOCOL}): run the same version everywhere`
  );
}

/** The model a worker fetched; throws a message naming what does not match. */
export function decodeModel(bytes: Buffer): CompiledModel {
  const doc = deserialize(bytes) as { protocol: number; version: string; endianness: string; compiled: CompiledModel };
  if (doc.protocol !== PROTOCOL || doc.version !== packageVersion()) {
    throw new Error(versionMismatch(doc.version, doc.protocol));
  }
  if (doc.endianness !== endianness()) {
    throw new Error(`byte order ${doc.endianness} of the coordinator differs from this worker's ${endianness()}`);
  }
  return {
    ...doc.compiled,
    ids: { services: [], sectors: [], tasks: [], capabilities: [], criteria: [], escalations: [] },
  };
}

/** Float64 numbers as bytes in this platform's order, and back (copied: Redis buffers need not be aligned). */
export function toBytes(numbers: Float64Array): Buffer {
  return Buffer.from(numbers.buffer, numbers.byteOffset, numbers.byteLength);
}
export function fromBytes(bytes: Buffer): Float64Array {
  const out = new Float64Array(bytes.length / 8);
  new Uint8Array(out.buffer).set(bytes);
  return out;
}

/** The URL shown in messages, without a password. */
export function safeUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString().replace(/\/$/, '');
  } catch {
    return url;
  }
}

/** Checks a Redis URL (redis:// or rediss://); throws a BadInputError naming the option it came from. */
export function checkRedisUrl(url: string, from: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new BadInputError(`${from}: not a URL: ${JSON.stringify(url)}; expected redis://host:port`);
  }
  if (u.protocol !== 'redis:' && u.protocol !== 'rediss:') {
    const shown = JSON.stringify(safeUrl(url));
    throw new BadInputError(`${from}: expected a redis:// or rediss:// URL, got ${shown}`);
  }
  return url;
}

/** A client that fails commands at once while disconnected (callers decide how long to wait) and keeps reconnecting. */
export function connect(url: string, options: RedisOptions = {}): Redis {
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: 5000,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    retryStrategy: (times) => Math.min(200 * times, 1000),
    ...options,
  });
  client.on('error', () => {}); // reported by the commands that fail
  return client;
}

/** Rejects after `ms` with `message` unless the promise settles first. */
export async function within<T>(promise: Promise<T>, ms: number, message: () => string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(message())), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
