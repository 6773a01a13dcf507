// The HTTP server: GraphQL at /graphql, readiness at /ready and /health, reports at /reports/<kind>, the explorer at /.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { existsSync } from 'node:fs';
import { Readable } from 'node:stream';
import { join } from 'node:path';
import sirv from 'sirv';
import { ROOT } from '../graph/config.js';
import type { createApp } from './yoga.js';
import { DEFAULT_LIMITS } from './limits.js';

export const EXPLORER_DIR = join(ROOT, 'dist', 'explorer');

function tooLarge(res: ServerResponse, limit: number): void {
  if (res.headersSent) return;
  const body = JSON.stringify({
    errors: [{ message: `request body larger than ${limit} bytes`, extensions: { code: 'PAYLOAD_TOO_LARGE' } }],
  });
  res.writeHead(413, { 'content-type': 'application/json; charset=utf-8', connection: 'close' }).end(body);
}

/**
 * Reads the body up to `limit` bytes and hands it to Yoga as a buffer; a larger body (by Content-Length or as
 * it streams in) gets 413 before Yoga parses anything. The rest of an oversized body is drained up to a cap,
 * so that the client reads the 413 instead of a reset connection, then the socket is closed.
 */
function withBodyLimit(
  req: IncomingMessage,
  res: ServerResponse,
  limit: number,
  next: (req: IncomingMessage) => void,
): void {
  if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return next(req);
  const declared = Number(req.headers['content-length']);
  const chunks: Buffer[] = [];
  let size = 0;
  let rejected = false;
  const reject = () => {
    rejected = true;
    chunks.length = 0;
    tooLarge(res, limit);
  };
  if (Number.isFinite(declared) && declared > limit) reject();
  req.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (rejected) {
      if (size > limit * 16) req.destroy();
      return;
    }
    if (size > limit) return reject();
    chunks.push(chunk);
  });
  req.on('end', () => {
    if (rejected) return;
    // A fresh stream over the buffered body, carrying what Yoga reads from the request (url, method, headers, socket).
    const replay = Object.assign(Readable.from(size ? [Buffer.concat(chunks, size)] : []), {
      url: req.url,
      method: req.method,
      headers: req.headers,
      socket: req.socket,
    });
    next(replay as unknown as IncomingMessage);
  });
  req.on('error', () => {
    if (!res.headersSent) res.writeHead(400, { 'content-type': 'text/plain' }).end('bad request body');
  });
}

export function createHttpServer(
  app: ReturnType<typeof createApp>,
  options: {
    bodyBytes?: number;
    reports?: (req: IncomingMessage, res: ServerResponse) => Promise<void>;
  } = {},
): Server {
  const bodyLimit = options.bodyBytes ?? DEFAULT_LIMITS.bodyBytes;
  const statics = existsSync(EXPLORER_DIR) ? sirv(EXPLORER_DIR, { single: true, etag: true, gzip: false }) : undefined;
  return createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    if (path === '/health') {
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      return;
    }
    if (options.reports && path.startsWith('/reports/')) {
      void options.reports(req, res);
      return;
    }
    if (path.startsWith('/graphql') || path === '/ready' || !statics) {
      withBodyLimit(req, res, bodyLimit, (body) => void app(body, res));
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
