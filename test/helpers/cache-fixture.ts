// A small model with a restricted holding and a restricted party, and viewers of each visibility class, for the cache
// tests.
import { validateModel } from '../../src/model/validate.js';
import type { Viewer } from '../../src/domain/viewer.js';
import type { Model } from '../../src/model/schema.js';

export const ANON: Viewer = { role: 'viewer', party: null, subject: 'anon', admin: false };
export const NGO: Viewer = { role: 'planner', party: 'p-ngo', subject: 'ngo', admin: false };
export const SECRET: Viewer = { role: 'planner', party: 'p-secret', subject: 'secret', admin: false };

export const MODEL = () =>
  validateModel({
    scenarios: [{ id: 'sc-flood', name: 'Flood', likelihoodClass: 'B' }],
    tasks: [{ id: 't-shelter', name: 'Shelter', phase: 'aftercare' }],
    capabilities: [
      { id: 'c-beds', name: 'Beds', unit: 'beds' },
      { id: 'c-radios', name: 'Radios', unit: 'sets' },
    ],
    threats: [{ id: 'threat-flood', name: 'Flood' }],
    parties: [
      { id: 'p-min', name: 'Ministry', kind: 'ministry' },
      { id: 'p-ngo', name: 'Red Cross', kind: 'ngo' },
      {
        id: 'p-secret',
        name: 'Secret service',
        kind: 'other-government',
        classification: 'restricted',
        owner: 'p-secret',
      },
    ],
    requirements: [{ scenario: 'sc-flood', task: 't-shelter', demand: 300 }],
    needs: [{ task: 't-shelter', capability: 'c-beds', perUnit: 1 }],
    holdings: [
      { party: 'p-min', capability: 'c-beds', capacity: 200 },
      { party: 'p-ngo', capability: 'c-beds', capacity: 50, readiness: 0.5, classification: 'restricted' },
      { party: 'p-min', capability: 'c-radios', capacity: 5 },
      { party: 'p-secret', capability: 'c-radios', capacity: 100 },
    ],
    responsibilities: [{ party: 'p-min', target: 'threat-flood', role: 'lead' }],
  }) as Model;
