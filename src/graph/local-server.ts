// Lifecycle of the local embedded Neo4j: resolve jars with Maven, start detached, wait for Bolt, stop cleanly.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, openSync, readFileSync, statSync, writeFileSync, rmSync, closeSync } from 'node:fs';
import { createConnection } from 'node:net';
import { join } from 'node:path';
import { ROOT, type LocalServerConfig } from './config.js';
import { UserError } from '../domain/errors.js';

const POM = join(ROOT, 'neo4j', 'pom.xml');
const LAUNCHER = join(ROOT, 'neo4j', 'src', 'Launcher.java');

interface ServerState {
  pid: number;
  port: number;
  host: string;
  home: string;
  startedAt: string;
}

export interface LocalStatus {
  running: boolean;
  pid?: number;
  uri: string;
  home: string;
  /** Something answers on the port but it is not a server this project started. */
  foreign?: boolean;
}

const statePath = (cfg: LocalServerConfig) => join(cfg.home, 'server.json');
const logPath = (cfg: LocalServerConfig) => join(cfg.home, 'server.log');

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readState(cfg: LocalServerConfig): ServerState | undefined {
  try {
    return JSON.parse(readFileSync(statePath(cfg), 'utf8')) as ServerState;
  } catch {
    return undefined;
  }
}

/** True when a TCP connection to host:port succeeds. */
export function portAnswers(host: string, port: number, timeoutMs = 1000): Promise<boolean> {
  return new Promise((res) => {
    const socket = createConnection({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      res(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

function requireTool(cmd: string, args: string[], what: string): void {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  if (r.error || r.status !== 0) {
    throw new UserError(
      `${what} not found: "${cmd}" is not on PATH. Install it, or point weerbaar at a running Neo4j with NEO4J_URI.`,
      'ENVIRONMENT',
    );
  }
}

/** The Neo4j classpath, resolved by Maven on first use and cached beside the data. */
export function neo4jClasspath(cfg: LocalServerConfig, log: (s: string) => void = () => {}): string {
  const cache = join(cfg.home, '..', 'neo4j-classpath.txt');
  if (existsSync(cache) && statSync(cache).mtimeMs >= statSync(POM).mtimeMs) {
    const cp = readFileSync(cache, 'utf8').trim();
    if (cp.split(':').every((p) => existsSync(p))) return cp;
  }
  requireTool('mvn', ['-v'], 'Maven');
  log('Resolving Neo4j Community from Maven Central (first run only)…');
  mkdirSync(join(cfg.home, '..'), { recursive: true });
  const r = spawnSync('mvn', ['-q', '-B', '-f', POM, 'dependency:build-classpath', `-Dmdep.outputFile=${cache}`], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (r.status !== 0 || !existsSync(cache)) {
    const out = `${r.stdout ?? ''}${r.stderr ?? ''}`.trim().split('\n').slice(-15).join('\n');
    throw new UserError(`Maven could not resolve Neo4j (${POM}):\n${out}`, 'ENVIRONMENT');
  }
  return readFileSync(cache, 'utf8').trim();
}

export async function localStatus(cfg: LocalServerConfig): Promise<LocalStatus> {
  const uri = `bolt://${cfg.host}:${cfg.port}`;
  const state = readState(cfg);
  const answering = await portAnswers(cfg.host, cfg.port);
  if (state && alive(state.pid) && state.port === cfg.port)
    return { running: answering, pid: state.pid, uri, home: cfg.home };
  return { running: false, uri, home: cfg.home, foreign: answering };
}

/**
 * Starts the local server unless it runs already. Returns whether this call started it.
 * Waits until Bolt answers; reports a taken port, a locked store or a missing Java clearly.
 */
export async function startLocal(
  cfg: LocalServerConfig,
  log: (s: string) => void = () => {},
): Promise<{ started: boolean; pid: number }> {
  const status = await localStatus(cfg);
  if (status.running && status.pid) return { started: false, pid: status.pid };
  if (status.foreign) {
    throw new UserError(
      `port ${cfg.port} on ${cfg.host} is already in use by a process weerbaar did not ` +
        `start. Stop it, set WEERBAAR_NEO4J_PORT to another port, or set NEO4J_URI to use ` +
        `that server.`,
      'ENVIRONMENT',
    );
  }
  const state = readState(cfg);
  if (state && alive(state.pid)) {
    // Our process is alive but not answering yet (starting) or on another port: wait for it below.
    if (state.port !== cfg.port)
      throw new UserError(
        `a local Neo4j (pid ${state.pid}) already runs on port ${state.port} with data in ` +
          `${cfg.home}; stop it first (weerbaar db stop) or use the same port`,
        'ENVIRONMENT',
      );
  }
  requireTool('java', ['-version'], 'Java (17 or newer)');
  mkdirSync(cfg.home, { recursive: true });
  const classpath = neo4jClasspath(cfg, log);
  const out = openSync(logPath(cfg), 'w');
  const child = spawn(
    'java',
    [
      `-Xms${Math.min(256, cfg.heapMb)}m`,
      `-Xmx${cfg.heapMb}m`,
      // The throughput collector: a load's transactions keep their state alive across G1's small young collections,
      // which then copy it again and again (a 100,000-service load spent a fifth of Neo4j's CPU time in G1 pauses of
      // ~170 ms each; with this collector under 1 %, and Neo4j's CPU time a quarter less: docs/loading.md). The live
      // heap of a weerbaar graph is small, so its full collections are short.
      '-XX:+UseParallelGC',
      '-XX:+ExitOnOutOfMemoryError',
      '--add-opens=java.base/java.nio=ALL-UNNAMED',
      '--add-opens=java.base/java.io=ALL-UNNAMED',
      '--add-opens=java.base/sun.nio.ch=ALL-UNNAMED',
      '--add-opens=java.base/java.lang=ALL-UNNAMED',
      '--add-opens=java.base/java.util=ALL-UNNAMED',
      '-Dfile.encoding=UTF-8',
      '-cp',
      classpath,
      LAUNCHER,
      '--home',
      cfg.home,
      '--host',
      cfg.host,
      '--port',
      String(cfg.port),
      '--pagecache-mb',
      String(cfg.pageCacheMb),
    ],
    { detached: true, stdio: ['ignore', out, out], cwd: ROOT },
  );
  closeSync(out);
  child.unref();
  const pid = child.pid!;
  writeFileSync(
    statePath(cfg),
    JSON.stringify(
      {
        pid,
        port: cfg.port,
        host: cfg.host,
        home: cfg.home,
        startedAt: new Date().toISOString(),
      } satisfies ServerState,
      null,
      2,
    ),
  );
  log(
    `Starting Neo4j Community (pid ${pid}, heap ${cfg.heapMb} MiB, page cache ${cfg.pageCacheMb} MiB, ` +
      `log ${logPath(cfg)})…`,
  );
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    const text = readLog(cfg);
    if (text.includes('weerbaar-neo4j: ready')) return { started: true, pid };
    if (!alive(pid) || text.includes('failed to start')) {
      rmSync(statePath(cfg), { force: true });
      const reason =
        text.split('\n').find((l) => l.includes('failed to start')) ?? text.trim().split('\n').slice(-5).join('\n');
      throw new UserError(
        `Neo4j did not start: ${reason.replace('weerbaar-neo4j: failed to start: ', '')} (log: ${logPath(cfg)})`,
        'ENVIRONMENT',
      );
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new UserError(
    `Neo4j did not answer on ${cfg.host}:${cfg.port} within 180 s (log: ${logPath(cfg)})`,
    'ENVIRONMENT',
  );
}

function readLog(cfg: LocalServerConfig): string {
  try {
    return readFileSync(logPath(cfg), 'utf8');
  } catch {
    return '';
  }
}

/** Stops the local server cleanly (SIGTERM, then SIGKILL after the grace period). Returns false when none ran. */
export async function stopLocal(cfg: LocalServerConfig, graceMs = 60_000): Promise<boolean> {
  const state = readState(cfg);
  if (!state || !alive(state.pid)) {
    rmSync(statePath(cfg), { force: true });
    return false;
  }
  try {
    process.kill(state.pid, 'SIGTERM');
  } catch {
    /* already gone */
  }
  const deadline = Date.now() + graceMs;
  while (alive(state.pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
  if (alive(state.pid)) process.kill(state.pid, 'SIGKILL');
  while (alive(state.pid)) await new Promise((r) => setTimeout(r, 100));
  rmSync(statePath(cfg), { force: true });
  return true;
}
