// The default Dutch model's places and roles: 25 safety regions, located capacity, affected regions, operators
// and escalation.
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { readModelFile } from '../../src/model/validate.js';
import type { Model } from '../../src/model/schema.js';
import { gapReport, partyPart, planningInputOf } from '../../src/analysis/balance.js';

const MODEL_PATH = fileURLToPath(new URL('../../simulations/nederland.json', import.meta.url));

let m: Model;
beforeAll(async () => {
  m = await readModelFile(MODEL_PATH);
});

describe('default model: regions', () => {
  it('has the 25 safety regions, positioned inside the Netherlands, each with one safety-region party', () => {
    expect(m.regions).toHaveLength(25);
    expect(new Set(m.regions.map((r) => r.name)).size).toBe(25);
    for (const r of m.regions) {
      expect(r.lat, r.id).toBeGreaterThan(50.7);
      expect(r.lat, r.id).toBeLessThan(53.6);
      expect(r.lon, r.id).toBeGreaterThan(3.3);
      expect(r.lon, r.id).toBeLessThan(7.3);
      expect(r.source, r.id).toMatch(/main city/);
    }
    const safetyRegions = m.parties.filter((p) => p.kind === 'safety-region' && p.region);
    expect(new Set(safetyRegions.map((p) => p.region))).toEqual(new Set(m.regions.map((r) => r.id)));
    expect(safetyRegions).toHaveLength(25);
    expect(m.parties.some((p) => p.id === 'sr-other')).toBe(false);
  });

  it('gives every region a share of fire/rescue, medical and public-order capacity', () => {
    const regionOf = new Map(m.parties.map((p) => [p.id, p.region]));
    const regional = [
      'cap-fire-brigade',
      'cap-ambulance',
      'cap-medical-teams',
      'cap-riot-police',
      'cap-decontamination',
    ];
    for (const cap of regional) {
      const regions = new Set(
        m.holdings
          .filter((h) => h.capability === cap)
          .map((h) => h.region ?? regionOf.get(h.party))
          .filter(Boolean),
      );
      expect(regions.size, cap).toBe(25);
    }
  });

  it('locates national assets and names the affected regions of the located scenarios', () => {
    const located = m.holdings.filter((h) => h.region !== undefined);
    expect(located.some((h) => h.party === 'min-def' && h.capability === 'cap-heavy-engineering')).toBe(true);
    expect(located.some((h) => h.party === 'min-def' && h.capability === 'cap-decontamination')).toBe(true);
    const affected = new Map(m.scenarios.map((s) => [s.id, s.regions ?? []]));
    expect(affected.get('sc-storm-surge-zuid-holland')).toEqual(
      expect.arrayContaining(['vr-rotterdam-rijnmond', 'vr-haaglanden']),
    );
    expect(affected.get('sc-nuclear-accident')).toEqual(['vr-zeeland']);
    expect(affected.get('sc-blackout-randstad')).toEqual(
      expect.arrayContaining(['vr-amsterdam-amstelland', 'vr-rotterdam-rijnmond', 'vr-haaglanden', 'vr-utrecht']),
    );
  });
});

describe('default model: operators and escalation', () => {
  const leadsOf = (target: string) =>
    m.responsibilities
      .filter((r) => r.target === target && r.role === 'lead')
      .map((r) => r.party)
      .sort();

  it('lets real operators lead their services, with the ministry as government lead from the threshold', () => {
    expect(leadsOf('electricity')).toEqual(expect.arrayContaining(['tennet', 'min-ez']));
    expect(leadsOf('fixed-telecom')).toEqual(['kpn', 'min-ez']);
    expect(leadsOf('drinking-water')).toEqual(['evides', 'min-vrom', 'vitens', 'waternet']);
    const kind = new Map(m.parties.map((p) => [p.id, p.kind]));
    const operates = new Set(m.operations.map((o) => `${o.party}|${o.service}`));
    const withThreshold = m.services.filter((s) => s.escalationThreshold !== undefined);
    expect(withThreshold.length).toBeGreaterThanOrEqual(15);
    for (const s of withThreshold) {
      const leads = leadsOf(s.id);
      expect(
        leads.some((p) => operates.has(`${p}|${s.id}`) && kind.get(p) === 'company'),
        s.id,
      ).toBe(true);
      expect(
        leads.filter((p) => !operates.has(`${p}|${s.id}`)),
        s.id,
      ).toHaveLength(1);
    }
  });

  it('has real operators, not branch associations, as operators', () => {
    const associations = [
      'vewin',
      'nvb',
      'cbl',
      'nvz',
      'vnci',
      'ambulancezorg',
      'nvbr',
      'ghor-nl',
      'knv',
      'verbond-verzekeraars',
    ];
    for (const o of m.operations) expect(associations, `${o.party} operates ${o.service}`).not.toContain(o.party);
  });

  it('names the EU, NATO, UN and OSCE', () => {
    for (const id of ['eu-mic', 'nato-eadrcc', 'un', 'osce']) {
      expect(m.parties.find((p) => p.id === id)?.kind, id).toBe('international');
    }
  });
});

describe('default model: the gap analysis with places', () => {
  it('keeps the national balance, and shows what timeliness takes away', () => {
    const input = planningInputOf(m);
    const all = gapReport(input);
    const within = gapReport(input, { withinHours: 6 });
    const pumps = (r: typeof all) => r.balance.find((b) => b.capability === 'cap-pumps')!;
    expect(pumps(all).gap).toBe(false);
    // within 6 hours only the fire services' pumps near the river count: the water boards, RWS and help from
    // abroad come later
    expect(pumps(within)).toMatchObject({ scenario: 'sc-river-flood', required: 3000, gap: true });
    expect(pumps(within).regions.map((r) => r.region)).toEqual(['vr-gelderland-midden', 'vr-gelderland-zuid']);
    expect(within.gaps.length).toBeGreaterThan(all.gaps.length);
  });

  it('finds the dependence on international help and shows a ministry the gaps it leads', () => {
    const input = planningInputOf(m);
    const report = gapReport(input);
    expect(report.internationalDependence.map((b) => b.capability)).toEqual(['cap-heavy-engineering', 'cap-usar']);
    expect(partyPart(input, report, 'min-venw').gaps).toContainEqual({
      capability: 'cap-evacuation-transport',
      holds: false,
      leads: true,
    });
    expect(partyPart(input, report, 'min-vws').gaps).toContainEqual({
      capability: 'cap-cooling-centres',
      holds: false,
      leads: true,
    });
    // operators' leads and the government lead on one service are a handover, not a double lead
    expect(report.multipleLeads.some((c) => m.services.some((s) => s.id === c.target))).toBe(false);
  });
});
