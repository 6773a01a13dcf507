// `weerbaar serve` against an external Neo4j that does not answer: it serves anyway, readiness fails, requests get a
// clear error.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

describe('serve while Neo4j is down', () => {
  let child: ChildProcess | undefined;
  afterAll(() => {
    child?.kill('SIGTERM');
  });

  it('starts, reports not ready and answers GRAPH_UNAVAILABLE instead of crashing', async () => {
    const boltPort = await freePort();
    const httpPort = await freePort();
    child = spawn(process.execPath, ['bin/weerbaar.js', 'serve', '--no-auth', '--port', String(httpPort)], {
      env: { ...process.env, NEO4J_URI: `bolt://127.0.0.1:${boltPort}` },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr!.on('data', (d) => (stderr += String(d)));
    const deadline = Date.now() + 30_000;
    while (!stderr.includes('weerbaar is running') && Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`serve exited ${child.exitCode}: ${stderr}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(stderr).toContain('does not answer');
    expect(stderr).toContain('serving anyway');
    const ready = await fetch(`http://127.0.0.1:${httpPort}/ready`);
    expect(ready.status).toBe(503);
    const res = await fetch(`http://127.0.0.1:${httpPort}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ services(first: 1) { totalCount } }' }),
      signal: AbortSignal.timeout(30_000),
    });
    expect(res.status).toBeLessThan(500);
    const body = (await res.json()) as { errors?: { message: string; extensions?: { code?: string } }[] };
    expect(body.errors?.[0]?.extensions?.code).toBe('GRAPH_UNAVAILABLE');
    expect(body.errors?.[0]?.message).toMatch(/Neo4j is unavailable/);
    child.kill('SIGTERM');
    const code = await new Promise<number | null>((r) => child!.once('exit', (c) => r(c)));
    expect(code).toBe(0);
    child = undefined;
  });
});
