// The simulate command as a user runs it: flags or a saved definition, JSON out, bad input refused with the parameter
// named.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const cli = fileURLToPath(new URL('./fixtures/cli.mjs', import.meta.url));
const smallest = fileURLToPath(new URL('./fixtures/smallest.json', import.meta.url));

function weerbaar(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [cli, 'simulate', ...args], (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

const base = ['--model', smallest, '--scenario', 'blackout', '--iterations', '20', '--seed', '7', '--workers', '1'];

describe('weerbaar simulate', () => {
  it('prints the result JSON in the pinned shape', async () => {
    const { code, stdout, stderr } = await weerbaar(...base);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const r = JSON.parse(stdout);
    expect(Object.keys(r)).toEqual(
      expect.arrayContaining(['meta', 'services', 'sectors', 'capabilities', 'criteria', 'totalImpact']),
    );
    expect(r.meta).toMatchObject({ iterations: 20, seed: '7', workers: 1, horizonHours: 168, stepHours: 1 });
    expect(r.services.map((s: { id: string }) => s.id)).toEqual(['power', 'water']);
    expect(Object.keys(r.services[0])).toEqual(
      expect.arrayContaining(['finalInoperability', 'peakInoperability', 'probabilityDisrupted', 'downtimeHours']),
    );
    expect(Object.keys(r.totalImpact)).toEqual(['mean', 'halfWidth95', 'p90']);
    // The CLI leaves the timeline out unless asked for.
    expect(r.timeline).toBeNull();
  });

  it('reports the timeline with --timeline', async () => {
    const { code, stdout } = await weerbaar(...base, '--timeline');
    expect(code).toBe(0);
    const r = JSON.parse(stdout);
    expect(r.timeline.hours).toHaveLength(169);
    expect(r.timeline.services.map((s: { id: string }) => s.id)).toEqual(['power', 'water']);
    expect(r.timeline.services[0].meanInoperability.at(-1)).toBe(r.services[0].finalInoperability.mean);
  });

  it('leaves the timeline out with --no-timeline', async () => {
    const { code, stdout } = await weerbaar(...base, '--no-timeline');
    expect(code).toBe(0);
    expect(JSON.parse(stdout).timeline).toBeNull();
  });

  it('takes "timeline": true from a definition, and --no-timeline over it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'weerbaar-sim-'));
    await writeFile(join(dir, 'model.json'), await readFile(smallest));
    const definition = join(dir, 'timeline.sim.json');
    await writeFile(
      definition,
      JSON.stringify({
        model: 'model.json',
        scenario: 'blackout',
        iterations: 5,
        seed: 'def',
        workers: 1,
        timeline: true,
      }),
    );
    const on = await weerbaar(definition);
    expect(on.code).toBe(0);
    expect(JSON.parse(on.stdout).timeline.hours).toHaveLength(169);
    const off = await weerbaar(definition, '--no-timeline');
    expect(off.code).toBe(0);
    expect(JSON.parse(off.stdout).timeline).toBeNull();
  });

  it('runs a saved definition, with paths relative to it and flags overriding its fields', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'weerbaar-sim-'));
    await writeFile(join(dir, 'model.json'), await readFile(smallest));
    const definition = join(dir, 'blackout.sim.json');
    await writeFile(
      definition,
      JSON.stringify({
        model: 'model.json',
        scenario: 'blackout',
        iterations: 5,
        seed: 'def',
        horizonHours: 48,
        out: 'result.json',
      }),
    );
    const { code, stderr } = await weerbaar(definition, '--iterations', '8', '--workers', '1');
    expect(code).toBe(0);
    expect(stderr).toMatch(/8 iterations/);
    const r = JSON.parse(await readFile(join(dir, 'result.json'), 'utf8'));
    expect(r.meta).toMatchObject({ iterations: 8, seed: 'def', horizonHours: 48 });
  });

  it.each([
    [['--iterations', '0'], 1, /--iterations: must be an integer ≥ 1.*, got "0"\n/],
    [['--iterations', '2.50'], 1, /--iterations: must be an integer ≥ 1.*, got "2.50"\n/],
    [['--workers', '0'], 1, /--workers: must be an integer ≥ 1.*, got "0"\n/],
    [['--horizon-hours', '-5'], 1, /--horizon-hours: must be a number > 0, got "-5"\n/],
    [['--disrupted-threshold', '1e3'], 1, /--disrupted-threshold: must be a number in \(0, 1\], got "1e3"\n/],
    [['--iterations', 'many'], 1, /--iterations: must be an integer ≥ 1.*got "many"/],
    [['--scenario', 'flood'], 1, /--scenario: unknown scenario "flood"/],
    [['--step-hours', '200'], 1, /--step-hours: must not exceed the horizon \(168 h\), got "200"\n/],
    [['--horizon-hours', 'week'], 1, /--horizon-hours: must be a number > 0, got "week"/],
    [['--workers', '-2'], 1, /--workers/],
    [['--counterfactual', 'maybe'], 1, /--counterfactual: must be "none" or "close-gaps"/],
    [['--model', '/nonexistent/model.json'], 1, /\/nonexistent\/model.json: cannot read file/],
    [['--frobnicate'], 2, /unknown option '--frobnicate'/],
    [['--seed'], 2, /argument missing/],
  ])('refuses %j with exit %i and a message naming it', async (extra, exit, message) => {
    const { code, stderr, stdout } = await weerbaar(...base, ...extra);
    expect(code).toBe(exit);
    expect(stderr).toMatch(message);
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(stdout).toBe('');
  });

  it('refuses a malformed model, naming the item and field', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'weerbaar-sim-'));
    const bad = join(dir, 'bad.json');
    const m = JSON.parse(await readFile(smallest, 'utf8'));
    m.dependencies[0].probability = 1.5;
    await writeFile(bad, JSON.stringify(m));
    const { code, stderr } = await weerbaar(
      '--model',
      bad,
      '--scenario',
      'blackout',
      '--iterations',
      '5',
      '--seed',
      '1',
    );
    expect(code).toBe(1);
    expect(stderr).toMatch(/dependencies\[0\] \(water→power\)\.probability/);
  });

  it('asks for the missing parameters as a usage error', async () => {
    const { code, stderr } = await weerbaar('--model', smallest);
    expect(code).toBe(2);
    expect(stderr).toMatch(/missing --scenario, --iterations, --seed/);
  });

  it('explains that without --model there is no graph to read from in this build', async () => {
    const { code, stderr } = await weerbaar('--scenario', 'blackout', '--iterations', '5', '--seed', '1');
    expect(code).toBe(1);
    expect(stderr).toMatch(/no model: pass --model/);
  });
});
