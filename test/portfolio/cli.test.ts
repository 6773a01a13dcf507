// `weerbaar portfolio` as a user meets it: the pinned result JSON, the simulated set beside the static value, and clear
// messages (exit 1) for bad values, exit 2 for bad usage. Runs bin/weerbaar.js: `npm run build` first.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SATURATING, measure, portfolioModel } from './fixture.js';

function weerbaar(...args: string[]) {
  const r = spawnSync(process.execPath, ['bin/weerbaar.js', 'portfolio', ...args], {
    encoding: 'utf8',
    env: { ...process.env, NEO4J_URI: '' },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
const dir = mkdtempSync(join(tmpdir(), 'weerbaar-portfolio-'));
const file = (name: string, doc: unknown) => {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(doc));
  return path;
};
const model = file('model.json', SATURATING);

describe('weerbaar portfolio', () => {
  it('writes the pinned result JSON', () => {
    const r = weerbaar('--model', model, '--budget', '10');
    expect(r.code, r.err).toBe(0);
    const out = JSON.parse(r.out);
    expect(out).toMatchObject({ budget: 10, years: 4, cost: 8, chosen: ['m1', 'm3'] });
    expect(out.value).toBeCloseTo(0.3, 12);
    expect(out.measures.map((m: Record<string, unknown>) => Object.keys(m).slice(0, 5))).toEqual(
      Array(3).fill(['id', 'cost', 'value', 'chosen', 'coreIndex']),
    );
    expect(out.measures.map((m: { id: string; chosen: boolean }) => [m.id, m.chosen])).toEqual([
      ['m1', true],
      ['m2', false],
      ['m3', true],
    ]);
  });

  it('takes --scenario, --years and --out', () => {
    const withYears = file(
      'years.json',
      portfolioModel([measure('y', 2, 1)], [{ measure: 'y', party: 'p1', capability: 'a', capacityDelta: 1 }]),
    );
    const out = join(dir, 'out.json');
    const r = weerbaar('--model', withYears, '--budget', '3', '--years', '1', '--scenario', 's1', '--out', out);
    expect(r.code, r.err).toBe(0);
    const doc = JSON.parse(readFileSync(out, 'utf8'));
    expect(doc).toMatchObject({ budget: 3, years: 1, cost: 3, chosen: ['y'], scenarios: ['s1'] });
    expect(JSON.parse(weerbaar('--model', withYears, '--budget', '3').out).chosen).toEqual([]);
  });

  it('simulates the chosen set with --iterations and --seed, beside the static value', () => {
    const r = weerbaar(
      '--model',
      model,
      '--budget',
      '10',
      '--iterations',
      '20',
      '--seed',
      '1',
      '--workers',
      '1',
      '--horizon-hours',
      '12',
    );
    expect(r.code, r.err).toBe(0);
    const out = JSON.parse(r.out);
    expect(out.simulated.sets[0]).toMatchObject({ id: 'chosen', measures: ['m1', 'm3'] });
    expect(out.simulated.sets[0].value.mean).toBeCloseTo(out.value, 12);
  });

  it('refuses bad values with exit 1 and a message naming the item and field', () => {
    const cases: [string[], string][] = [
      [['--model', model, '--budget', '-5'], '--budget: must be a number of euros ≥ 0, got "-5"'],
      [['--model', model, '--budget', 'lots'], '--budget: must be a number of euros ≥ 0, got "lots"'],
      [['--model', model, '--budget', '1', '--scenario', 'nope'], '--scenario: unknown scenario "nope"'],
      [['--model', model, '--budget', '1', '--iterations', '5'], '--seed: is required with --iterations'],
      [
        ['--model', model, '--budget', '1', '--iterations', '0', '--seed', 's'],
        '--iterations: must be an integer ≥ 1, got "0"',
      ],
      [
        ['--model', file('neg.json', portfolioModel([measure('m1', -1)], [])), '--budget', '1'],
        'measures[0] (id "m1").costOneOff: must be ≥ 0, got -1',
      ],
      [
        [
          '--model',
          file(
            'ghost.json',
            portfolioModel([measure('m1', 1)], [{ measure: 'm9', party: 'p1', capability: 'a', capacityDelta: 1 }]),
          ),
          '--budget',
          '1',
        ],
        'effects[0] (m9: p1/a).measure: unknown measure "m9"',
      ],
      [
        [
          '--model',
          file(
            'party.json',
            portfolioModel([measure('m1', 1)], [{ measure: 'm1', party: 'px', capability: 'a', capacityDelta: 1 }]),
          ),
          '--budget',
          '1',
        ],
        'effects[0] (m1: px/a).party: unknown party "px"',
      ],
    ];
    for (const [args, message] of cases) {
      const r = weerbaar(...args);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.err).toContain(message);
      expect(r.err).not.toMatch(/\n\s+at /);
    }
  });

  it('exits 2 without --budget', () => {
    const r = weerbaar('--model', model);
    expect(r.code).toBe(2);
    expect(r.err).toContain('missing --budget');
  });
});
