// A small hand-computed planning model for the portfolio tests.
import type { ModelInput } from '../../src/model/schema.js';

/**
 * One criterion (weight 1, class-E bound 10), so u = perUnitHour / 10. Capability a: u = 0.1, required 10 in s1
 * (likelihood 0.5), 4 held → shortfall 6. Capability b: u = 0.2, required 2 in s1 and 4 in s2 (likelihood absent: 1),
 * held 1 at readiness 0.5 → shortfall 1.5 and 3.5. One service that nothing disrupts, so the simulation runs.
 */
export function portfolioModel(measures: ModelInput['measures'], effects: ModelInput['effects']): ModelInput {
  return {
    vitalInterests: [{ id: 'vi', name: 'VI' }],
    impactCriteria: [{ id: 'k', name: 'K', vitalInterest: 'vi', unit: 'u', thresholds: [1, 2, 3, 4, 10], weight: 1 }],
    scenarios: [
      { id: 's1', name: 'S1', likelihood: 0.5 },
      { id: 's2', name: 'S2' },
    ],
    sectors: [{ id: 'sec', name: 'Sector' }],
    services: [{ id: 'svc', name: 'Service', sector: 'sec' }],
    tasks: [
      { id: 't1', name: 'T1', phase: 'response' },
      { id: 't2', name: 'T2', phase: 'response' },
    ],
    capabilities: [
      { id: 'a', name: 'A', unit: 'x' },
      { id: 'b', name: 'B', unit: 'y' },
    ],
    parties: [
      { id: 'p1', name: 'P1', kind: 'ministry' },
      { id: 'p2', name: 'P2', kind: 'company' },
    ],
    requirements: [
      { scenario: 's1', task: 't1', demand: 10 },
      { scenario: 's1', task: 't2', demand: 1 },
      { scenario: 's2', task: 't2', demand: 2 },
    ],
    needs: [
      { task: 't1', capability: 'a', perUnit: 1 },
      { task: 't2', capability: 'b', perUnit: 2 },
    ],
    holdings: [
      { party: 'p1', capability: 'a', capacity: 4 },
      { party: 'p2', capability: 'b', capacity: 1, readiness: 0.5 },
    ],
    consequences: [
      { from: 'a', criterion: 'k', perUnitHour: 1 },
      { from: 'b', criterion: 'k', perUnitHour: 2 },
    ],
    measures,
    effects,
  };
}

export const measure = (id: string, costOneOff: number, costPerYear = 0) => ({
  id,
  name: id,
  lead: 'p1',
  instrument: 'investment' as const,
  costOneOff,
  costPerYear,
});

/** m1, m2: +5 on a (held at readiness 1), cost 5 each; m3: +3 on a by p2, a new holding, cost 3. */
export const SATURATING: ModelInput = portfolioModel(
  [measure('m1', 5), measure('m2', 5), measure('m3', 3)],
  [
    { measure: 'm1', party: 'p1', capability: 'a', capacityDelta: 5 },
    { measure: 'm2', party: 'p1', capability: 'a', capacityDelta: 5 },
    { measure: 'm3', party: 'p2', capability: 'a', capacityDelta: 3 },
  ],
);
