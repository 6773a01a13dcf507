// A real redis-server (Debian's package) on a loopback port and real `weerbaar worker` processes, for the
// distributed-run tests. Nothing is skipped: without redis-server (and no way to install it) the tests fail.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { Redis } from 'ioredis';

const ROOT = new URL('../../', import.meta.url);

/** The redis-server binary, installed by .ci/install-redis.sh when missing (npm test runs it in pretest). */
export function redisServerPath(): string {
  const find = () => {
    if (process.env.REDIS_SERVER_PATH) return process.env.REDIS_SERVER_PATH;
    for (const p of ['/usr/bin/redis-server', '/usr/local/bin/redis-server']) if (existsSync(p)) return p;
    return null;
  };
  let path = find();
  if (!path) {
    try {
      execFileSync('sh', ['.ci/install-redis.sh'], { cwd: ROOT, stdio: 'pipe' });
    } catch (e) {
      const err = e as { stderr?: Buffer; message: string };
      const why = err.stderr?.toString().trim() || err.message;
      throw new Error(`redis-server is needed for the distributed-run tests and .ci/install-redis.sh failed: ${why}`, {
        cause: e,
      });
    }
    path = find();
  }
  if (!path || !existsSync(path)) {
    throw new Error(
      "redis-server is needed for the distributed-run tests: install Debian's redis-server " +
        '(sh .ci/install-redis.sh) or set REDIS_SERVER_PATH',
    );
  }
  return path;
}

/** A free loopback port: WEERBAAR_REDIS_PORT + offset when set (a fixed range), else one the system hands out. */
export async function freePort(offset = 0): Promise<number> {
  const base = Number(process.env.WEERBAAR_REDIS_PORT);
  if (base) return base + offset;
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

export interface RedisServer {
  url: string;
  port: number;
  /** Ends the server (SIGKILL: no goodbye to the clients) and waits for it to exit. */
  kill(): Promise<void>;
}

export async function startRedis(offset = 0): Promise<RedisServer> {
  const bin = redisServerPath();
  const port = await freePort(offset);
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'];
  const proc = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  proc.stdout!.on('data', (d) => {
    output += d;
  });
  proc.stderr!.on('data', (d) => {
    output += d;
  });
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  const url = `redis://127.0.0.1:${port}`;
  const deadline = Date.now() + 10_000;
  for (;;) {
    const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    client.on('error', () => {});
    try {
      await client.connect();
      if ((await client.ping()) === 'PONG') {
        client.disconnect();
        break;
      }
    } catch {
      client.disconnect();
    }
    if (proc.exitCode !== null || Date.now() > deadline) {
      proc.kill('SIGKILL');
      throw new Error(`redis-server on port ${port} did not start: ${output.trim().split('\n').slice(-3).join(' | ')}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url,
    port,
    async kill() {
      if (proc.exitCode === null) proc.kill('SIGKILL');
      await exited;
    },
  };
}

export interface WorkerProcess {
  proc: ChildProcess;
  /** Lines written so far (stderr and stdout). */
  lines: string[];
  /** Resolves with the first line (already written or to come) matching `re`; rejects after `ms`. */
  waitFor(re: RegExp, ms?: number): Promise<string>;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

/** Starts `weerbaar worker --redis url` (from dist/, built by npm test) and waits until it takes chunks. */
export async function startWorker(url: string, args: string[] = []): Promise<WorkerProcess> {
  const proc = spawn(process.execPath, ['bin/weerbaar.js', 'worker', '--redis', url, ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, REDIS_URL: '' },
  });
  const lines: string[] = [];
  const waiters: { re: RegExp; resolve: (line: string) => void }[] = [];
  let partial = '';
  const onData = (d: Buffer) => {
    partial += d.toString();
    const parts = partial.split('\n');
    partial = parts.pop()!;
    for (const line of parts) {
      lines.push(line);
      for (const w of [...waiters])
        if (w.re.test(line)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(line);
        }
    }
  };
  proc.stdout!.on('data', onData);
  proc.stderr!.on('data', onData);
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  const worker: WorkerProcess = {
    proc,
    lines,
    waitFor(re, ms = 20_000) {
      const seen = lines.find((l) => re.test(l));
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const written = () => lines.join('\n');
        const fail = () => reject(new Error(`worker: no line matching ${re} within ${ms} ms; it wrote:\n${written()}`));
        const timer = setTimeout(fail, ms);
        waiters.push({
          re,
          resolve: (line) => {
            clearTimeout(timer);
            resolve(line);
          },
        });
      });
    },
    async kill(signal = 'SIGKILL') {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill(signal);
      await exited;
    },
  };
  await worker.waitFor(/taking chunks from/, 30_000);
  return worker;
}
