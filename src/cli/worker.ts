// `weerbaar worker`: computes chunks of distributed simulation runs taken from a BullMQ queue in Redis, until stopped.
import type { Command } from 'commander';
import { BadInputError, UsageError } from '../domain/errors.js';
import { action, log } from './run.js';

interface WorkerCliOptions {
  redis?: string;
  concurrency: string;
  lockMs: string;
}

function positiveInt(flag: string, raw: string, max: number): number {
  const n = Number(raw);
  if (!/^\s*\d+\s*$/.test(raw) || n < 1 || n > max) {
    throw new BadInputError(`${flag}: must be an integer from 1 to ${max}, got ${JSON.stringify(raw)}`);
  }
  return n;
}

export function registerWorker(program: Command): void {
  program
    .command('worker')
    .description('compute chunks of simulation runs from a Redis job queue (distributed runs; see docs/distributed.md)')
    .option('--redis <url>', 'Redis to take chunks from, e.g. redis://host:6379 (default: REDIS_URL)')
    .option('--concurrency <n>', 'chunks computed at once, one worker thread each', '1')
    .option('--lock-ms <ms>', "a dead worker's chunk is retried elsewhere after about 1.5 × this", '10000')
    .action(
      action(async (opts: WorkerCliOptions) => {
        const url = opts.redis ?? process.env.REDIS_URL;
        if (!url) throw new UsageError('no Redis: pass --redis redis://host:port or set REDIS_URL');
        const concurrency = positiveInt('--concurrency', opts.concurrency, 256);
        const lockMs = positiveInt('--lock-ms', opts.lockMs, 3_600_000);
        if (lockMs < 1000) throw new BadInputError(`--lock-ms: must be at least 1000, got ${lockMs}`);
        const { startQueueWorker } = await import('../simulation/queue/worker.js');
        const worker = await startQueueWorker({ url, concurrency, lockMs, log });
        // First signal: finish the running chunks and stop; second: stop now (their chunks go back to the queue).
        await new Promise<void>((resolve) => {
          let stopping = false;
          const stop = (signal: string) => {
            log(
              stopping
                ? `${signal}: stopping now`
                : `${signal}: finishing running chunks, then stopping (again to stop now)`,
            );
            const force = stopping;
            stopping = true;
            void worker.close(force).then(resolve);
          };
          process.on('SIGINT', () => stop('SIGINT'));
          process.on('SIGTERM', () => stop('SIGTERM'));
        });
        log(`weerbaar worker ${worker.id}: stopped`);
        process.exit(0);
      }),
    );
}
