// Regions, travel times and escalation thresholds in the format: accepted when sound, refused with named messages.
import { describe, expect, it } from 'vitest';
import { validateModel } from '../../src/model/validate.js';
import { ValidationError } from '../../src/domain/errors.js';

const base = () => ({
  sectors: [{ id: 'energy', name: 'Energie' }],
  services: [
    { id: 'power', name: 'Electricity', sector: 'energy', escalationThreshold: 0.5 } as Record<string, unknown>,
  ],
  regions: [
    { id: 'r-north', name: 'North', lat: 53.2, lon: 6.57 },
    { id: 'r-south', name: 'South', lat: 51.44, lon: 5.47 },
  ] as Record<string, unknown>[],
  parties: [{ id: 'p', name: 'Party', kind: 'safety-region', region: 'r-north' } as Record<string, unknown>],
  capabilities: [{ id: 'pumps', name: 'Pumps', unit: 'pumps' }],
  holdings: [{ party: 'p', capability: 'pumps', capacity: 3, region: 'r-south' } as Record<string, unknown>],
  scenarios: [{ id: 'flood', name: 'Flood', regions: ['r-south'] } as Record<string, unknown>],
  travelTimes: [{ from: 'r-north', to: 'r-south', hours: 3 }] as Record<string, unknown>[],
});

function problems(input: unknown): string[] {
  try {
    validateModel(input);
  } catch (e) {
    expect(e).toBeInstanceOf(ValidationError);
    return (e as ValidationError).problems.map((p) => `${p.item}|${p.field}|${p.message}`);
  }
  return [];
}

describe('regions in the format', () => {
  it('accepts regions on parties, holdings and scenarios, travel times and an escalation threshold', () => {
    const m = validateModel(base());
    expect(m.regions.map((r) => r.id)).toEqual(['r-north', 'r-south']);
    expect(m.parties[0]!.region).toBe('r-north');
    expect(m.holdings[0]!.region).toBe('r-south');
    expect(m.scenarios[0]!.regions).toEqual(['r-south']);
    expect(m.travelTimes).toEqual([{ from: 'r-north', to: 'r-south', hours: 3 }]);
    expect(m.services[0]!.escalationThreshold).toBe(0.5);
    expect(validateModel({ sectors: [] }).travelTimes).toEqual([]);
  });

  it('names an unknown region on a party, a holding, a scenario and a travel time', () => {
    const m = base();
    m.parties[0]!.region = 'r-west';
    m.holdings[0]!.region = 'pumps';
    m.scenarios[0]!.regions = ['r-south', 'r-east'];
    m.travelTimes[0]!.to = 'r-nowhere';
    expect(problems(m).sort()).toEqual([
      'holdings[0] (p→pumps)|region|"pumps" is in capabilities, expected regions',
      'parties[0] (id "p")|region|unknown region "r-west"',
      'scenarios[0] (id "flood")|regions[1]|unknown region "r-east"',
      'travelTimes[0] (r-north→r-nowhere)|to|unknown region "r-nowhere"',
    ]);
  });

  it('refuses a negative travel time, a pair given twice and a travel time within one region', () => {
    const m = base();
    m.travelTimes = [
      { from: 'r-north', to: 'r-south', hours: -2 },
      { from: 'r-south', to: 'r-north', hours: 2 },
      { from: 'r-south', to: 'r-south', hours: 1 },
    ];
    expect(problems(m)).toEqual(['travelTimes[0] (r-north→r-south)|hours|must be ≥ 0, got -2']);
    m.travelTimes[0]!.hours = 2;
    expect(problems(m)).toEqual([
      'travelTimes[1] (r-south→r-north)||duplicate of travelTimes[0] (travel times hold both ways)',
      'travelTimes[2] (r-south→r-south)|to|a travel time within one region is 0; give two different regions',
    ]);
    m.travelTimes = [
      { from: 'r-north', to: 'r-south', hours: 2 },
      { from: 'r-north', to: 'r-south', hours: 3 },
    ];
    expect(problems(m)).toEqual(['travelTimes[1] (r-north→r-south)||duplicate of travelTimes[0]']);
  });

  it('refuses an escalation threshold outside (0, 1] and coordinates out of range', () => {
    for (const bad of [0, -0.1, 1.5]) {
      const m = base();
      m.services[0]!.escalationThreshold = bad;
      expect(problems(m)).toEqual([`services[0] (id "power")|escalationThreshold|must be in (0, 1], got ${bad}`]);
    }
    const m = base();
    m.services[0]!.escalationThreshold = 1;
    expect(problems(m)).toEqual([]);
    m.regions[0]!.lat = 91;
    expect(problems(m)).toEqual(['regions[0] (id "r-north")|lat|must be a latitude in [-90, 90], got 91']);
  });

  it('keeps ids unique across regions and other nodes', () => {
    const m = base();
    m.regions[1]!.id = 'p';
    expect(problems(m)).toContain('regions[1] (id "p")|id|duplicate id, already used by a node in parties');
  });
});
