// The HTTP server: GraphQL at /graphql, readiness at /ready and /health, the explorer's static files at /.
import { createServer, type Server } from 'node:http';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import sirv from 'sirv';
import { ROOT } from '../graph/config.js';
import type { createApp } from './yoga.js';

export const EXPLORER_DIR = join(ROOT, 'dist', 'explorer');

export function createHttpServer(app: ReturnType<typeof createApp>): Server {
  const statics = existsSync(EXPLORER_DIR) ? sirv(EXPLORER_DIR, { single: true, etag: true, gzip: false }) : undefined;
  return createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    if (path === '/health') {
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      return;
    }
    if (path.startsWith('/graphql') || path === '/ready' || !statics) {
      void app(req, res);
      return;
    }
    statics(req, res, () => {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    });
  });
}

export function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) => reject(e));
    server.listen(port, host, () => {
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}
