// Listens: the HTTP server around a built app (src/server/app.ts createWeerbaar), closed cleanly on shutdown.
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { createApp } from './yoga.js';
import { createHttpServer, listen, EXPLORER_DIR } from './http.js';
import { existsSync } from 'node:fs';
import type { RequestLimits } from './limits.js';

export interface RunningServer {
  url: string;
  port: number;
  server: Server;
  close(): Promise<void>;
}

export interface ServeOptions {
  app: ReturnType<typeof createApp>;
  port: number;
  host: string;
  /** The request limits the app was built with (for the body size). */
  limits: RequestLimits;
  /** Called when the server closes (e.g. to cancel simulation jobs and record their state). */
  onShutdown?: () => Promise<void>;
  /** Serves GET /reports/<kind> (src/server/reports.ts). */
  reports?: (req: IncomingMessage, res: ServerResponse) => Promise<void>;
}

export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const server = createHttpServer(options.app, { bodyBytes: options.limits.bodyBytes, reports: options.reports });
  server.requestTimeout = 120_000;
  server.headersTimeout = 30_000;
  let port: number;
  try {
    port = await listen(server, options.port, options.host);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const { UserError } = await import('../domain/errors.js');
    if (code === 'EADDRINUSE')
      throw new UserError(
        `port ${options.port} on ${options.host} is already in use; choose another with --port`,
        'ENVIRONMENT',
      );
    if (code === 'EACCES')
      throw new UserError(
        `not allowed to listen on port ${options.port}; choose a port above 1024 with --port`,
        'ENVIRONMENT',
      );
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
