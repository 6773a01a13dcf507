// The composition root: builds weerbaar's parts (authentication, analysis service, simulation jobs, the GraphQL app)
// in one place, used alike by the CLI (`weerbaar start`/`serve`), the tests and the benchmarks.
import type { Graph } from '../graph/graph.js';
import { LOCAL_ADMIN, type Viewer } from '../domain/viewer.js';
import { GraphUnavailableError, UserError } from '../domain/errors.js';
import { ModelRevision, DEFAULT_REVISION_MAX_AGE_MS } from '../graph/model-revision.js';
import { AnalysisService } from '../service/analysis.js';
import type { AppParts } from '../schema/context.js';
import { SimulationJobQueue } from './jobs.js';
import { authenticator, secretFromEnv } from './auth.js';
import { createApp } from './yoga.js';
import { resolveLimits, type RequestLimits } from './limits.js';
import { startServer, type RunningServer } from './main.js';
import { reportHandler } from './reports.js';

export interface WeerbaarOptions {
  graph: Graph;
  /** Bearer tokens (HS256, secret from `secret` or WEERBAAR_JWT_SECRET) when true; everyone is admin when false. */
  auth: boolean;
  secret?: Uint8Array;
  /** Replaces token authentication (tests that choose the viewer per request). */
  authenticate?: (request: Request) => Promise<Viewer> | Viewer;
  log?: (line: string) => void;
  /** Worker threads per simulation job (default: the engine's). */
  workers?: number;
  /**
   * Redis URL: simulation jobs put their chunks on a BullMQ queue there, computed by `weerbaar worker` processes
   * (docs/distributed.md). Without it, runs use this process's worker threads and nothing of the queue is loaded.
   */
  redis?: string;
  /** Run recovery (mark runs a previous server left unfinished as failed) now; default true. */
  recover?: boolean;
  analysis?: {
    /** False: no analysis cache and no response cache (every request reads Neo4j). */
    cache?: boolean;
    /** False: the analysis cache without the response cache. */
    responseCache?: boolean;
    /** Bound on how late writes by other processes are seen (ms); default WEERBAAR_REVISION_MAX_AGE_MS or 250. */
    revisionMaxAgeMs?: number;
  };
  limits?: Partial<RequestLimits>;
  graphiql?: boolean;
}

export interface Weerbaar {
  readonly graph: Graph;
  readonly parts: AppParts & { jobs: SimulationJobQueue | null };
  readonly app: ReturnType<typeof createApp>;
  readonly limits: RequestLimits;
  /** Marks simulation runs a previous server left unfinished as failed; returns how many. */
  recover(): Promise<number>;
  /** Serves the app (GraphQL, readiness, the explorer) on host:port; closing the server also closes this. */
  listen(port: number, host: string): Promise<RunningServer>;
  /**
   * Stops the simulation jobs (cancels what runs or waits and records that) and closes the job queue's connections
   * when there is one. Does not close the graph.
   */
  close(): Promise<void>;
}

/** The revision bound from the environment (WEERBAAR_REVISION_MAX_AGE_MS), else the default. */
export function revisionMaxAgeFromEnv(): number {
  const raw = process.env.WEERBAAR_REVISION_MAX_AGE_MS;
  if (raw == null || raw === '') return DEFAULT_REVISION_MAX_AGE_MS;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0) {
    const message = `WEERBAAR_REVISION_MAX_AGE_MS: must be a number of milliseconds ≥ 0, got "${raw}"`;
    throw new UserError(message, 'ENVIRONMENT');
  }
  return n;
}

export async function createWeerbaar(options: WeerbaarOptions): Promise<Weerbaar> {
  const { graph } = options;
  const log = options.log ?? (() => {});
  let authenticate = options.authenticate;
  if (!authenticate) {
    if (options.auth) {
      const secret = options.secret ?? secretFromEnv();
      if (!secret) {
        throw new UserError(
          'authentication is on but WEERBAAR_JWT_SECRET is not set: set it (32+ characters) to ' +
            'accept tokens, or pass --no-auth for local development',
          'ENVIRONMENT',
        );
      }
      authenticate = authenticator(secret);
      log('Authentication: bearer tokens (HS256); anonymous callers see public items only');
    } else {
      authenticate = () => LOCAL_ADMIN;
      log(
        'WARNING: authentication is OFF (--no-auth): every caller is an admin and sees everything. ' +
          'Local development only.',
      );
    }
  }
  const maxAgeMs = options.analysis?.revisionMaxAgeMs ?? revisionMaxAgeFromEnv();
  const revision = new ModelRevision(graph, { maxAgeMs });
  if (options.analysis?.cache !== false) {
    log(`Analysis cache: writes by other processes (CLI loads, another server) show within ${revision.maxAgeMs} ms`);
  }
  const analysis = new AnalysisService(graph, { cache: options.analysis?.cache ?? true, revision });
  // With a Redis URL, runs put their chunks on the job queue for `weerbaar worker` processes (docs/distributed.md).
  const executor = options.redis
    ? (await import('../simulation/queue/executor.js')).queueExecutorFrom(options.redis, '--redis')
    : undefined;
  if (executor) log(`Simulations: chunks on the ${executor.description}, computed by \`weerbaar worker\` processes`);
  const jobs = new SimulationJobQueue(graph, { workers: options.workers, revision, ...(executor ? { executor } : {}) });
  const recover = async () => {
    const recovered = await jobs.recover();
    if (recovered) log(`Marked ${recovered} simulation run(s) left unfinished by a previous server as failed`);
    return recovered;
  };
  if (options.recover ?? true) {
    try {
      await recover();
    } catch (e) {
      // Neo4j not answering yet: the server starts anyway (readiness fails) and the caller retries recovery later.
      if (!(e instanceof GraphUnavailableError)) throw e;
    }
  }
  const limits = resolveLimits(options.limits);
  const parts = { graph, analysis, jobs };
  const app = createApp({
    parts,
    authenticate,
    limits,
    graphiql: options.graphiql,
    responseCache: options.analysis?.responseCache ?? true,
  });
  const close = async () => {
    try {
      await jobs.shutdown();
    } finally {
      await executor?.close();
    }
  };
  return {
    graph,
    parts,
    app,
    limits,
    recover,
    close,
    listen: (port, host) =>
      startServer({
        app,
        port,
        host,
        limits,
        onShutdown: close,
        reports: reportHandler(graph, authenticate, undefined, { workers: Math.max(2, options.workers ?? 2) }),
      }),
  };
}
