// Arrival times and escalation in the cascade, on deterministic models worked out by hand.
import { describe, expect, it } from 'vitest';
import type { ModelInput } from '../../src/model/schema.js';
import { validateModel } from '../../src/model/validate.js';
import { generateModel } from '../../src/simulation/generate.js';
import { runSimulation, type SimulationResult } from '../../src/simulation/run.js';
import { binomialTolerance, model } from './helpers.js';

const sectors = [{ id: 'energy', name: 'Energie' }];
const regions = [
  { id: 'ra', name: 'A', lat: 52, lon: 5 },
  { id: 'rb', name: 'B', lat: 53, lon: 5 },
];

function located(extra: Partial<ModelInput>) {
  return model({
    sectors,
    services: [{ id: 'power', name: 'Electricity', sector: 'energy', recoveryRate: 1 }],
    scenarios: [{ id: 'flood', name: 'Flood', regions: ['ra'] }],
    disruptions: [{ scenario: 'flood', service: 'power', inoperability: 1 }],
    tasks: [{ id: 'pump', name: 'Pumping', phase: 'response' }],
    capabilities: [{ id: 'pumps', name: 'Pumps', unit: 'pumps' }],
    parties: [{ id: 'far', name: 'Far region', kind: 'safety-region', region: 'rb' }],
    requirements: [{ scenario: 'flood', task: 'pump', demand: 10 }],
    needs: [{ task: 'pump', capability: 'pumps', perUnit: 1 }],
    regions,
    ...extra,
  });
}
const pumps = async (m: ReturnType<typeof located>) =>
  (await runSimulation(m, { scenario: 'flood', iterations: 1, seed: 1, workers: 1, horizonHours: 10 }))
    .capabilities[0]!;

describe('arrival in the cascade', () => {
  it('counts a holder from mobilisation plus an explicit travel time on', async () => {
    // arrives at 1 + 3 = 4 h: 10 short at steps 0–3, 40 unit-hours
    const p = await pumps(
      located({
        holdings: [{ party: 'far', capability: 'pumps', capacity: 10, mobilisationHours: 1 }],
        travelTimes: [{ from: 'rb', to: 'ra', hours: 3 }],
      }),
    );
    expect(p.shortfallUnitHours.mean).toBe(40);
  });

  it('derives a missing travel time from the centroids (one degree of latitude: 2.41 h)', async () => {
    // arrives at 2.41 h, i.e. from step 3: 30 unit-hours; with mobilisation 1 h, from step 4
    const near = await pumps(located({ holdings: [{ party: 'far', capability: 'pumps', capacity: 10 }] }));
    expect(near.shortfallUnitHours.mean).toBe(30);
    expect(
      (
        await pumps(
          located({
            holdings: [{ party: 'far', capability: 'pumps', capacity: 10, mobilisationHours: 1 }],
          }),
        )
      ).shortfallUnitHours.mean,
    ).toBe(40);
  });

  it('counts capacity in the affected region, or without a region, from mobilisation on', async () => {
    expect(
      (
        await pumps(
          located({
            holdings: [{ party: 'far', capability: 'pumps', capacity: 10, mobilisationHours: 1, region: 'ra' }],
          }),
        )
      ).shortfallUnitHours.mean,
    ).toBe(10);
    expect(
      (
        await pumps(
          located({
            parties: [{ id: 'far', name: 'National', kind: 'ministry' }],
            holdings: [{ party: 'far', capability: 'pumps', capacity: 10, mobilisationHours: 2 }],
          }),
        )
      ).shortfallUnitHours.mean,
    ).toBe(20);
  });
});

function escalating(horizonHours: number, iterations = 1) {
  // power: q(t+1) = q + 0.5 (0.8 − q): 0, 0.4, 0.6, 0.7, 0.75 … → 0.8; first ≥ 0.65 at hour 3.
  // hospital follows power one step later when its dependency transmits (probability 0.5): first ≥ 0.5 at hour 3.
  // water is never disrupted: its threshold is never reached.
  const m = model({
    sectors,
    services: [
      { id: 'power', name: 'Electricity', sector: 'energy', recoveryRate: 0.5, escalationThreshold: 0.65 },
      { id: 'hospital', name: 'Hospital care', sector: 'energy', recoveryRate: 1, escalationThreshold: 0.5 },
      { id: 'water', name: 'Drinking water', sector: 'energy', recoveryRate: 1, escalationThreshold: 0.1 },
      { id: 'gas', name: 'Gas', sector: 'energy' },
    ],
    dependencies: [{ from: 'hospital', to: 'power', strength: 1, probability: 0.5 }],
    scenarios: [{ id: 'blackout', name: 'Blackout' }],
    disruptions: [{ scenario: 'blackout', service: 'power', inoperability: 0.8 }],
  });
  return runSimulation(m, { scenario: 'blackout', iterations, seed: 'esc', workers: 1, horizonHours });
}

describe('escalation', () => {
  it('reports, per service with a threshold, the probability of crossing and the first crossing hour', async () => {
    const r = await escalating(24, 2000);
    expect(r.escalations.map((e) => e.id)).toEqual(['power', 'hospital', 'water']);
    const [power, hospital, water] = r.escalations;
    expect(power).toEqual({
      id: 'power',
      threshold: 0.65,
      probabilityCrossed: 1,
      firstHour: { mean: 3, p50: 3, p90: 3, p99: 3 },
      distribution: [{ hour: 3, probability: 1 }],
    });
    expect(Math.abs(hospital!.probabilityCrossed - 0.5)).toBeLessThan(binomialTolerance(0.5, 2000));
    expect(hospital!.firstHour).toEqual({ mean: 3, p50: 3, p90: 3, p99: 3 });
    expect(hospital!.distribution).toEqual([{ hour: 3, probability: hospital!.probabilityCrossed }]);
    expect(water).toEqual({ id: 'water', threshold: 0.1, probabilityCrossed: 0, firstHour: null, distribution: [] });
  });

  it('counts a crossing in the final state and none beyond the horizon', async () => {
    expect((await escalating(3)).escalations[0]!.probabilityCrossed).toBe(1);
    expect((await escalating(2)).escalations[0]).toMatchObject({ probabilityCrossed: 0, firstHour: null });
  });

  it('gives no escalations for a model without thresholds', async () => {
    const m = validateModel(generateModel({ services: 20, dependencies: 40, seed: 'plain' }));
    const r = await runSimulation(m, { scenario: 'generated', iterations: 5, seed: 1, workers: 1 });
    expect(r.escalations).toEqual([]);
  });
});

describe('regions and escalation with workers', () => {
  it('gives bit-identical results with 1 and 2 workers', async () => {
    const input = generateModel({ services: 200, dependencies: 900, seed: 'regions' }) as ModelInput;
    input.regions = regions;
    input.services = input.services!.map((s, i) =>
      i % 7 === 0 ? { ...s, escalationThreshold: 0.02 + (i % 5) / 50 } : s,
    );
    input.scenarios = input.scenarios!.map((s) => ({ ...s, regions: ['ra'] }));
    input.parties = input.parties?.map((p, i) => (i % 2 === 0 ? { ...p, region: 'rb' } : p));
    const m = validateModel(input);
    const options = { scenario: 'generated', iterations: 60, seed: 'same', counterfactual: 'close-gaps' as const };
    const comparable = (r: SimulationResult) => {
      const { elapsedMs: _e, workers: _w, ...meta } = r.meta;
      return { ...r, meta };
    };
    const one = await runSimulation(m, { ...options, workers: 1 });
    const two = await runSimulation(m, { ...options, workers: 2 });
    expect(comparable(two)).toEqual(comparable(one));
    expect(one.escalations.some((e) => e.probabilityCrossed > 0 && e.probabilityCrossed < 1)).toBe(true);
  });
});
