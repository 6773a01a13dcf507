// A small hand-made model for the report tests: numbers chosen so that scores and gaps can be computed by hand.
import { validateModel } from '../../src/model/validate.js';
import type { Model } from '../../src/model/schema.js';

const T = [1, 10, 100, 1000, 10000];

/**
 * Risk (weighted sum, equal weights): cyber D(4) × mean(0, 5 → 2.5) = 10; sabotage C(3) × mean(2, 2) = 6;
 * flood B(2) × mean(3, 1) = 4. Boats: required 100 (flood) against 40 × 0.5 = 20 held: shortfall 80.
 * sabotage is restricted to p-min; p-vws leads cooling but nobody holds it.
 */
export const REPORT_MODEL = (): Model =>
  validateModel({
    name: 'report-fixture',
    vitalInterests: [
      { id: 'vi-physical', name: 'Fysieke veiligheid' },
      { id: 'vi-economic', name: 'Economische veiligheid' },
    ],
    impactCriteria: [
      {
        id: 'fatalities',
        code: '2.1',
        name: 'Doden',
        vitalInterest: 'vi-physical',
        unit: 'persons',
        thresholds: T,
        weight: 1,
      },
      { id: 'costs', code: '3.1', name: 'Kosten', vitalInterest: 'vi-economic', unit: 'M€', thresholds: T, weight: 1 },
    ],
    threats: [
      { id: 'th-nature', name: 'Natuurrampen' },
      { id: 'th-digital', name: 'Digitale onveiligheid' },
    ],
    incidentCategories: [
      { id: 'ic-flood', name: 'Overstroming', threats: ['th-nature'] },
      { id: 'ic-cyber', name: 'Cyberaanval', threats: ['th-digital'] },
    ],
    scenarios: [
      { id: 'flood', name: 'Overstroming Kust', incidentCategory: 'ic-flood', likelihoodClass: 'B', horizon: 'long' },
      { id: 'cyber', name: 'Aanval op betalingsverkeer', incidentCategory: 'ic-cyber', likelihood: 0.3 },
      {
        id: 'sabotage',
        name: 'Geheime sabotage',
        incidentCategory: 'ic-cyber',
        likelihoodClass: 'C',
        classification: 'restricted',
        owner: 'p-min',
      },
    ],
    scores: [
      { scenario: 'flood', criterion: 'fatalities', value: 100 },
      { scenario: 'flood', criterion: 'costs', value: 1 },
      { scenario: 'cyber', criterion: 'fatalities', value: 0 },
      { scenario: 'cyber', criterion: 'costs', value: 10000 },
      { scenario: 'sabotage', criterion: 'fatalities', value: 10 },
      { scenario: 'sabotage', criterion: 'costs', value: 10 },
    ],
    tasks: [
      { id: 'evacuate', name: 'Evacueren', phase: 'response' },
      { id: 'cool', name: 'Koelen', phase: 'response' },
    ],
    capabilities: [
      { id: 'boats', name: 'Reddingsboten', unit: 'boats' },
      { id: 'cooling', name: 'Koelcentra', unit: 'centres' },
    ],
    parties: [
      { id: 'p-min', name: 'Ministerie van Binnenlandse Zaken', kind: 'ministry' },
      { id: 'p-vws', name: 'Ministerie van Volksgezondheid', kind: 'ministry' },
      { id: 'p-other', name: 'Veiligheidsregio Zeeland', kind: 'safety-region' },
    ],
    requirements: [
      { scenario: 'flood', task: 'evacuate', demand: 100 },
      { scenario: 'cyber', task: 'cool', demand: 5 },
    ],
    needs: [
      { task: 'evacuate', capability: 'boats', perUnit: 1 },
      { task: 'cool', capability: 'cooling', perUnit: 1 },
    ],
    holdings: [{ party: 'p-min', capability: 'boats', capacity: 40, readiness: 0.5 }],
    responsibilities: [
      { party: 'p-min', target: 'boats', role: 'lead' },
      { party: 'p-vws', target: 'cooling', role: 'lead' },
      { party: 'p-min', target: 'sabotage', role: 'lead' },
    ],
  });
