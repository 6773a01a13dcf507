// No-regression snapshot of a fixed-seed run. It only catches accidental change: when the engine is changed on
// purpose (dynamics, draw order, statistics), check the new numbers by other tests and update with `vitest -u`.
import { describe, expect, it } from 'vitest';
import { validateModel } from '../../src/model/validate.js';
import { generateModel } from '../../src/simulation/generate.js';
import { runSimulation } from '../../src/simulation/run.js';

describe('fixed-seed run', () => {
  it('gives the same numbers as when the snapshot was taken', async () => {
    const m = validateModel(generateModel({ services: 40, dependencies: 160, seed: 'snapshot', shocked: 3 }));
    const r = await runSimulation(m, {
      scenario: 'generated',
      iterations: 50,
      seed: 'no-regression',
      workers: 1,
      horizonHours: 72,
      counterfactual: 'close-gaps',
    });
    const round = (x: number | null) => (x === null ? null : Number(x.toPrecision(12)));
    expect({
      totalImpact: {
        mean: round(r.totalImpact.mean),
        halfWidth95: round(r.totalImpact.halfWidth95),
        p90: round(r.totalImpact.p90),
      },
      allGapsClosed: r.allGapsClosed && round(r.allGapsClosed.totalImpactMean),
      services: r.services
        .slice(0, 5)
        .map((s) => [
          s.id,
          round(s.peakInoperability.mean),
          round(s.finalInoperability.p90),
          s.probabilityDisrupted,
          round(s.downtimeHours.mean),
        ]),
      sectors: r.sectors.slice(0, 3).map((s) => [s.id, round(s.peakInoperability.p50)]),
      capabilities: r.capabilities.map((c) => [
        c.id,
        c.probabilityShortfall,
        round(c.shortfall.mean),
        round(c.avoidedImpact),
      ]),
      criteria: r.criteria.map((c) => [c.id, round(c.mean), c.classProbabilities]),
    }).toMatchSnapshot();
  });
});
