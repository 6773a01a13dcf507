// What the server adds around the schema: authentication and long-running services (simulation jobs).
import type { Graph } from '../graph/graph.js';
import type { Viewer } from '../domain/viewer.js';
import { LOCAL_ADMIN } from '../domain/viewer.js';
import { GraphUnavailableError, UserError } from '../domain/errors.js';
import { SimulationJobs } from './jobs.js';
import { authenticator, secretFromEnv } from './auth.js';
import { AnalysisCache } from '../graph/analysis-repository.js';

export interface ServerExtras {
  authenticate: (request: Request) => Promise<Viewer> | Viewer;
  services: Record<string, unknown>;
  shutdown: () => Promise<void>;
}

export async function buildServerExtras(graph: Graph, options: { auth: boolean; log: (s: string) => void; secret?: Uint8Array; workers?: number }): Promise<ServerExtras> {
  let authenticate: ServerExtras['authenticate'];
  if (options.auth) {
    const secret = options.secret ?? secretFromEnv();
    if (!secret) {
      throw new UserError('authentication is on but WEERBAAR_JWT_SECRET is not set: set it (32+ characters) to accept tokens, or pass --no-auth for local development', 'ENVIRONMENT');
    }
    authenticate = authenticator(secret);
    options.log('Authentication: bearer tokens (HS256); anonymous callers see public items only');
  } else {
    authenticate = () => LOCAL_ADMIN;
    options.log('WARNING: authentication is OFF (--no-auth): every caller is an admin and sees everything. Local development only.');
  }
  const jobs = new SimulationJobs(graph, { workers: options.workers });
  try {
    const recovered = await jobs.recover();
    if (recovered) options.log(`Marked ${recovered} simulation run(s) left unfinished by a previous server as failed`);
  } catch (e) {
    // Neo4j not answering yet: the server starts anyway (readiness fails) and the caller retries via `prepare`.
    if (!(e instanceof GraphUnavailableError)) throw e;
  }
  // Analysis inputs and results per model revision and visibility class (src/graph/analysis-repository.ts).
  // WEERBAAR_ANALYSIS_RECHECK_MS > 0 trades one revision read per request for a bounded delay (that many ms) before
  // writes by other processes and finished simulation runs are seen; the default 0 never serves stale answers.
  const recheckMs = Number(process.env.WEERBAAR_ANALYSIS_RECHECK_MS ?? 0);
  const analysisCache = new AnalysisCache(graph, { recheckMs: Number.isFinite(recheckMs) && recheckMs > 0 ? recheckMs : 0 });
  if (analysisCache.recheckMs > 0) options.log(`Analysis cache: model revision re-read at most every ${analysisCache.recheckMs} ms; other processes' writes and finished runs may take that long to show`);
  return { authenticate, services: { jobs, analysisCache }, shutdown: () => jobs.shutdown() };
}
