// Where a capability sits for the map (src/explorer/map-view.ts regionRows): per region what is held, what arrives in
// time, and the scenario's shortfall on its affected regions only.
import { describe, expect, it } from 'vitest';
import { regionRows } from '../../src/explorer/map-rows.js';
import type { MapBalance } from '../../src/explorer/queries.js';

const regions = [
  { id: 'zee', name: 'Zeeland', lat: 51.5, lon: 3.6 },
  { id: 'gld', name: 'Gelderland-Midden', lat: 52, lon: 5.9 },
  { id: 'gro', name: 'Groningen', lat: 53.2, lon: 6.6 },
  { id: 'utr', name: 'Utrecht', lat: 52.1, lon: 5.1 },
];
const holder = (party: string, region: string | null, available: number, arrivalHours: number, counted: boolean) => ({
  party: { id: party, name: party },
  region: region ? { id: region } : null,
  available,
  arrivalHours,
  counted,
  national: true,
});
const balance = (shortfall: number): MapBalance => ({
  capability: { id: 'cap', name: 'Pompen', unit: 'pumps' },
  scenario: { id: 'sc' },
  required: 100,
  available: 100 - shortfall,
  shortfall,
  holders: [
    holder('zee-fire', 'zee', 10, 1, true),
    holder('defence', 'gld', 30, 5, true),
    holder('defence-2', 'gld', 20, 12, false),
    holder('rws', 'gro', 15, 9, false),
    holder('nato', null, 40, 48, false),
  ],
  regions: [],
});

describe('map rows', () => {
  it('sums holders by region, marks the affected region short and leaves the shortfall off the others', () => {
    const { rows, elsewhere } = regionRows(regions, new Set(['zee']), balance(60));
    const by = Object.fromEntries(rows.map((r) => [r.id, r]));
    expect(by.zee).toMatchObject({ status: 'short', held: 10, inTime: 10, earliest: 1, shortfall: 60, share: 0.1 });
    expect(by.gld).toMatchObject({ status: 'inTime', held: 50, inTime: 30, earliest: 5, shortfall: null, share: 0.3 });
    expect(by.gro).toMatchObject({ status: 'late', held: 15, inTime: 0, earliest: 9 });
    expect(by.utr).toMatchObject({ status: 'none', held: 0, inTime: 0, earliest: null, share: 0 });
    expect(by.gld!.holders).toEqual([
      { name: 'defence', counted: true },
      { name: 'defence-2', counted: false },
    ]);
    expect(elsewhere).toMatchObject({ held: 40, inTime: 0, earliest: 48, shortfall: null });
  });

  it('calls an affected region covered when the scenario is not short', () => {
    const { rows } = regionRows(regions, new Set(['zee', 'utr']), balance(0));
    expect(rows.filter((r) => r.affected).map((r) => [r.id, r.status, r.shortfall])).toEqual([
      ['zee', 'covered', 0],
      ['utr', 'covered', 0],
    ]);
  });
});
