// Arrival times and timeliness gaps with regions, checked against numbers worked out by hand.
import { describe, expect, it } from 'vitest';
import { capabilityBalance, gapReport, partyPart, type PlanningInput } from '../../src/analysis/balance.js';
import { arrivalHours, greatCircleKm, TravelTimes } from '../../src/analysis/regions.js';

// ra and rb lie on one meridian one degree apart: 6371.0088 km × π/180 = 111.19508 km; × 1.3 road / 60 km/h.
const ONE_DEGREE_KM = (6371.0088 * Math.PI) / 180;
const RA_RB = (ONE_DEGREE_KM * 1.3) / 60; // 2.409227 h
const regions = [
  { id: 'ra', lat: 52, lon: 5 },
  { id: 'rb', lat: 53, lon: 5 },
  { id: 'rc', lat: 52, lon: 6 },
];
const travelTimes = [{ from: 'rc', to: 'ra', hours: 4 }];

describe('travel times', () => {
  const travel = new TravelTimes(regions, travelTimes);
  it('derives a missing pair from the great-circle distance × 1.3 at 60 km/h', () => {
    expect(greatCircleKm(regions[0]!, regions[1]!)).toBeCloseTo(111.19508, 4);
    expect(travel.hours('ra', 'rb')).toBeCloseTo(2.409227, 5);
    expect(travel.hours('rb', 'ra')).toBe(travel.hours('ra', 'rb'));
  });
  it('takes an explicit pair either way, 0 within a region', () => {
    expect(travel.hours('ra', 'rc')).toBe(4);
    expect(travel.hours('rc', 'ra')).toBe(4);
    expect(travel.hours('rb', 'rb')).toBe(0);
  });
  it('arrives after mobilisation plus the travel to the nearest affected region; 0 travel without a region', () => {
    expect(arrivalHours(1, 'ra', ['rb', 'rc'], travel)).toBeCloseTo(1 + RA_RB, 12);
    expect(arrivalHours(1, 'rc', ['ra'], travel)).toBe(5);
    // rc → rb is derived: √(111.2² + (111.2 · cos 52.5°)²) ≈ 130.2 km, 2.82 h by road, nearer than 4 h to ra
    const rcRb = (greatCircleKm(regions[2]!, regions[1]!) * 1.3) / 60;
    expect(arrivalHours(1, 'rc', ['ra', 'rb'], travel)).toBeCloseTo(1 + rcRb, 12);
    expect(greatCircleKm(regions[2]!, regions[1]!)).toBeCloseTo(130.18, 1);
    expect(arrivalHours(2, null, ['ra'], travel)).toBe(2);
    expect(arrivalHours(2, 'ra', null, travel)).toBe(2);
    expect(arrivalHours(2, 'ra', [], travel)).toBe(2);
    expect(arrivalHours(0, 'ra', ['ra', 'rb'], travel)).toBe(0);
  });
});

const input: PlanningInput = {
  scenarios: [
    { id: 'surge', regions: ['ra'] },
    { id: 'quake', regions: ['rb', 'rc'] },
  ],
  tasks: [
    { id: 'pump', phase: 'response' },
    { id: 'decon', phase: 'response' },
  ],
  capabilities: [{ id: 'pumps' }, { id: 'cbrn' }],
  parties: [
    { id: 'pA', partyKind: 'safety-region', region: 'ra' },
    { id: 'pB', partyKind: 'safety-region', region: 'rb' },
    { id: 'pC', partyKind: 'safety-region', region: 'rb' },
    { id: 'min', partyKind: 'ministry' },
    { id: 'vw', partyKind: 'ministry' },
    { id: 'eu', partyKind: 'international' },
  ],
  requirements: [
    { scenario: 'surge', task: 'pump', demand: 16 },
    { scenario: 'quake', task: 'pump', demand: 14 },
    { scenario: 'surge', task: 'decon', demand: 5 },
  ],
  needs: [
    { task: 'pump', capability: 'pumps', perUnit: 1 },
    { task: 'decon', capability: 'cbrn', perUnit: 1 },
  ],
  holdings: [
    { party: 'pA', capability: 'pumps', capacity: 6, mobilisationHours: 1 },
    { party: 'pB', capability: 'pumps', capacity: 5 },
    { party: 'pC', capability: 'pumps', capacity: 3, region: 'rc' },
    { party: 'min', capability: 'pumps', capacity: 4, mobilisationHours: 2 },
    { party: 'eu', capability: 'pumps', capacity: 10, readiness: 0.5, mobilisationHours: 24 },
    { party: 'min', capability: 'cbrn', capacity: 2 },
    { party: 'eu', capability: 'cbrn', capacity: 5, mobilisationHours: 24 },
  ],
  responsibilities: [
    { party: 'vw', target: 'cbrn', role: 'lead' },
    { party: 'min', target: 'pumps', role: 'lead' },
  ],
  targets: [],
  regions,
  travelTimes,
};
const by = (rows: ReturnType<typeof capabilityBalance>) => Object.fromEntries(rows.map((r) => [r.capability, r]));

describe('timeliness gaps with two regions', () => {
  it('without withinHours counts every holder and reports the largest requirement', () => {
    const p = by(capabilityBalance(input)).pumps!;
    expect(p).toMatchObject({ scenario: 'surge', drivingScenario: 'surge', required: 16, available: 23, shortfall: 0 });
    expect(p.availableNational).toBe(18);
    expect(p.availableInternational).toBe(5);
    expect(p.requiredByScenario).toEqual([
      { scenario: 'surge', required: 16, available: 23, shortfall: 0 },
      { scenario: 'quake', required: 14, available: 23, shortfall: 0 },
    ]);
    // arrival at the storm surge (region ra): pB from rb (derived), pC from rc (explicit 4 h)
    const arrival = Object.fromEntries(p.holders.map((h) => [h.party, h.arrivalHours]));
    expect(arrival.pA).toBe(1);
    expect(arrival.pB).toBeCloseTo(RA_RB, 12);
    expect(arrival.pC).toBe(4);
    expect(arrival.min).toBe(2);
    expect(arrival.eu).toBe(24);
    expect(p.regions).toEqual([{ region: 'ra', capacity: 6, available: 6, holders: ['pA'] }]);
  });

  it('within 3 hours reports the scenario with the largest shortfall, not the largest requirement', () => {
    const p = by(capabilityBalance(input, { withinHours: 3 })).pumps!;
    // surge: pA 6 + pB 5 (2.41 h) + min 4 = 15 of 16; quake: pB 5 + pC 3 (both in place) + min 4 = 12 of 14
    expect(p.requiredByScenario).toEqual([
      { scenario: 'surge', required: 16, available: 15, shortfall: 1 },
      { scenario: 'quake', required: 14, available: 12, shortfall: 2 },
    ]);
    expect(p).toMatchObject({ scenario: 'quake', required: 14, available: 12, shortfall: 2, gap: true });
    const counted = Object.fromEntries(p.holders.map((h) => [h.party, [h.arrivalHours, h.counted]]));
    expect(counted.pA![0]).toBeCloseTo(1 + RA_RB, 12);
    expect(counted.pA![1]).toBe(false);
    expect(counted.pB).toEqual([0, true]);
    expect(counted.pC).toEqual([0, true]);
    expect(counted.min).toEqual([2, true]);
    expect(counted.eu).toEqual([24, false]);
    expect(p.regions).toEqual([
      { region: 'rb', capacity: 5, available: 5, holders: ['pB'] },
      { region: 'rc', capacity: 3, available: 3, holders: ['pC'] },
    ]);
  });

  it('within 1 hour only what is in place or mobilised at once counts', () => {
    const p = by(capabilityBalance(input, { withinHours: 1 })).pumps!;
    expect(p.requiredByScenario.map((s) => [s.scenario, s.available, s.shortfall])).toEqual([
      ['surge', 6, 10],
      ['quake', 8, 6],
    ]);
    expect(p).toMatchObject({ scenario: 'surge', shortfall: 10 });
  });

  it('finds the dependence on international help, which a tight limit turns into a gap', () => {
    const all = gapReport(input);
    expect(all.withinHours).toBeNull();
    expect(
      all.internationalDependence.map((b) => [b.capability, b.required, b.availableNational, b.available]),
    ).toEqual([['cbrn', 5, 2, 7]]);
    const tight = gapReport(input, { withinHours: 3 });
    expect(tight.internationalDependence).toEqual([]);
    expect(tight.gaps.map((g) => [g.capability, g.scenario, g.shortfall])).toEqual([
      ['cbrn', 'surge', 3],
      ['pumps', 'quake', 2],
    ]);
  });

  it('gives a party the gaps in capabilities it holds or leads, saying which', () => {
    const report = gapReport(input, { withinHours: 3 });
    expect(partyPart(input, report, 'vw').gaps).toEqual([{ capability: 'cbrn', holds: false, leads: true }]);
    expect(partyPart(input, report, 'min').gaps).toEqual([
      { capability: 'cbrn', holds: true, leads: false },
      { capability: 'pumps', holds: true, leads: true },
    ]);
    expect(partyPart(input, report, 'pA').gaps).toEqual([{ capability: 'pumps', holds: true, leads: false }]);
    expect(partyPart(input, gapReport(input), 'vw')).toEqual({ gaps: [], duplicates: [] });
  });
});
