// With certain dependencies, no delays, no mitigation and a constant shock the cascade is the DIIM: it settles at (I −
// A*)⁻¹ c*.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { lusolve, identity, subtract, matrix, type Matrix } from 'mathjs';
import { runSimulation } from '../../src/simulation/run.js';
import { iimModel } from './helpers.js';

async function steadyState(
  a: number[][],
  c: number[],
  opts: { recoveryRate?: number; validate?: boolean; horizonHours?: number } = {},
) {
  const m = iimModel(a, c, opts.recoveryRate ?? 1, opts.validate ?? true);
  const r = await runSimulation(m, {
    scenario: 'shock',
    iterations: 1,
    seed: 1,
    workers: 1,
    horizonHours: opts.horizonHours ?? 2000,
  });
  return r.services.map((s) => s.finalInoperability.mean);
}

function closedForm(a: number[][], c: number[]): number[] {
  const n = c.length;
  const lhs = subtract(identity(n) as Matrix, matrix(a));
  return (lusolve(lhs, c) as unknown as { toArray(): number[][] }).toArray().map((row) => row[0]!);
}

describe('the cascade reduces to the inoperability input-output model', () => {
  it('reaches the first published vector: A* = [[0,.8],[.2,0]], c* = [0,.6] → [0.571, 0.714]', async () => {
    const q = await steadyState(
      [
        [0, 0.8],
        [0.2, 0],
      ],
      [0, 0.6],
      { recoveryRate: 0.3 },
    );
    expect(q[0]).toBeCloseTo(0.571, 3);
    expect(q[1]).toBeCloseTo(0.714, 3);
    const exact = closedForm(
      [
        [0, 0.8],
        [0.2, 0],
      ],
      [0, 0.6],
    );
    q.forEach((v, i) => expect(v).toBeCloseTo(exact[i]!, 10));
  });

  it(
    'reaches the second published vector, with self-dependence: A* = ' +
      '[[.15,.5],[.10,.05]], c* = [0,.1] → [0.0660, 0.1122]',
    async () => {
      const q = await steadyState(
        [
          [0.15, 0.5],
          [0.1, 0.05],
        ],
        [0, 0.1],
        { validate: false, recoveryRate: 0.5 },
      );
      expect(q[0]).toBeCloseTo(0.066, 4);
      expect(q[1]).toBeCloseTo(0.1122, 4);
    },
  );

  it('reaches the second vector as a valid model, the diagonal folded into the other terms', async () => {
    // q_i = Σ_j a_ij q_j + c_i with a_ii moved left: q_i = Σ_{j≠i} a_ij/(1−a_ii) q_j + c_i/(1−a_ii).
    const q = await steadyState(
      [
        [0, 0.5 / 0.85],
        [0.1 / 0.95, 0],
      ],
      [0, 0.1 / 0.95],
    );
    expect(q[0]).toBeCloseTo(0.066, 4);
    expect(q[1]).toBeCloseTo(0.1122, 4);
  });

  it('clips at full inoperability: a service cannot be more than 100 % down', async () => {
    // Closed form [0.5 + 0.9·0.8, 0.8] = [1.22, 0.8] → clipped [1, 0.8].
    const q = await steadyState(
      [
        [0, 0.9],
        [0, 0],
      ],
      [0.5, 0.8],
      { recoveryRate: 0.4 },
    );
    expect(q[0]).toBe(1);
    expect(q[1]).toBeCloseTo(0.8, 12);
  });

  it('agrees with mathjs on random stable interdependence matrices', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 2, max: 7 }).chain((n) =>
          fc.tuple(
            fc.array(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: n, maxLength: n }), {
              minLength: n,
              maxLength: n,
            }),
            fc.array(fc.double({ min: 0, max: 0.05, noNaN: true }), { minLength: n, maxLength: n }),
            fc.double({ min: 0.3, max: 1, noNaN: true }),
          ),
        ),
        async ([raw, c, k]) => {
          // Off-diagonal, rows scaled to sum ≤ 0.85: spectral radius < 1, and q* ≤ 0.05/0.15 < 1 (no clipping).
          const a = raw.map((row, i) => {
            const off = row.map((v, j) => (i === j ? 0 : v));
            const sum = off.reduce((x, y) => x + y, 0);
            return sum > 0.85 ? off.map((v) => (v / sum) * 0.85) : off;
          });
          const q = await steadyState(a, c, { recoveryRate: k, horizonHours: 1500 });
          const exact = closedForm(a, c);
          q.forEach((v, i) => expect(Math.abs(v - exact[i]!)).toBeLessThan(1e-9));
        },
      ),
      { numRuns: 40, seed: 7 },
    );
  });
});
