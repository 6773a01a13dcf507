// Gaps and impact before and after a set of measures, hand-computed on the small portfolio model (fixture.ts).
import { describe, expect, it } from 'vitest';
import { avoidedImpact, gapChanges, scoresAfter } from '../../src/analysis/portfolio.js';
import { ValidationError } from '../../src/domain/errors.js';
import { validateModel } from '../../src/model/validate.js';
import { SATURATING } from './fixture.js';

// a: required 10 in s1, held 4 → short 6; b: required 2 in s1 and 4 in s2, held 1 at readiness 0.5 → short 1.5, 3.5.
// m1: +5 on a (p1, readiness 1), m3: +3 on a through a new holding of p2 (readiness 1).
const model = validateModel(SATURATING);

describe('gaps before and after a set of measures', () => {
  it('gives every capability with a gap at its driving scenario, with the capacity the set adds', () => {
    expect(gapChanges(model, null, ['m1'])).toEqual([
      {
        capability: 'a',
        scenario: 's1',
        required: 10,
        availableBefore: 4,
        availableAfter: 9,
        shortfallBefore: 6,
        shortfallAfter: 1,
      },
      {
        capability: 'b',
        scenario: 's2',
        required: 4,
        availableBefore: 0.5,
        availableAfter: 0.5,
        shortfallBefore: 3.5,
        shortfallAfter: 3.5,
      },
    ]);
    const closed = gapChanges(model, null, ['m1', 'm3']).find((g) => g.capability === 'a')!;
    expect([closed.availableAfter, closed.shortfallAfter]).toEqual([12, 0]);
  });

  it('keeps to the selected scenarios and is the same before and after without measures', () => {
    expect(gapChanges(model, ['s2'], ['m1', 'm2', 'm3'])).toEqual([
      {
        capability: 'b',
        scenario: 's2',
        required: 4,
        availableBefore: 0.5,
        availableAfter: 0.5,
        shortfallBefore: 3.5,
        shortfallAfter: 3.5,
      },
    ]);
    for (const g of gapChanges(model, null, [])) expect(g.shortfallAfter).toBe(g.shortfallBefore);
  });
});

describe('impact avoided and the expert scores after', () => {
  it('counts the closed shortfall × perUnitHour over the horizon, saturating at the gap', () => {
    // m1 closes 5 of a's 6 in s1: 10 h × 1 per unit-hour × 5 = 50; m1 + m3 close all 6 (8 added): 60.
    expect(avoidedImpact(model, null, ['m1'], 10)).toEqual([{ scenario: 's1', criterion: 'k', value: 50 }]);
    expect(avoidedImpact(model, null, ['m1', 'm3'], 10)).toEqual([{ scenario: 's1', criterion: 'k', value: 60 }]);
    expect(avoidedImpact(model, ['s2'], ['m1', 'm3'], 10)).toEqual([]);
    expect(() => avoidedImpact(model, null, ['m1'], 0)).toThrow(ValidationError);
  });

  it('takes the avoided impact off a scored value, not below 0, and leaves a class-only score as it is', () => {
    const scores = [
      { scenario: 's1', criterion: 'k', value: 80 },
      { scenario: 's2', criterion: 'k', class: 'C' as const },
    ];
    expect(scoresAfter(scores, [{ scenario: 's1', criterion: 'k', value: 50 }])).toEqual([
      { scenario: 's1', criterion: 'k', value: 30 },
      { scenario: 's2', criterion: 'k', class: 'C' },
    ]);
    expect(scoresAfter(scores, [{ scenario: 's1', criterion: 'k', value: 500 }])[0]!.value).toBe(0);
    expect(scoresAfter(scores, [{ scenario: 's2', criterion: 'k', value: 500 }])[1]).toEqual(scores[1]);
  });
});
