// Quantiles by selection (stats.ts) equal those of the fully sorted column, to the bit.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { quantileSorted, quantilesInPlace } from '../../src/simulation/kernel/stats.js';

const PS = [0.5, 0.9, 0.99];
const bySorting = (values: number[], ps: number[]) => {
  const sorted = Float64Array.from(values).sort();
  return ps.map((p) => quantileSorted(sorted, p));
};

describe('quantilesInPlace', () => {
  it('equals quantileSorted of the sorted values, for any values (ties, zeros, −0, NaN, infinities)', () => {
    const value = fc.oneof(
      fc.double({ noNaN: false }),
      fc.constantFrom(0, -0, 1, 0.5, Number.NaN, Infinity, -Infinity),
      fc.integer({ min: 0, max: 3 }).map((x) => x / 4),
    );
    fc.assert(
      fc.property(
        fc.array(value, { minLength: 0, maxLength: 300 }),
        fc.uniqueArray(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 4 }),
        (values, extra) => {
          const ps = [...PS, ...extra].sort((a, b) => a - b);
          const got = quantilesInPlace(Float64Array.from(values), ps);
          const want = bySorting(values, ps);
          got.forEach((g, k) => expect(Object.is(g, want[k])).toBe(true));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('selects on large random columns as sorting does', () => {
    for (let r = 0; r < 200; r++) {
      const values = Array.from({ length: 1 + Math.floor(Math.random() * 400) }, () =>
        Math.random() < 0.3 ? 0 : Math.random() ** 3,
      );
      expect(quantilesInPlace(Float64Array.from(values), PS)).toEqual(bySorting(values, PS));
    }
  });
});
