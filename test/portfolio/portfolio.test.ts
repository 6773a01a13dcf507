// Portfolio under a budget: hand-computed values (saturation, readiness), ties, budget edges, bad input, and the HiGHS
// optimum against brute force over every subset on random small problems.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  analysePortfolio,
  bestPortfolio,
  measureCost,
  portfolioProblem,
  setCost,
  shortfallClosed,
  staticValue,
  type PortfolioProblem,
} from '../../src/analysis/portfolio.js';
import { ValidationError } from '../../src/domain/errors.js';
import { validateModel } from '../../src/model/validate.js';
import type { ModelInput } from '../../src/model/schema.js';
import { SATURATING, measure, portfolioModel } from './fixture.js';

const model = portfolioModel;
const saturating = validateModel(SATURATING);

describe('static value', () => {
  const p = portfolioProblem(saturating);
  it('is p_s × u_c × the shortfall closed, per measure alone', () => {
    expect(staticValue(p, ['m1'])).toBeCloseTo(0.5 * 0.1 * 5, 15);
    expect(staticValue(p, ['m3'])).toBeCloseTo(0.5 * 0.1 * 3, 15);
    expect(staticValue(p, [])).toBe(0);
  });
  it('saturates: two measures that together overshoot the shortfall close only the shortfall', () => {
    expect(staticValue(p, ['m1', 'm2'])).toBeCloseTo(0.5 * 0.1 * 6, 15);
    expect(staticValue(p, ['m1', 'm2'])).toBeLessThan(staticValue(p, ['m1']) + staticValue(p, ['m2']) - 0.1);
  });
  it("counts an effect on an existing holding at that holding's readiness, a new holding at readiness 1", () => {
    const m = validateModel(
      model(
        [measure('r1', 1), measure('r2', 1)],
        [
          { measure: 'r1', party: 'p2', capability: 'b', capacityDelta: 2 }, // existing holding, readiness 0.5: +1
          { measure: 'r2', party: 'p1', capability: 'b', capacityDelta: 1 }, // new holding: +1
        ],
      ),
    );
    const q = portfolioProblem(m);
    // s1: shortfall 1.5, s2 (likelihood 1): 3.5; u_b = 0.2. Each closes 1 in both.
    expect(staticValue(q, ['r1'])).toBeCloseTo(0.5 * 0.2 * 1 + 1 * 0.2 * 1, 15);
    expect(staticValue(q, ['r2'])).toBeCloseTo(staticValue(q, ['r1']), 15);
    // Together +2: s1 saturates at 1.5, s2 closes 2.
    expect(staticValue(q, ['r1', 'r2'])).toBeCloseTo(0.5 * 0.2 * 1.5 + 0.2 * 2, 15);
    expect(shortfallClosed(m, ['s1'])).toEqual([
      { measure: 'r1', scenario: 's1', capability: 'b', before: 1.5, after: 0.5, closed: 1 },
      { measure: 'r2', scenario: 's1', capability: 'b', before: 1.5, after: 0.5, closed: 1 },
    ]);
  });
  it('costs costOneOff + years × costPerYear', () => {
    expect(measureCost({ costOneOff: 10, costPerYear: 3 }, 4)).toBe(22);
    const m = validateModel(model([measure('y', 10, 3)], []));
    expect(portfolioProblem(m, { years: 2 }).measures[0]!.cost).toBe(16);
    expect(portfolioProblem(m).measures[0]!.cost).toBe(22);
  });
  it('uses only the selected scenarios', () => {
    expect(staticValue(portfolioProblem(saturating, { scenarios: ['s2'] }), ['m1'])).toBe(0);
  });
});

describe('best portfolio', () => {
  const p = portfolioProblem(saturating);
  it('is not the additive answer when measures saturate, and breaks ties by cost, then alphabetically', async () => {
    // Budget 10: additive values would pick {m1, m2} (0.25 + 0.25); both close only 6 → 0.3 at cost 10.
    // {m1, m3} and {m2, m3} also reach 0.3, at cost 8; [m1, m3] comes first.
    const best = await bestPortfolio(p, 10);
    expect(best.chosen).toEqual(['m1', 'm3']);
    expect(best.value).toBeCloseTo(0.3, 15);
    expect(best.cost).toBe(8);
  });
  it('picks the alphabetically first of equal value and cost', async () => {
    expect((await bestPortfolio(p, 5)).chosen).toEqual(['m1']);
    expect((await bestPortfolio(p, 7.5)).chosen).toEqual(['m1']);
  });
  it('chooses nothing at a zero budget unless a measure is free', async () => {
    expect(await bestPortfolio(p, 0)).toEqual({ chosen: [], value: 0, cost: 0 });
    const m = validateModel(
      model(
        [measure('free', 0), measure('paid', 1)],
        [
          { measure: 'free', party: 'p1', capability: 'a', capacityDelta: 1 },
          { measure: 'paid', party: 'p1', capability: 'a', capacityDelta: 1 },
        ],
      ),
    );
    expect((await bestPortfolio(portfolioProblem(m), 0)).chosen).toEqual(['free']);
  });
  it('with a budget above the total cost takes the cheapest set of the largest value, not every measure', async () => {
    const total = setCost(p, ['m1', 'm2', 'm3']);
    const best = await bestPortfolio(p, total + 100);
    expect(best.value).toBeCloseTo(staticValue(p, ['m1', 'm2', 'm3']), 15);
    expect(best.chosen).toEqual(['m1', 'm3']);
  });
  it('a free measure of no value comes in only when it sorts first (a list before its extensions)', async () => {
    const m = validateModel(
      model(
        [measure('a-free', 0), measure('b-paid', 1), measure('z-free', 0)],
        [{ measure: 'b-paid', party: 'p1', capability: 'a', capacityDelta: 1 }],
      ),
    );
    expect((await bestPortfolio(portfolioProblem(m), 1)).chosen).toEqual(['a-free', 'b-paid']);
    expect((await bestPortfolio(portfolioProblem(m), 0)).chosen).toEqual([]);
  });
  it('rejects a negative budget naming the field', async () => {
    await expect(bestPortfolio(p, -1)).rejects.toThrow('options.budget: must be a number of euros ≥ 0, got -1');
  });

  it('equals brute force over every subset (value, then cost, then alphabetical list)', async () => {
    const compareLists = (a: string[], b: string[]) => {
      for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! < b[i]! ? -1 : 1;
      return a.length - b.length;
    };
    const brute = (q: PortfolioProblem, budget: number) => {
      let best: { chosen: string[]; value: number; cost: number } = { chosen: [], value: 0, cost: 0 };
      const n = q.measures.length;
      for (let mask = 0; mask < 1 << n; mask++) {
        const ids = q.measures.filter((_, i) => mask & (1 << i)).map((m) => m.id);
        const cost = setCost(q, ids);
        if (cost > budget) continue;
        const value = staticValue(q, ids);
        const better =
          value > best.value + 1e-12 ||
          (Math.abs(value - best.value) <= 1e-12 &&
            (cost < best.cost || (cost === best.cost && compareLists(ids, best.chosen) < 0)));
        if (better) best = { chosen: ids, value, cost };
      }
      return best;
    };
    const arb = fc.record({
      measures: fc.array(
        fc.record({
          cost: fc.integer({ min: 0, max: 6 }),
          deltas: fc.array(fc.tuple(fc.constantFrom('a', 'b', 'c'), fc.integer({ min: 1, max: 5 })), { maxLength: 2 }),
        }),
        { minLength: 1, maxLength: 7 },
      ),
      cells: fc.array(
        fc.record({
          capability: fc.constantFrom('a', 'b', 'c'),
          weight: fc.integer({ min: 1, max: 4 }),
          shortfall: fc.integer({ min: 1, max: 8 }),
        }),
        { minLength: 1, maxLength: 4 },
      ),
      budget: fc.integer({ min: 0, max: 15 }),
    });
    await fc.assert(
      fc.asyncProperty(arb, async ({ measures, cells, budget }) => {
        const q: PortfolioProblem = {
          scenarios: ['s'],
          years: 4,
          cells: cells.map((c, j) => ({ ...c, scenario: `s${j}` })),
          measures: measures.map((m, i) => ({ id: `m${i}`, cost: m.cost, deltas: new Map(m.deltas) })),
        };
        const expected = brute(q, budget);
        const got = await bestPortfolio(q, budget);
        expect(got.chosen).toEqual(expected.chosen);
        expect(got.cost).toBe(expected.cost);
        expect(got.value).toBeCloseTo(expected.value, 12);
      }),
      { numRuns: 150, seed: 14 },
    );
  });
});

describe('portfolio result and robustness', () => {
  it("reports each measure's own value and cost, the chosen set, and core indices", async () => {
    const r = await analysePortfolio(saturating, { budget: 10 });
    expect(r).toMatchObject({ budget: 10, years: 4, cost: 8, chosen: ['m1', 'm3'] });
    expect(r.value).toBeCloseTo(0.3, 15);
    expect(r.measures.map((m) => [m.id, m.cost, m.chosen])).toEqual([
      ['m1', 5, true],
      ['m2', 5, false],
      ['m3', 3, true],
    ]);
    expect(r.measures[0]!.value).toBeCloseTo(0.25, 15);
    // One criterion: every weight set gives the same portfolio, so chosen measures are core, the rest exterior.
    expect(r.measures.map((m) => [m.coreIndex, m.label])).toEqual([
      [1, 'core'],
      [0, 'exterior'],
      [1, 'core'],
    ]);
    expect(r.robustness.profiles.length).toBeGreaterThanOrEqual(5);
    expect(r.shortfallClosed).toEqual([
      { measure: 'm1', scenario: 's1', capability: 'a', before: 6, after: 1, closed: 5 },
      { measure: 'm2', scenario: 's1', capability: 'a', before: 6, after: 1, closed: 5 },
      { measure: 'm3', scenario: 's1', capability: 'a', before: 6, after: 3, closed: 3 },
    ]);
  });
  it('gives borderline measures when weights change the portfolio', async () => {
    // Two criteria: capability a hurts k, capability b hurts k2; one measure each, budget for one.
    const base = model(
      [measure('ma', 1), measure('mb', 1)],
      [
        { measure: 'ma', party: 'p1', capability: 'a', capacityDelta: 6 },
        { measure: 'mb', party: 'p1', capability: 'b', capacityDelta: 1.5 },
      ],
    );
    base.impactCriteria!.push({
      id: 'k2',
      name: 'K2',
      vitalInterest: 'vi',
      unit: 'u',
      thresholds: [1, 2, 3, 4, 10],
      weight: 1,
    });
    base.consequences = [
      { from: 'a', criterion: 'k', perUnitHour: 1 },
      { from: 'b', criterion: 'k2', perUnitHour: 2 },
    ];
    // V(ma) = 0.5 × 0.1 × 6 = 0.3; V(mb) = 0.5 × 0.2 × 1.5 + 0.2 × 1.5 = 0.45 at equal weights.
    const r = await analysePortfolio(validateModel(base), { budget: 1, samples: 40 });
    expect(r.chosen).toEqual(['mb']);
    const ma = r.measures.find((m) => m.id === 'ma')!;
    const mb = r.measures.find((m) => m.id === 'mb')!;
    expect(ma.coreIndex + mb.coreIndex).toBeCloseTo(1, 12);
    expect(ma.coreIndex).toBeGreaterThan(0);
    expect(mb.label).toBe('borderline');
  });
  it('rejects unknown scenarios and bad years naming the field', async () => {
    await expect(analysePortfolio(saturating, { budget: 1, scenarios: ['nope'] })).rejects.toThrow(
      'options.scenarios[0]: unknown scenario "nope"',
    );
    await expect(analysePortfolio(saturating, { budget: 1, years: -2 })).rejects.toThrow(ValidationError);
  });
});

describe('measures and effects in the model', () => {
  const bad = (measures: ModelInput['measures'], effects: ModelInput['effects'] = []) => {
    try {
      validateModel(model(measures, effects));
    } catch (e) {
      return (e as Error).message;
    }
    return 'valid';
  };
  it('fills in defaults', () => {
    const m = validateModel(model([{ id: 'x', name: 'X', lead: 'p1', instrument: 'exercise' }], []));
    expect(m.measures[0]).toMatchObject({ costOneOff: 0, costPerYear: 0, leadTimeMonths: 0, status: 'proposed' });
  });
  it('names the item and field of every problem', () => {
    expect(bad([measure('m1', -5)])).toBe('measures[0] (id "m1").costOneOff: must be ≥ 0, got -5');
    expect(bad([{ ...measure('m1', 1), lead: 'nobody' }])).toBe('measures[0] (id "m1").lead: unknown party "nobody"');
    expect(bad([{ ...measure('m1', 1), instrument: 'magic' as never }])).toContain(
      'measures[0] (id "m1").instrument: must be one of "policy"',
    );
    expect(bad([{ ...measure('a', 1) }])).toBe(
      'measures[0] (id "a").id: duplicate id, already used by a node in capabilities',
    );
    expect(bad([measure('m1', 1)], [{ measure: 'ghost', party: 'p1', capability: 'a', capacityDelta: 1 }])).toBe(
      'effects[0] (ghost: p1/a).measure: unknown measure "ghost"',
    );
    expect(bad([measure('m1', 1)], [{ measure: 'm1', party: 'ghost', capability: 'a', capacityDelta: 1 }])).toBe(
      'effects[0] (m1: ghost/a).party: unknown party "ghost"',
    );
    expect(bad([measure('m1', 1)], [{ measure: 'm1', party: 'p1', capability: 'zz', capacityDelta: 1 }])).toBe(
      'effects[0] (m1: p1/zz).capability: unknown capability "zz"',
    );
    expect(bad([measure('m1', 1)], [{ measure: 'm1', party: 'p1', capability: 'a', capacityDelta: -1 }])).toBe(
      'effects[0] (m1: p1/a).capacityDelta: must be ≥ 0, got -1',
    );
    expect(
      bad(
        [measure('m1', 1)],
        [
          { measure: 'm1', party: 'p1', capability: 'a', capacityDelta: 1 },
          { measure: 'm1', party: 'p1', capability: 'a', capacityDelta: 2 },
        ],
      ),
    ).toBe('effects[1] (m1: p1/a): duplicate of effects[0]');
  });
});
