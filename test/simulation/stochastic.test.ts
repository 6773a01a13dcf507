// Uncertain dependencies: each transmits with its probability, decided once per iteration.
import { describe, expect, it } from 'vitest';
import { runSimulation } from '../../src/simulation/run.js';
import { binomialTolerance, model, oneIteration } from './helpers.js';

const sector = [{ id: 'energy', name: 'Energie' }];
const svc = (id: string, recoveryRate = 0.5) => ({ id, name: id, sector: 'energy', recoveryRate });

describe('stochastic dependencies', () => {
  it('disrupts a dependent service in the share of iterations given by the edge probability', async () => {
    const p = 0.3;
    const n = 4000;
    const m = model({
      sectors: sector,
      services: [svc('power'), svc('water')],
      dependencies: [{ from: 'water', to: 'power', strength: 0.5, probability: p }],
      scenarios: [{ id: 'blackout', name: 'Blackout' }],
      disruptions: [{ scenario: 'blackout', service: 'power', inoperability: 0.8 }],
    });
    const r = await runSimulation(m, { scenario: 'blackout', iterations: n, seed: 'edge', workers: 1 });
    const water = r.services.find((s) => s.id === 'water')!;
    expect(Math.abs(water.probabilityDisrupted - p)).toBeLessThan(binomialTolerance(p, n));
    expect(r.services.find((s) => s.id === 'power')!.probabilityDisrupted).toBe(1);
  });

  it('disrupts a service fed by two uncertain paths with probability 1 − (1 − p1)(1 − p2)', async () => {
    const [p1, p2] = [0.2, 0.35];
    const n = 4000;
    const m = model({
      sectors: sector,
      services: [svc('power'), svc('telecom'), svc('payments')],
      dependencies: [
        { from: 'payments', to: 'power', strength: 0.4, probability: p1 },
        { from: 'payments', to: 'telecom', strength: 0.4, probability: p2 },
      ],
      scenarios: [{ id: 'outage', name: 'Outage' }],
      disruptions: [
        { scenario: 'outage', service: 'power', inoperability: 0.9 },
        { scenario: 'outage', service: 'telecom', inoperability: 0.9 },
      ],
    });
    const r = await runSimulation(m, { scenario: 'outage', iterations: n, seed: 'paths', workers: 1 });
    const expected = 1 - (1 - p1) * (1 - p2);
    const payments = r.services.find((s) => s.id === 'payments')!;
    expect(Math.abs(payments.probabilityDisrupted - expected)).toBeLessThan(binomialTolerance(expected, n));
  });

  it('draws each activation once per iteration: a dependent service follows one of only two trajectories', () => {
    const m = model({
      sectors: sector,
      services: [svc('power', 0.2), svc('water', 0.2)],
      dependencies: [{ from: 'water', to: 'power', strength: 0.5, probability: 0.5 }],
      scenarios: [{ id: 'blackout', name: 'Blackout' }],
      disruptions: [{ scenario: 'blackout', service: 'power', inoperability: 0.8 }],
    });
    const peaks = new Set<number>();
    for (let index = 0; index < 200; index++)
      peaks.add(oneIteration(m, { scenario: 'blackout', index }).ws.servicePeak[1]!);
    // Redrawn per step, the water supply's peak would differ from iteration to iteration.
    expect(peaks.size).toBe(2);
    expect(peaks.has(0)).toBe(true);
  });

  it('makes a dependency with probability 0 never transmit and with probability 1 always', async () => {
    const m = model({
      sectors: sector,
      services: [svc('power'), svc('water'), svc('food')],
      dependencies: [
        { from: 'water', to: 'power', strength: 0.5, probability: 0 },
        { from: 'food', to: 'power', strength: 0.5, probability: 1 },
      ],
      scenarios: [{ id: 'blackout', name: 'Blackout' }],
      disruptions: [{ scenario: 'blackout', service: 'power', inoperability: 0.8 }],
    });
    const r = await runSimulation(m, { scenario: 'blackout', iterations: 300, seed: 3, workers: 1 });
    expect(r.services.find((s) => s.id === 'water')!.peakInoperability.p99).toBe(0);
    expect(r.services.find((s) => s.id === 'food')!.probabilityDisrupted).toBe(1);
  });
});
