// A small hand-made model for the simulated sections of the reports: every figure can be worked out by hand.
import { validateModel } from '../../src/model/validate.js';
import type { Model } from '../../src/model/schema.js';

const T = [1, 10, 100, 1000, 10000];

/**
 * Blackout (likelihood 0.1): power 0.8 inoperable for 72 h (recovery 0.2 per hour, so its mean q peaks at 80,0 % in
 * hour 72 and is back to 0 % by hour 168); water depends on power at 0.5; the restricted "Geheime dienst" at 1.
 * Generators: demand 5 against 3 held at readiness 1, so a shortfall of 2 in every hour of every iteration
 * (probability 100 %); its consequence of 1 M€ per unit-hour gives 2 × 168 = 336 M€ (class C, score
 * 3 + 236/900 = 3,2622), all avoided when generators are topped up. Pumps: 4 against 4, never short.
 * Portfolio (u = 1 × 1 / 10000 per unit-hour, p = 0.1): m-gen-small (+2, €10 million) closes the gap, V = 2e-5;
 * m-gen-big (+5) costs €30 million; m-pumps adds to a capability with no gap (V = 0). With €20 million the public
 * portfolio is {m-gen-small}, core under every weight set. The restricted m-secret (€2 million) closes the restricted
 * capability's gap of 3 (V = 3e-5): the full portfolio is {m-gen-small, m-secret}, V = 5e-5.
 */
export const PLANNING_MODEL = (): Model =>
  validateModel({
    name: 'planning-fixture',
    vitalInterests: [{ id: 'vi-economic', name: 'Economische veiligheid' }],
    impactCriteria: [
      { id: 'costs', code: '3.1', name: 'Kosten', vitalInterest: 'vi-economic', unit: 'M€', thresholds: T, weight: 1 },
      {
        id: 'secret-crit',
        code: 'G-1',
        name: 'Geheim criterium',
        vitalInterest: 'vi-economic',
        unit: 'x',
        thresholds: T,
        weight: 1,
        classification: 'restricted',
        owner: 'p-grid',
      },
    ],
    sectors: [{ id: 'energy', name: 'Energie' }],
    services: [
      { id: 'power', name: 'Elektriciteit', sector: 'energy', recoveryRate: 0.2 },
      { id: 'water', name: 'Drinkwater', sector: 'energy', recoveryRate: 0.2 },
      {
        id: 'secret-svc',
        name: 'Geheime dienst',
        sector: 'energy',
        recoveryRate: 0.2,
        classification: 'restricted',
        owner: 'p-grid',
      },
    ],
    dependencies: [
      { from: 'water', to: 'power', strength: 0.5 },
      { from: 'secret-svc', to: 'power', strength: 1 },
    ],
    scenarios: [{ id: 'blackout', name: 'Langdurige stroomuitval', likelihood: 0.1 }],
    disruptions: [{ scenario: 'blackout', service: 'power', inoperability: 0.8, durationHours: 72 }],
    scores: [{ scenario: 'blackout', criterion: 'costs', value: 500 }],
    tasks: [
      { id: 'restore', name: 'Stroom herstellen', phase: 'response' },
      { id: 'pump', name: 'Water pompen', phase: 'response' },
      { id: 'guard', name: 'Bewaken', phase: 'response', classification: 'restricted', owner: 'p-grid' },
    ],
    capabilities: [
      { id: 'generators', name: 'Noodstroomaggregaten', unit: 'units' },
      { id: 'pumps', name: 'Noodpompen', unit: 'units' },
      { id: 'secret-cap', name: 'Geheime capaciteit', unit: 'teams', classification: 'restricted', owner: 'p-grid' },
    ],
    parties: [
      { id: 'p-grid', name: 'Netbeheerder Hoogspanning', kind: 'company' },
      { id: 'p-water', name: 'Waterbedrijf West', kind: 'company' },
    ],
    requirements: [
      { scenario: 'blackout', task: 'restore', demand: 5 },
      { scenario: 'blackout', task: 'pump', demand: 4 },
      { scenario: 'blackout', task: 'guard', demand: 3 },
    ],
    needs: [
      { task: 'restore', capability: 'generators', perUnit: 1 },
      { task: 'pump', capability: 'pumps', perUnit: 1 },
      { task: 'guard', capability: 'secret-cap', perUnit: 1 },
    ],
    holdings: [
      { party: 'p-grid', capability: 'generators', capacity: 3, readiness: 1 },
      { party: 'p-water', capability: 'pumps', capacity: 4, readiness: 1 },
    ],
    consequences: [
      { from: 'generators', criterion: 'costs', perUnitHour: 1 },
      { from: 'secret-cap', criterion: 'costs', perUnitHour: 1 },
      { from: 'power', criterion: 'secret-crit', perUnitHour: 10 },
    ],
    measures: [
      {
        id: 'm-gen-small',
        name: 'Aggregaten bijkopen',
        lead: 'p-grid',
        instrument: 'investment',
        costOneOff: 10_000_000,
        leadTimeMonths: 3,
      },
      {
        id: 'm-gen-big',
        name: 'Aggregatenpark',
        lead: 'p-grid',
        instrument: 'investment',
        costOneOff: 30_000_000,
        leadTimeMonths: 12,
      },
      {
        id: 'm-pumps',
        name: 'Extra pompen',
        lead: 'p-water',
        instrument: 'organisation',
        costOneOff: 1_000_000,
        costPerYear: 250_000,
      },
      {
        id: 'm-secret',
        name: 'Geheime maatregel',
        lead: 'p-grid',
        instrument: 'organisation',
        costOneOff: 2_000_000,
        classification: 'restricted',
        owner: 'p-grid',
      },
    ],
    effects: [
      { measure: 'm-gen-small', party: 'p-grid', capability: 'generators', capacityDelta: 2 },
      { measure: 'm-gen-big', party: 'p-grid', capability: 'generators', capacityDelta: 5 },
      { measure: 'm-pumps', party: 'p-water', capability: 'pumps', capacityDelta: 10 },
      { measure: 'm-secret', party: 'p-grid', capability: 'secret-cap', capacityDelta: 3 },
    ],
  });
