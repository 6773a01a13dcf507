// Paired simulation of measure sets: on a model whose shortfalls are deterministic, the avoided impact equals the
// static value; the pairing (common random numbers) removes the noise of everything the measures do not touch; the
// result is the same to the bit for 1 and 2 workers. Workers load dist/: run `npm run build` first.
import { describe, expect, it } from 'vitest';
import { applyMeasures, portfolioProblem, staticValue } from '../../src/analysis/portfolio.js';
import { readModelFile, validateModel } from '../../src/model/validate.js';
import { evaluateMeasureSets } from '../../src/simulation/paired.js';
import { SATURATING } from './fixture.js';

const model = validateModel(SATURATING);
const sets = [
  { id: 'm1', measures: ['m1'] },
  { id: 'm1+m2', measures: ['m1', 'm2'] },
  { id: 'm1+m3', measures: ['m1', 'm3'] },
  { id: 'none', measures: [] },
];

describe('paired evaluation', () => {
  it('equals the static value on a deterministic model, per scenario and weighted by likelihood', async () => {
    const problem = portfolioProblem(model);
    const r = await evaluateMeasureSets(model, sets, { iterations: 40, seed: 'det', workers: 1, horizonHours: 24 });
    for (const s of r.sets) {
      expect(s.value.mean, s.id).toBeCloseTo(staticValue(problem, s.measures), 12);
      // Capability b is random (readiness 0.5) but the same in both runs of an iteration: no noise is left.
      expect(s.value.halfWidth95!, s.id).toBeLessThan(1e-12);
      for (const sc of s.scenarios) {
        expect(sc.value.mean, `${s.id} ${sc.scenario}`).toBeCloseTo(
          staticValue(portfolioProblem(model, { scenarios: [sc.scenario] }), s.measures) / sc.likelihood,
          12,
        );
      }
    }
    // Saturation shows in the simulation too: m1 + m2 closes the shortfall of 6 (0.5 × 0.1 × 6), not 2 × 0.25.
    expect(r.sets[1]!.value.mean).toBeCloseTo(0.3, 12);
    // Criterion k in its own unit, scenario s1: the shortfall of a drops by 6 for 24 hours at 1 per unit-hour.
    expect(r.sets[1]!.scenarios[0]!.criteria[0]!.avoided.mean).toBeCloseTo(6 * 1 * 24, 9);
    expect(r.sets[3]!.value).toEqual({ mean: 0, halfWidth95: 0 });
  });

  it('keeps the draws of the existing holdings: new holdings are appended', () => {
    const after = applyMeasures(model, ['m3']);
    expect(after.holdings.slice(0, model.holdings.length).map((h) => [h.party, h.capability])).toEqual(
      model.holdings.map((h) => [h.party, h.capability]),
    );
    expect(after.holdings.at(-1)).toEqual({
      party: 'p2',
      capability: 'a',
      capacity: 3,
      readiness: 1,
      mobilisationHours: 0,
    });
    expect(applyMeasures(model, ['m1', 'm2']).holdings[0]!.capacity).toBe(14);
    expect(() => applyMeasures(model, ['nope'])).toThrow('options.measures[0]: unknown measure "nope"');
  });

  it('is the same to the bit for 1 and 2 workers on the default model', async () => {
    const nl = await readModelFile('simulations/nederland.json');
    const measures = ['m-emergency-power-hospitals', 'm-national-generator-pool', 'm-emergency-water-packaging'];
    const run = (workers: number) =>
      evaluateMeasureSets(
        nl,
        [
          { id: 'set', measures },
          { id: 'one', measures: measures.slice(0, 1) },
        ],
        {
          scenarios: ['sc-blackout-randstad', 'sc-storm-surge-zuid-holland'],
          iterations: 120,
          seed: 7,
          workers,
        },
      );
    const [one, two] = [await run(1), await run(2)];
    expect(two.meta.workers).toBe(2);
    expect(JSON.stringify(two.sets)).toBe(JSON.stringify(one.sets));
    expect(one.sets[0]!.value.mean).toBeGreaterThan(0);
  });

  it('names the option on bad input', async () => {
    await expect(evaluateMeasureSets(model, sets, { iterations: 0, seed: 's' })).rejects.toThrow(
      'options.iterations: must be an integer ≥ 1',
    );
    await expect(evaluateMeasureSets(model, sets, { iterations: 1, seed: 's', scenarios: ['x'] })).rejects.toThrow(
      'options.scenarios[0]: unknown scenario "x"',
    );
  });
});
