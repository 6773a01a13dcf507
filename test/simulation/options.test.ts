// Parameters of a run: valid ones always run, invalid ones are refused with a message naming the parameter.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ValidationError } from '../../src/domain/errors.js';
import { runSimulation, validateSimulationOptions } from '../../src/simulation/run.js';
import { model } from './helpers.js';

const smallest = model({
  sectors: [{ id: 'energy', name: 'Energie' }],
  services: [
    { id: 'power', name: 'Electricity', sector: 'energy', recoveryRate: 0.2 },
    { id: 'water', name: 'Drinking water', sector: 'energy', recoveryRate: 0.2 },
  ],
  dependencies: [{ from: 'water', to: 'power', strength: 0.5, probability: 0.7, delayHours: 2 }],
  scenarios: [{ id: 'blackout', name: 'Long power outage' }],
  disruptions: [{ scenario: 'blackout', service: 'power', inoperability: 0.8, durationHours: 72 }],
});
const valid = { scenario: 'blackout', iterations: 10, seed: 1, workers: 1 };

function refusal(options: unknown): string {
  try {
    validateSimulationOptions(options, smallest);
  } catch (e) {
    expect(e).toBeInstanceOf(ValidationError);
    return (e as Error).message;
  }
  throw new Error('expected the options to be refused');
}

describe('simulation options', () => {
  it.each([
    [{ ...valid, scenario: 'flood' }, /options\.scenario: unknown scenario "flood"; the model has "blackout"/],
    [{ ...valid, iterations: 0 }, /options\.iterations: must be an integer ≥ 1.*got 0/],
    [{ ...valid, iterations: 2.5 }, /options\.iterations/],
    [{ ...valid, iterations: '100' }, /options\.iterations: .*got "100"/],
    [{ ...valid, seed: '' }, /options\.seed/],
    [{ ...valid, workers: 0 }, /options\.workers/],
    [{ ...valid, horizonHours: -1 }, /options\.horizonHours: must be a number > 0/],
    [{ ...valid, stepHours: 200 }, /options\.stepHours: must not exceed the horizon \(168 h\), got 200/],
    [{ ...valid, stepHours: Number.NaN }, /options\.stepHours/],
    [{ ...valid, disruptedThreshold: 0 }, /options\.disruptedThreshold: must be a number in \(0, 1\]/],
    [{ ...valid, targetRelativeError: -0.1 }, /options\.targetRelativeError/],
    [{ ...valid, counterfactual: 'open-gaps' }, /options\.counterfactual: must be "none" or "close-gaps"/],
    [{ ...valid, iteration: 5 }, /options\.iteration: unknown option/],
    [{ ...valid, iterations: 1e9 }, /options\.iterations: .*GiB of per-iteration results/],
  ])('refuses %j', (options, message) => {
    expect(refusal(options)).toMatch(message);
  });

  it('fills in the defaults: a week in hourly steps, disrupted from 5 %', () => {
    expect(validateSimulationOptions(valid, smallest)).toMatchObject({
      horizonHours: 168,
      stepHours: 1,
      disruptedThreshold: 0.05,
      counterfactual: 'none',
      targetRelativeError: null,
      seed: '1',
    });
  });

  it('refuses invalid options in runSimulation before doing any work', async () => {
    await expect(runSimulation(smallest, { ...valid, iterations: -3 })).rejects.toBeInstanceOf(ValidationError);
  });

  it('runs any valid combination of options without throwing, with results in range', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          iterations: fc.integer({ min: 1, max: 30 }),
          seed: fc.oneof(
            fc.string({ minLength: 1 }),
            fc.integer(),
            fc.double({ noNaN: true, noDefaultInfinity: true }),
          ),
          horizonHours: fc.double({ min: 0.5, max: 400, noNaN: true }),
          stepFraction: fc.double({ min: 0.001, max: 1, noNaN: true }),
          disruptedThreshold: fc.double({ min: 1e-6, max: 1, noNaN: true }),
          counterfactual: fc.constantFrom('none' as const, 'close-gaps' as const),
        }),
        async ({ stepFraction, horizonHours, ...rest }) => {
          const stepHours = Math.max(horizonHours * stepFraction, horizonHours / 2000);
          const r = await runSimulation(smallest, {
            scenario: 'blackout',
            workers: 1,
            horizonHours,
            stepHours,
            ...rest,
          });
          expect(r.meta.iterations).toBe(rest.iterations);
          for (const s of [...r.services, ...r.sectors]) {
            expect(s.peakInoperability.p99).toBeGreaterThanOrEqual(0);
            expect(s.peakInoperability.p99).toBeLessThanOrEqual(1);
            expect(s.probabilityDisrupted).toBeGreaterThanOrEqual(0);
            expect(s.probabilityDisrupted).toBeLessThanOrEqual(1);
            expect(s.downtimeHours.mean).toBeLessThanOrEqual(r.meta.steps * stepHours + 1e-9);
          }
        },
      ),
      { numRuns: 60, seed: 11 },
    );
  });

  it('refuses any invalid value of a numeric option with a ValidationError naming it', () => {
    const bad = fc.oneof(
      fc.constant(undefined).map(() => Number.NaN),
      fc.constant(Number.POSITIVE_INFINITY),
      fc.double({ max: 0, noNaN: true }),
      fc.string(),
      fc.boolean(),
      fc.constant(null),
      fc.array(fc.integer(), { maxLength: 2 }),
    );
    fc.assert(
      fc.property(
        fc.constantFrom(
          'iterations',
          'workers',
          'horizonHours',
          'stepHours',
          'disruptedThreshold',
          'targetRelativeError',
        ),
        bad,
        (field, value) => {
          try {
            validateSimulationOptions({ ...valid, [field]: value }, smallest);
          } catch (e) {
            return e instanceof ValidationError && e.problems.some((p) => p.field === field);
          }
          return false;
        },
      ),
      { numRuns: 300, seed: 5 },
    );
  });
});
