// Runs the server: opens the graph, builds the app, listens, and shuts down cleanly on SIGINT/SIGTERM.
import type { Server } from 'node:http';
import { createApp, type AppOptions } from './yoga.js';
import { createHttpServer, listen, EXPLORER_DIR } from './http.js';
import type { Graph } from '../graph/graph.js';
import { existsSync } from 'node:fs';
import { resolveLimits, type RequestLimits } from './limits.js';

export interface RunningServer {
  url: string;
  port: number;
  server: Server;
  close(): Promise<void>;
}

export interface ServeOptions {
  graph: Graph;
  port: number;
  host: string;
  authenticate?: AppOptions['authenticate'];
  /** Extra services for the resolvers (simulation jobs, audit, …). */
  services?: Record<string, unknown>;
  /** Called before the graph closes on shutdown (e.g. to cancel simulation jobs and record their state). */
  onShutdown?: () => Promise<void>;
  /** Overrides of the request limits (limits.ts DEFAULT_LIMITS). */
  limits?: Partial<RequestLimits>;
}

export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const limits = resolveLimits(options.limits);
  const app = createApp({ services: { graph: options.graph, ...options.services }, authenticate: options.authenticate, limits });
  const server = createHttpServer(app, { bodyBytes: limits.bodyBytes });
  server.requestTimeout = 120_000;
  server.headersTimeout = 30_000;
  let port: number;
  try {
    port = await listen(server, options.port, options.host);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const { UserError } = await import('../domain/errors.js');
    if (code === 'EADDRINUSE') throw new UserError(`port ${options.port} on ${options.host} is already in use; choose another with --port`, 'ENVIRONMENT');
    if (code === 'EACCES') throw new UserError(`not allowed to listen on port ${options.port}; choose a port above 1024 with --port`, 'ENVIRONMENT');
    throw e;
  }
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    url: `http://${host === '0.0.0.0' ? 'localhost' : host}:${port}`,
    port,
    server,
    async close() {
      await options.onShutdown?.();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

export function explorerBuilt(): boolean {
  return existsSync(EXPLORER_DIR);
}
