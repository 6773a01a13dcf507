// Time in the cascade: delays shift a dependent service's trajectory, shocks start and end on the hour, steps of more
// than an hour.
import { describe, expect, it } from 'vitest';
import { recoveryPerStep } from '../../src/simulation/compile.js';
import { runSimulation } from '../../src/simulation/run.js';
import { model } from './helpers.js';

const base = (delayHours: number, disruption: Record<string, unknown> = {}) =>
  model({
    sectors: [{ id: 'energy', name: 'Energie' }],
    services: [
      { id: 'power', name: 'Electricity', sector: 'energy', recoveryRate: 0.2 },
      { id: 'water', name: 'Drinking water', sector: 'energy', recoveryRate: 0.3 },
    ],
    dependencies: [{ from: 'water', to: 'power', strength: 0.5, delayHours }],
    scenarios: [{ id: 'blackout', name: 'Long power outage' }],
    disruptions: [{ scenario: 'blackout', service: 'power', inoperability: 0.8, ...disruption }],
  });

async function finalAt(m: ReturnType<typeof base>, horizonHours: number, stepHours = 1) {
  const r = await runSimulation(m, {
    scenario: 'blackout',
    iterations: 1,
    seed: 1,
    workers: 1,
    horizonHours,
    stepHours,
  });
  return Object.fromEntries(r.services.map((s) => [s.id, s.finalInoperability.mean]));
}

describe('timing', () => {
  it('shifts a delayed dependency by exactly its delay', async () => {
    const delayed = base(5);
    const immediate = base(0);
    for (let h = 1; h <= 30; h++) {
      const late = (await finalAt(delayed, h)).water;
      // q_water(h) with a 5-hour delay is q_water(h − 5) without one, to the last bit; before that nothing arrives.
      expect(late).toBe(h <= 5 ? 0 : (await finalAt(immediate, h - 5)).water);
    }
  });

  it('applies a shock from its start hour for its duration only', async () => {
    const m = base(0, { startHour: 3, durationHours: 2 });
    expect((await finalAt(m, 3)).power).toBe(0);
    // Active at steps 3 and 4: q(4) = 0.2·0.8, q(5) = q(4) + 0.2(0.8 − q(4)).
    expect((await finalAt(m, 4)).power).toBeCloseTo(0.16, 12);
    expect((await finalAt(m, 5)).power).toBeCloseTo(0.16 + 0.2 * (0.8 - 0.16), 12);
    // After the shock: recovery towards 0 at the same rate.
    expect((await finalAt(m, 6)).power).toBeCloseTo(0.288 * 0.8, 12);
  });

  it('keeps the pinned per-hour recovery coefficient at one-hour steps and compounds it for longer steps', () => {
    expect(recoveryPerStep(0.2, 1)).toBe(0.2);
    expect(recoveryPerStep(0.2, 2)).toBeCloseTo(1 - 0.8 * 0.8, 15);
    expect(recoveryPerStep(1, 3)).toBe(1);
  });

  it('recovers by the same factor per hour at 2-hour steps as at 1-hour steps', async () => {
    // Shock on for 4 h, then pure recovery: (1 − k)^t holds exactly whatever the step, given the compounded k.
    const m = base(0, { durationHours: 4 });
    const hourly = await finalAt(m, 12, 1);
    const twoHourly = await finalAt(m, 12, 2);
    // Both start recovering from different levels (the rise is discretised differently), so compare the decay ratio.
    const hourlyLater = await finalAt(m, 16, 1);
    const twoHourlyLater = await finalAt(m, 16, 2);
    expect(hourlyLater.power! / hourly.power!).toBeCloseTo(0.8 ** 4, 12);
    expect(twoHourlyLater.power! / twoHourly.power!).toBeCloseTo(0.8 ** 4, 12);
  });

  it('rounds a delay to whole steps', async () => {
    // 3 h at 2-hour steps → round(1.5) = 2 steps = 4 h, the same as a 4-hour delay.
    expect(await finalAt(base(3), 20, 2)).toEqual(await finalAt(base(4), 20, 2));
  });
});
