// The timeline for the explorer's heat map: mean q per service and sector through time, identical for any number of
// workers.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { validateModel } from '../../src/model/validate.js';
import { generateModel } from '../../src/simulation/generate.js';
import { runSimulation, validateSimulationOptions } from '../../src/simulation/run.js';
import { TimelineAccumulator, timelineSteps } from '../../src/simulation/kernel/timeline.js';
import { model } from './helpers.js';

/** power (shocked, k = 0.2) ← water (k = 0.3, strength 0.5, probability 1) in one sector, plus an idle service in a
 * second sector. */
const chain = (delayHours = 0) =>
  model({
    sectors: [
      { id: 'energy', name: 'Energie' },
      { id: 'other', name: 'Other' },
    ],
    services: [
      { id: 'power', name: 'Electricity', sector: 'energy', recoveryRate: 0.2 },
      { id: 'water', name: 'Drinking water', sector: 'energy', recoveryRate: 0.3 },
      { id: 'idle', name: 'Untouched', sector: 'other', recoveryRate: 0.1 },
    ],
    dependencies: [{ from: 'water', to: 'power', strength: 0.5, probability: 1, delayHours }],
    scenarios: [{ id: 'blackout', name: 'Long power outage' }],
    disruptions: [{ scenario: 'blackout', service: 'power', inoperability: 0.8, durationHours: 40 }],
  });

/** The pinned update written out for the chain model: q(0) … q(N) per service. */
function trajectory(steps: number, delay = 0): { power: number[]; water: number[] } {
  const power = [0];
  const water = [0];
  for (let t = 0; t < steps; t++) {
    const c = t < 40 ? 0.8 : 0;
    const upstream = t - delay >= 0 ? power[t - delay]! : 0;
    power.push(Math.min(1, Math.max(0, power[t]! + 0.2 * (c - power[t]!))));
    water.push(Math.min(1, Math.max(0, water[t]! + 0.3 * (0.5 * upstream - water[t]!))));
  }
  return { power, water };
}

const series = (list: { id: string; meanInoperability: number[] }[], id: string) =>
  list.find((x) => x.id === id)!.meanInoperability;

describe('timeline', () => {
  it('of one deterministic iteration is the q trajectory, step by step, to the bit', async () => {
    const r = await runSimulation(chain(2), {
      scenario: 'blackout',
      iterations: 1,
      seed: 1,
      workers: 1,
      horizonHours: 60,
    });
    const expected = trajectory(60, 2);
    const tl = r.timeline!;
    expect(tl.hours).toEqual(Array.from({ length: 61 }, (_, t) => t));
    expect(series(tl.services, 'power')).toEqual(expected.power);
    expect(series(tl.services, 'water')).toEqual(expected.water);
    expect(series(tl.services, 'idle')).toEqual(new Array(61).fill(0));
    // A sector's value is the mean q of its services at the step.
    expect(series(tl.sectors, 'energy')).toEqual(expected.power.map((p, t) => (p + expected.water[t]!) / 2));
    expect(series(tl.sectors, 'other')).toEqual(new Array(61).fill(0));
    // Not a trivial trajectory: the shock lifts power, water follows two hours later, both recover after hour 40.
    expect(Math.max(...expected.water)).toBeGreaterThan(0.3);
  });

  it('at hour h equals the final state of a run with horizon h', async () => {
    const m = chain(3);
    const r = await runSimulation(m, { scenario: 'blackout', iterations: 1, seed: 1, workers: 1, horizonHours: 30 });
    for (const h of [1, 4, 17, 29, 30]) {
      const short = await runSimulation(m, {
        scenario: 'blackout',
        iterations: 1,
        seed: 1,
        workers: 1,
        horizonHours: h,
      });
      for (const s of short.services) expect(series(r.timeline!.services, s.id)[h]).toBe(s.finalInoperability.mean);
    }
  });

  it('downsamples a long horizon evenly by whole steps, keeping t = 0 and the final state', async () => {
    const r = await runSimulation(chain(), {
      scenario: 'blackout',
      iterations: 1,
      seed: 1,
      workers: 1,
      horizonHours: 1000,
    });
    const tl = r.timeline!;
    const stride = Math.ceil(1000 / 199);
    expect(stride).toBe(6);
    expect(tl.hours.length).toBeLessThanOrEqual(200);
    expect(tl.hours[0]).toBe(0);
    expect(tl.hours.at(-1)).toBe(1000);
    expect(tl.hours.slice(0, -1)).toEqual(Array.from({ length: 167 }, (_, p) => p * stride));
    const expected = trajectory(1000);
    expect(series(tl.services, 'water')).toEqual(tl.hours.map((h) => expected.water[h]));
    expect(series(tl.services, 'water').at(-1)).toBe(r.services.find((s) => s.id === 'water')!.finalInoperability.mean);
  });

  it('reports hours as steps × stepHours', async () => {
    const r = await runSimulation(chain(), {
      scenario: 'blackout',
      iterations: 1,
      seed: 1,
      workers: 1,
      horizonHours: 12,
      stepHours: 2.5,
    });
    // ⌈12 / 2.5⌉ = 5 steps; the last one overhangs the horizon.
    expect(r.timeline!.hours).toEqual([0, 2.5, 5, 7.5, 10, 12.5]);
  });

  it('recorded steps: at most 200, evenly spaced by a whole stride, from 0 to N', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 200_000 }), (n) => {
        const steps = Array.from(timelineSteps(n));
        const stride = Math.max(1, Math.ceil(n / 199));
        expect(steps.length).toBeLessThanOrEqual(200);
        expect(steps[0]).toBe(0);
        expect(steps.at(-1)).toBe(n);
        for (let p = 1; p < steps.length - 1; p++) expect(steps[p]! - steps[p - 1]!).toBe(stride);
        expect(steps.at(-1)! - steps.at(-2)!).toBeGreaterThan(0);
        expect(steps.at(-1)! - steps.at(-2)!).toBeLessThanOrEqual(stride);
        if (n <= 199) expect(steps).toEqual(Array.from({ length: n + 1 }, (_, t) => t));
      }),
      { numRuns: 300, seed: 3 },
    );
  });

  describe('over many iterations', () => {
    const medium = validateModel(generateModel({ services: 300, dependencies: 1500, seed: 'timeline' }));
    const options = { scenario: 'generated', iterations: 70, seed: 'tl', horizonHours: 60 };

    it('is bit-identical with 1 and 2 workers, and its final point is the mean final inoperability', async () => {
      const one = await runSimulation(medium, { ...options, workers: 1 });
      const two = await runSimulation(medium, { ...options, workers: 2 });
      expect(two.timeline).toEqual(one.timeline);
      const tl = one.timeline!;
      expect(tl.services.map((s) => s.id)).toEqual(one.services.map((s) => s.id));
      expect(tl.sectors.map((s) => s.id)).toEqual(one.sectors.map((s) => s.id));
      one.services.forEach((s, i) => {
        expect(tl.services[i]!.meanInoperability).toHaveLength(61);
        expect(tl.services[i]!.meanInoperability[0]).toBe(0);
        expect(tl.services[i]!.meanInoperability.at(-1)).toBe(s.finalInoperability.mean);
      });
      one.sectors.forEach((s, i) => expect(tl.sectors[i]!.meanInoperability.at(-1)).toBe(s.finalInoperability.mean));
      // A mean over iterations that differ: some service is partly disrupted in some iterations only.
      expect(
        one.services.some(
          (s) => s.finalInoperability.mean > 0 && s.finalInoperability.mean !== s.finalInoperability.p99,
        ),
      ).toBe(true);
    });

    it(
      'with the stopping rule and close-gaps: identical across workers, averaged over the ' + 'iterations actually run',
      async () => {
        const stop = {
          ...options,
          iterations: 3000,
          targetRelativeError: 0.05,
          counterfactual: 'close-gaps' as const,
          horizonHours: 24,
        };
        const one = await runSimulation(medium, { ...stop, workers: 1 });
        const two = await runSimulation(medium, { ...stop, workers: 2 });
        expect(one.meta.iterations).toBeLessThan(3000);
        expect(two.timeline).toEqual(one.timeline);
        one.services.forEach((s, i) =>
          expect(one.timeline!.services[i]!.meanInoperability.at(-1)).toBe(s.finalInoperability.mean),
        );
      },
    );

    it('is left out with timeline: false, and the rest of the result does not change', async () => {
      const withTl = await runSimulation(medium, { ...options, iterations: 10, workers: 1 });
      const without = await runSimulation(medium, { ...options, iterations: 10, workers: 2, timeline: false });
      expect(without.timeline).toBeNull();
      const { meta: _a, timeline: _b, ...rest } = withTl;
      const { meta: _c, timeline: _d, ...restWithout } = without;
      expect(restWithout).toEqual(rest);
    });
  });

  it('refuses a timeline option that is not a boolean', () => {
    expect(() =>
      validateSimulationOptions({ scenario: 'blackout', iterations: 1, seed: 1, timeline: 'no' }, chain()),
    ).toThrow(/options\.timeline: must be true or false, got "no"/);
  });

  it('sums chunks in iteration order whatever order they arrive in', () => {
    const rows = Array.from({ length: 9 }, (_, k) => Float64Array.from([0.1 * (k + 1), 1 / (k + 3), 1e-17 * k]));
    const inOrder = new TimelineAccumulator(3);
    for (let k = 0; k < 9; k++) inOrder.add(k, 1, rows[k]!);
    const chunk = (from: number, to: number) => {
      const out = new Float64Array((to - from) * 3);
      for (let k = from; k < to; k++) out.set(rows[k]!, (k - from) * 3);
      return out;
    };
    const shuffled = new TimelineAccumulator(3);
    shuffled.add(5, 4, chunk(5, 9));
    shuffled.add(2, 3, chunk(2, 5));
    expect(shuffled.next).toBe(0);
    expect(shuffled.waiting).toBe(2);
    shuffled.add(0, 2, chunk(0, 2));
    expect(shuffled.next).toBe(9);
    expect(shuffled.waiting).toBe(0);
    expect(shuffled.sum).toEqual(inOrder.sum);
    // And that order is the plain left-to-right sum.
    let s = 0;
    for (let k = 0; k < 9; k++) s += rows[k]![0]!;
    expect(shuffled.sum[0]).toBe(s);
  });
});
