// Capabilities in the cascade: demand from planning assumptions and triggers, holders, coverage, mitigation, impact,
// closing gaps.
import { describe, expect, it } from 'vitest';
import type { ModelInput } from '../../src/model/schema.js';
import { runSimulation } from '../../src/simulation/run.js';
import { binomialTolerance, model } from './helpers.js';

const sectors = [{ id: 'energy', name: 'Energie' }];
const services = [
  // recoveryRate 1: the power grid follows its shock at once, so the hand computations stay short.
  { id: 'power', name: 'Electricity', sector: 'energy', recoveryRate: 1 },
  { id: 'hospital', name: 'Hospital care', sector: 'energy', recoveryRate: 1 },
];
const scenarios = [{ id: 'blackout', name: 'Long power outage' }];
const tasks = [{ id: 'evacuate', name: 'Evacuation', phase: 'response' as const }];
const capabilities = [
  { id: 'generators', name: 'Emergency generators', unit: 'units' },
  { id: 'fuel', name: 'Fuel logistics', unit: 'trucks' },
];
const parties = [
  { id: 'defence', name: 'Defensie', kind: 'ministry' as const },
  { id: 'region', name: 'Veiligheidsregio', kind: 'safety-region' as const },
];

function scenario(extra: Partial<ModelInput>) {
  return model({
    sectors,
    services,
    scenarios,
    tasks,
    capabilities,
    parties,
    dependencies: [{ from: 'hospital', to: 'power', strength: 1 }],
    disruptions: [{ scenario: 'blackout', service: 'power', inoperability: 1 }],
    ...extra,
  });
}

const run = (m: ReturnType<typeof scenario>, extra: Record<string, unknown> = {}) =>
  runSimulation(m, { scenario: 'blackout', iterations: 1, seed: 1, workers: 1, horizonHours: 10, ...extra });

describe('capabilities', () => {
  it('falls short by demand minus available capacity', async () => {
    const r = await run(
      scenario({
        requirements: [{ scenario: 'blackout', task: 'evacuate', demand: 10 }],
        needs: [{ task: 'evacuate', capability: 'generators', perUnit: 1 }],
        holdings: [{ party: 'defence', capability: 'generators', capacity: 6 }],
      }),
    );
    const generators = r.capabilities.find((c) => c.id === 'generators')!;
    expect(generators.probabilityShortfall).toBe(1);
    expect(generators.shortfall.mean).toBe(4);
    expect(generators.shortfallUnitHours.mean).toBe(40);
  });

  it('turns a disrupted service into task demand per inoperability-hour', async () => {
    // power: q(0) = 0, then 1; demand = 2 · q · dt, capacity 1 → shortfall 1 from the second step.
    const r = await run(
      scenario({
        triggers: [{ service: 'power', task: 'evacuate', demandPerInoperabilityHour: 2 }],
        needs: [{ task: 'evacuate', capability: 'fuel', perUnit: 1 }],
        holdings: [{ party: 'region', capability: 'fuel', capacity: 1 }],
      }),
    );
    const fuel = r.capabilities.find((c) => c.id === 'fuel')!;
    expect(fuel.shortfall.mean).toBe(1);
    expect(fuel.shortfallUnitHours.mean).toBe(9);
  });

  it('counts a holder only from its mobilisation hour', async () => {
    const holdings = [{ party: 'defence', capability: 'generators', capacity: 10, mobilisationHours: 5 }];
    const m = scenario({
      requirements: [{ scenario: 'blackout', task: 'evacuate', demand: 10 }],
      needs: [{ task: 'evacuate', capability: 'generators', perUnit: 1 }],
      holdings,
    });
    // Hours 0–4 without the generators: 5 h × 10 units.
    expect((await run(m)).capabilities[0]!.shortfallUnitHours.mean).toBe(50);
    // At 2-hour steps the holder counts from the first step at or after hour 5: hour 6; steps 0, 2, 4 short.
    expect((await run(m, { stepHours: 2 })).capabilities[0]!.shortfallUnitHours.mean).toBe(60);
  });

  it('counts a holder as present with its readiness, drawn once per iteration', async () => {
    const readiness = 0.3;
    const n = 3000;
    const m = scenario({
      requirements: [{ scenario: 'blackout', task: 'evacuate', demand: 10 }],
      needs: [{ task: 'evacuate', capability: 'generators', perUnit: 1 }],
      holdings: [{ party: 'defence', capability: 'generators', capacity: 10, readiness }],
    });
    const r = await run(m, { iterations: n, seed: 'readiness' });
    const generators = r.capabilities[0]!;
    expect(Math.abs(generators.probabilityShortfall - (1 - readiness))).toBeLessThan(binomialTolerance(readiness, n));
    // Present or absent for the whole run: the shortfall is all or nothing, never a mix of hours.
    expect(generators.shortfallUnitHours.p90).toBe(100);
    expect(generators.shortfallUnitHours.mean / 100).toBeCloseTo(generators.probabilityShortfall, 12);
  });

  it('mitigates in proportion to coverage: reduction 0.5 at 60 % coverage lets 70 % through', async () => {
    const r = await run(
      scenario({
        requirements: [{ scenario: 'blackout', task: 'evacuate', demand: 10 }],
        needs: [{ task: 'evacuate', capability: 'generators', perUnit: 1 }],
        holdings: [{ party: 'defence', capability: 'generators', capacity: 6 }],
        mitigations: [{ capability: 'generators', service: 'hospital', reduction: 0.5 }],
      }),
    );
    expect(r.services.find((s) => s.id === 'hospital')!.finalInoperability.mean).toBeCloseTo(0.7, 12);
  });

  it('combines two mitigations as 1 − (1 − r1·cov1)(1 − r2·cov2)', async () => {
    // Mitigation-only capabilities (no task needs them): a present holder covers fully.
    const r = await run(
      scenario({
        holdings: [
          { party: 'defence', capability: 'generators', capacity: 1 },
          { party: 'region', capability: 'fuel', capacity: 1 },
        ],
        mitigations: [
          { capability: 'generators', service: 'hospital', reduction: 0.5 },
          { capability: 'fuel', service: 'hospital', reduction: 0.4 },
        ],
      }),
    );
    expect(r.services.find((s) => s.id === 'hospital')!.finalInoperability.mean).toBeCloseTo(0.5 * 0.6, 12);
  });

  it('does not mitigate with a capability nobody holds', async () => {
    const r = await run(scenario({ mitigations: [{ capability: 'generators', service: 'hospital', reduction: 0.9 }] }));
    expect(r.services.find((s) => s.id === 'hospital')!.finalInoperability.mean).toBe(1);
  });
});

describe('impact', () => {
  const criteria = {
    vitalInterests: [{ id: 'physical', name: 'Fysieke veiligheid' }],
    impactCriteria: [
      {
        id: 'casualties',
        name: 'Doden en gewonden',
        vitalInterest: 'physical',
        unit: 'persons',
        thresholds: [100, 200, 400, 800, 1600],
      },
      {
        id: 'unrest',
        name: 'Maatschappelijke onrust',
        vitalInterest: 'physical',
        unit: 'points',
        thresholds: [1, 2, 3, 4, 5],
        weight: 3,
      },
    ],
  };

  it(
    'scores a criterion from inoperability-hours and shortfall-hours, and weighs ' + 'criteria into the total',
    async () => {
      // Hospital: q(0)=0, q(1)=0 (power was 0 at step 0), q(t)=1 from t=2: 8 inoperability-hours in 10 h.
      const r = await run(
        scenario({
          ...criteria,
          requirements: [{ scenario: 'blackout', task: 'evacuate', demand: 10 }],
          needs: [{ task: 'evacuate', capability: 'generators', perUnit: 1 }],
          holdings: [{ party: 'defence', capability: 'generators', capacity: 6 }],
          consequences: [
            { from: 'hospital', criterion: 'casualties', perUnitHour: 50 },
            { from: 'generators', criterion: 'casualties', perUnitHour: 10 },
          ],
        }),
        { iterations: 3 },
      );
      // Mitigation is absent here, so: 50 × 8 + 10 × 4 × 10 = 800 → class D, score 4.
      const casualties = r.criteria.find((c) => c.id === 'casualties')!;
      expect(casualties.mean).toBe(800);
      expect(casualties.classProbabilities).toEqual({ A: 0, B: 0, C: 0, D: 1, E: 0 });
      // Weighted mean of scores 4 (weight 1) and 0 (weight 3).
      expect(r.totalImpact.mean).toBeCloseTo(1, 12);
      expect(r.totalImpact.halfWidth95).toBe(0);
    },
  );

  it('reports the impact avoided by closing each gap, from paired runs on the same draws', async () => {
    const r = await run(
      scenario({
        ...criteria,
        requirements: [{ scenario: 'blackout', task: 'evacuate', demand: 10 }],
        needs: [
          { task: 'evacuate', capability: 'generators', perUnit: 1 },
          { task: 'evacuate', capability: 'fuel', perUnit: 1 },
        ],
        holdings: [
          { party: 'defence', capability: 'generators', capacity: 6 },
          { party: 'region', capability: 'fuel', capacity: 20 },
        ],
        consequences: [{ from: 'generators', criterion: 'casualties', perUnitHour: 10 }],
      }),
      { counterfactual: 'close-gaps' },
    );
    // Shortfall 4 for 10 h × 10 = 400 → class C, score 3; total (3·1 + 0·3)/4 = 0.75; closing the generator gap removes
    // it all.
    expect(r.totalImpact.mean).toBeCloseTo(0.75, 12);
    expect(r.capabilities.find((c) => c.id === 'generators')!.avoidedImpact).toBeCloseTo(0.75, 12);
    expect(r.capabilities.find((c) => c.id === 'fuel')!.avoidedImpact).toBe(0);
    expect(r.allGapsClosed).toEqual({ totalImpactMean: 0, avoidedImpact: 0.75 });
  });

  it('closes a gap through mitigation too: a topped-up capability covers fully', async () => {
    const r = await run(
      scenario({
        ...criteria,
        requirements: [{ scenario: 'blackout', task: 'evacuate', demand: 10 }],
        needs: [{ task: 'evacuate', capability: 'generators', perUnit: 1 }],
        holdings: [{ party: 'defence', capability: 'generators', capacity: 5 }],
        mitigations: [{ capability: 'generators', service: 'hospital', reduction: 1 }],
        consequences: [{ from: 'hospital', criterion: 'casualties', perUnitHour: 100 }],
      }),
      { counterfactual: 'close-gaps' },
    );
    // Half coverage: hospital at 0.5 from hour 2 → 8 × 0.5 × 100 = 400 (score 3, total 0.75); topped up: 0.
    expect(r.criteria[0]!.mean).toBeCloseTo(400, 9);
    expect(r.capabilities[0]!.avoidedImpact).toBeCloseTo(0.75, 9);
  });

  it('gives the same avoided impact for a non-mitigating capability by subtraction as by a full replay', async () => {
    const make = (mitigations: ModelInput['mitigations']) =>
      scenario({
        ...criteria,
        requirements: [{ scenario: 'blackout', task: 'evacuate', demand: 10 }],
        triggers: [{ service: 'hospital', task: 'evacuate', demandPerInoperabilityHour: 7 }],
        needs: [{ task: 'evacuate', capability: 'generators', perUnit: 1 }],
        holdings: [{ party: 'defence', capability: 'generators', capacity: 12, readiness: 0.5, mobilisationHours: 3 }],
        consequences: [
          { from: 'generators', criterion: 'casualties', perUnitHour: 3 },
          { from: 'hospital', criterion: 'unrest', perUnitHour: 0.3 },
        ],
        mitigations,
      });
    const options = { counterfactual: 'close-gaps', iterations: 40, horizonHours: 48 };
    const bySubtraction = await run(make([]), options);
    // A mitigation with reduction 0 changes nothing in the dynamics but makes the engine replay.
    const byReplay = await run(make([{ capability: 'generators', service: 'power', reduction: 0 }]), options);
    expect(bySubtraction.capabilities[0]!.avoidedImpact).toBeGreaterThan(0);
    expect(bySubtraction.capabilities[0]!.avoidedImpact).toBeCloseTo(byReplay.capabilities[0]!.avoidedImpact!, 12);
  });
});
