// The weerbaar command as a user meets it: help everywhere, clear messages, exit 1 for bad input and 2 for bad usage,
// no stack traces.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';

function weerbaar(...args: string[]) {
  const r = spawnSync(process.execPath, ['bin/weerbaar.js', ...args], {
    encoding: 'utf8',
    env: { ...process.env, NEO4J_URI: '' },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('weerbaar CLI', () => {
  it.each([[], ['db'], ['validate'], ['load'], ['export'], ['serve'], ['start'], ['simulate'], ['token'], ['schema']])(
    'prints help for %s --help',
    (...cmd) => {
      const r = weerbaar(...(cmd as string[]), '--help');
      expect(r.code).toBe(0);
      expect(r.out).toMatch(/Usage: weerbaar/);
    },
  );

  it('validates the shipped models', () => {
    for (const f of ['simulations/nederland.json', 'simulations/examples/two-services.json']) {
      const r = weerbaar('validate', f);
      expect(r.code, r.err).toBe(0);
      expect(r.out).toMatch(/valid/);
    }
  });

  it('refuses a bad model with exit 1, naming item and field, without a stack trace', () => {
    const dir = mkdtempSync(join(tmpdir(), 'weerbaar-cli-'));
    const file = join(dir, 'bad.json');
    writeFileSync(
      file,
      JSON.stringify({
        sectors: [{ id: 'e', name: 'E' }],
        services: [{ id: 's', name: 'S', sector: 'e', recoveryRate: 2 }],
      }),
    );
    const r = weerbaar('validate', file);
    expect(r.code).toBe(1);
    expect(r.err).toContain('services[0] (id "s").recoveryRate: must be in (0, 1], got 2');
    expect(r.err).not.toMatch(/\n\s+at /);
  });

  it('names the file when it is not JSON', () => {
    const dir = mkdtempSync(join(tmpdir(), 'weerbaar-cli-'));
    const file = join(dir, 'cut.json');
    writeFileSync(file, '{"services": [{"id": "a"');
    const r = weerbaar('validate', file);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/cut\.json: not valid JSON/);
  });

  it('exits 2 on usage errors', () => {
    expect(weerbaar('frobnicate').code).toBe(2);
    expect(weerbaar('validate').code).toBe(2);
    expect(weerbaar('load', '--bogus').code).toBe(2);
  });

  it('refuses a bad port with a clear message', () => {
    const r = weerbaar('serve', '--port', 'eighty');
    expect(r.code).toBe(1);
    expect(r.err).toContain('--port: must be an integer between 0 and 65535, got "eighty"');
  });

  it('refuses a bad Neo4j port setting clearly', () => {
    const r = spawnSync(process.execPath, ['bin/weerbaar.js', 'db', 'status'], {
      encoding: 'utf8',
      env: { ...process.env, NEO4J_URI: '', WEERBAAR_NEO4J_PORT: 'x' },
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('WEERBAAR_NEO4J_PORT: must be an integer');
  });

  it('says clearly when the Neo4j port is taken by another process', async () => {
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()));
    const port = (blocker.address() as { port: number }).port;
    try {
      const home = mkdtempSync(join(tmpdir(), 'weerbaar-db-'));
      const r = spawnSync(process.execPath, ['bin/weerbaar.js', 'db', 'start'], {
        encoding: 'utf8',
        env: { ...process.env, NEO4J_URI: '', WEERBAAR_NEO4J_PORT: String(port), WEERBAAR_NEO4J_HOME: home },
      });
      expect(r.status).toBe(1);
      expect(r.stderr).toContain(`port ${port} on 127.0.0.1 is already in use by a process weerbaar did not start`);
    } finally {
      blocker.close();
    }
  });

  it('says clearly when Java is missing', () => {
    const home = mkdtempSync(join(tmpdir(), 'weerbaar-db-'));
    const r = spawnSync(process.execPath, ['bin/weerbaar.js', 'db', 'start'], {
      encoding: 'utf8',
      env: {
        ...process.env,
        PATH: '/nonexistent',
        NEO4J_URI: '',
        WEERBAAR_NEO4J_PORT: '7799',
        WEERBAAR_NEO4J_HOME: home,
      },
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/Java \(17 or newer\) not found/);
  });

  it('reports that the local Neo4j is not running', () => {
    const home = mkdtempSync(join(tmpdir(), 'weerbaar-db-'));
    const r = spawnSync(process.execPath, ['bin/weerbaar.js', 'db', 'status'], {
      encoding: 'utf8',
      env: { ...process.env, NEO4J_URI: '', WEERBAAR_NEO4J_PORT: '7798', WEERBAAR_NEO4J_HOME: home },
    });
    expect(r.status).toBe(3);
    expect(r.stdout).toMatch(/local Neo4j not running/);
  });

  it('stops nothing and says so when none runs', () => {
    const home = mkdtempSync(join(tmpdir(), 'weerbaar-db-'));
    const r = spawnSync(process.execPath, ['bin/weerbaar.js', 'db', 'stop'], {
      encoding: 'utf8',
      env: { ...process.env, NEO4J_URI: '', WEERBAAR_NEO4J_PORT: '7798', WEERBAAR_NEO4J_HOME: home },
    });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('not running\n');
  });
});
