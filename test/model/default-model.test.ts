// The default Dutch model (simulations/nederland.json): it validates, covers the strategy, and has something for every
// analysis to show.
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { readModelFile } from '../../src/model/validate.js';
import type { Model } from '../../src/model/schema.js';

const MODEL_PATH = fileURLToPath(new URL('../../simulations/nederland.json', import.meta.url));

let m: Model;
beforeAll(async () => {
  m = await readModelFile(MODEL_PATH);
});

const count = <T>(xs: readonly T[], key: (x: T) => string): Map<string, number> => {
  const c = new Map<string, number>();
  for (const x of xs) c.set(key(x), (c.get(key(x)) ?? 0) + 1);
  return c;
};

/** Static CBP balance (docs/model.md#static-gap): required = max over scenarios of Σ demand × perUnit; available = Σ
 * capacity × readiness. */
function staticBalance(model: Model) {
  const required = new Map<string, number>();
  for (const s of model.scenarios) {
    const perCap = new Map<string, number>();
    for (const r of model.requirements.filter((x) => x.scenario === s.id)) {
      for (const n of model.needs.filter((x) => x.task === r.task)) {
        perCap.set(n.capability, (perCap.get(n.capability) ?? 0) + r.demand * n.perUnit);
      }
    }
    for (const [c, v] of perCap) required.set(c, Math.max(required.get(c) ?? 0, v));
  }
  return model.capabilities.map((c) => {
    const holders = model.holdings.filter((h) => h.capability === c.id);
    const available = holders.reduce((a, h) => a + h.capacity * h.readiness, 0);
    const req = required.get(c.id) ?? 0;
    return { id: c.id, required: req, available, holders: holders.length, shortfall: Math.max(0, req - available) };
  });
}

describe('default model nederland.json', () => {
  it('validates against the schema and the cross-reference checks', () => {
    expect(m.services.length).toBeGreaterThanOrEqual(30);
  });

  it('has the five vital interests and the ten NRB impact criteria', () => {
    expect(m.vitalInterests).toHaveLength(5);
    expect(m.impactCriteria.map((c) => c.code).sort()).toEqual([
      '1.1',
      '1.2',
      '2.1',
      '2.2',
      '2.3',
      '3.1',
      '4.1',
      '5.1',
      '5.2',
      '5.3',
    ]);
    const vi = new Set(m.vitalInterests.map((v) => v.id));
    for (const c of m.impactCriteria) {
      expect(vi.has(c.vitalInterest), c.id).toBe(true);
      expect(c.unit.length, c.id).toBeGreaterThan(0);
      expect(c.thresholds, c.id).toHaveLength(5);
      expect(c.weight, c.id).toBeGreaterThan(0);
    }
    // every vital interest is measured by at least one criterion
    for (const v of m.vitalInterests)
      expect(
        m.impactCriteria.some((c) => c.vitalInterest === v.id),
        v.id,
      ).toBe(true);
  });

  it('has the nine threats and every incident category of the seed table, radicalisation under two threats', () => {
    expect(m.threats).toHaveLength(9);
    expect(m.incidentCategories).toHaveLength(15);
    expect(count(m.threats, (t) => t.cluster ?? '-')).toEqual(
      new Map([
        ['classic', 4],
        ['socio-economic', 3],
        ['natural', 2],
      ]),
    );
    for (const t of m.threats) {
      expect(t.nature, t.id).toBeDefined();
      expect(
        m.incidentCategories.some((c) => c.threats.includes(t.id)),
        t.id,
      ).toBe(true);
    }
    const radicalisation = m.incidentCategories.filter((c) => /radicali/i.test(c.name));
    expect(radicalisation).toHaveLength(1);
    expect([...radicalisation[0]!.threats].sort()).toEqual(['threat-social-vulnerability', 'threat-terrorism']);
  });

  it('has the 12 vital sectors with at least 30 services, each with an operator, a source and a recovery rate', () => {
    expect(m.sectors).toHaveLength(12);
    expect(m.services.length).toBeGreaterThanOrEqual(30);
    for (const s of m.sectors)
      expect(
        m.services.some((x) => x.sector === s.id),
        s.id,
      ).toBe(true);
    const operated = new Set(m.operations.map((o) => o.service));
    for (const s of m.services) {
      expect(operated.has(s.id), `${s.id} has an operator`).toBe(true);
      expect(s.source, s.id).toBeTruthy();
      expect(s.recoveryRate, s.id).toBeGreaterThan(0);
      expect(s.recoveryRate, s.id).toBeLessThanOrEqual(1);
    }
  });

  it(
    'has at least 80 dependencies, every row sum of strengths below 1, electricity and ' + 'telecom the main drivers',
    () => {
      expect(m.dependencies.length).toBeGreaterThanOrEqual(80);
      const rowSum = new Map<string, number>();
      for (const d of m.dependencies) rowSum.set(d.from, (rowSum.get(d.from) ?? 0) + d.strength);
      for (const [id, sum] of rowSum) expect(sum, `row sum of ${id}`).toBeLessThanOrEqual(0.9);
      const dependents = [...count(m.dependencies, (d) => d.to)].sort((a, b) => b[1] - a[1]);
      expect(dependents[0]![0]).toBe('electricity');
      expect(['fixed-telecom', 'mobile-telecom', 'internet-data']).toContain(dependents[1]![0]);
    },
  );

  it('has at least 15 scenarios over all nine threats and all three horizons, written uniformly', () => {
    expect(m.scenarios.length).toBeGreaterThanOrEqual(15);
    const categoryThreats = new Map(m.incidentCategories.map((c) => [c.id, c.threats]));
    const threatsCovered = new Set(
      m.scenarios.flatMap((s) => (s.incidentCategory ? (categoryThreats.get(s.incidentCategory) ?? []) : [])),
    );
    expect(threatsCovered.size).toBe(9);
    expect(new Set(m.scenarios.map((s) => s.horizon))).toEqual(new Set(['short', 'medium', 'long']));
    // NRB likelihood classes per 5 years: A < 0.05 %, B < 0.5 %, C < 5 %, D < 50 %, E ≥ 50 %
    const upper: Record<string, number> = { A: 0.0005, B: 0.005, C: 0.05, D: 0.5, E: 1.0001 };
    const lower: Record<string, number> = { A: 0, B: 0.0005, C: 0.005, D: 0.05, E: 0.5 };
    for (const s of m.scenarios) {
      expect(s.description, s.id).toBeTruthy();
      expect(s.source, s.id).toBeTruthy();
      expect(s.likelihoodClass, s.id).toBeDefined();
      expect(s.likelihood, s.id).toBeDefined();
      expect(s.likelihood!, s.id).toBeGreaterThanOrEqual(lower[s.likelihoodClass!]!);
      expect(s.likelihood!, s.id).toBeLessThan(upper[s.likelihoodClass!]!);
      expect(
        m.disruptions.some((d) => d.scenario === s.id),
        `${s.id} disrupts a service`,
      ).toBe(true);
      expect(
        m.requirements.some((r) => r.scenario === s.id),
        `${s.id} requires a task`,
      ).toBe(true);
      expect(
        new Set(m.scores.filter((x) => x.scenario === s.id).map((x) => x.criterion)).size,
        `${s.id} scored on every criterion`,
      ).toBe(m.impactCriteria.length);
    }
  });

  it('has at least 30 tasks over the five phases of the safety chain and at least 35 capabilities with units', () => {
    expect(m.tasks.length).toBeGreaterThanOrEqual(30);
    expect(new Set(m.tasks.map((t) => t.phase))).toEqual(
      new Set(['proaction', 'prevention', 'preparation', 'response', 'aftercare']),
    );
    expect(m.capabilities.length).toBeGreaterThanOrEqual(35);
    for (const c of m.capabilities) expect(c.unit.length, c.id).toBeGreaterThan(0);
  });

  it(
    'is not one-to-one: one task serves many scenarios, one task needs many ' +
      'capabilities, one capability serves many tasks',
    () => {
      const scenariosPerTask = count(m.requirements, (r) => r.task);
      expect(Math.max(...scenariosPerTask.values())).toBeGreaterThanOrEqual(5);
      // the seed's example: large-scale evacuation for a nuclear accident and for a flood
      const evac = new Set(m.requirements.filter((r) => r.task === 't-large-scale-evacuation').map((r) => r.scenario));
      expect(evac.has('sc-nuclear-accident') && evac.has('sc-storm-surge-zuid-holland')).toBe(true);
      expect(Math.max(...count(m.needs, (n) => n.task).values())).toBeGreaterThanOrEqual(4);
      expect(Math.max(...count(m.needs, (n) => n.capability).values())).toBeGreaterThanOrEqual(4);
    },
  );

  it('has at least 40 parties, all 2007 ministries, and international suppliers of the national potential', () => {
    expect(m.parties.length).toBeGreaterThanOrEqual(40);
    expect(m.parties.filter((p) => p.kind === 'ministry').length).toBeGreaterThanOrEqual(13);
    for (const kind of [
      'safety-region',
      'company',
      'ngo',
      'international',
      'municipality',
      'other-government',
    ] as const) {
      expect(
        m.parties.some((p) => p.kind === kind),
        kind,
      ).toBe(true);
    }
    const international = new Set(m.parties.filter((p) => p.kind === 'international').map((p) => p.id));
    expect(international.has('eu-mic') && international.has('nato-eadrcc')).toBe(true);
    expect(m.holdings.some((h) => international.has(h.party))).toBe(true);
  });

  it('gives every threat and every sector exactly one lead', () => {
    const leads = count(
      m.responsibilities.filter((r) => r.role === 'lead'),
      (r) => r.target,
    );
    for (const t of m.threats) expect(leads.get(t.id) ?? 0, t.id).toBe(1);
    for (const s of m.sectors) expect(leads.get(s.id) ?? 0, s.id).toBe(1);
  });

  it('gives every node and every relationship a source', () => {
    const lists = [
      'vitalInterests',
      'impactCriteria',
      'threats',
      'incidentCategories',
      'scenarios',
      'sectors',
      'services',
      'tasks',
      'capabilities',
      'parties',
      'dependencies',
      'disruptions',
      'requirements',
      'triggers',
      'needs',
      'holdings',
      'mitigations',
      'responsibilities',
      'operations',
      'scores',
      'consequences',
    ] as const;
    for (const list of lists) {
      (m[list] as readonly { source?: string }[]).forEach((x, i) => expect(x.source, `${list}[${i}]`).toBeTruthy());
    }
    // planning numbers are marked as assumptions
    for (const list of [
      'requirements',
      'needs',
      'holdings',
      'disruptions',
      'dependencies',
      'scores',
      'consequences',
    ] as const) {
      (m[list] as readonly { assumption?: boolean }[]).forEach((x, i) =>
        expect(x.assumption, `${list}[${i}]`).toBe(true),
      );
    }
  });

  it('has consequences so that simulated disruptions produce impact on the criteria', () => {
    const criteria = new Set(m.consequences.map((c) => c.criterion));
    for (const c of ['crit-fatalities', 'crit-costs', 'crit-daily-life', 'crit-physical-suffering'])
      expect(criteria.has(c), c).toBe(true);
    const services = new Set(m.services.map((s) => s.id));
    const capabilities = new Set(m.capabilities.map((s) => s.id));
    expect(m.consequences.some((c) => services.has(c.from))).toBe(true);
    expect(m.consequences.some((c) => capabilities.has(c.from))).toBe(true);
    expect(m.triggers.length).toBeGreaterThan(0);
    expect(m.mitigations.length).toBeGreaterThan(0);
  });

  it('shows gaps and duplicates in the static balance, and the structural findings on purpose', () => {
    const balance = staticBalance(m);
    const gaps = balance.filter((b) => b.shortfall > 0);
    const duplicates = balance.filter((b) => b.required > 0 && b.available >= 2 * b.required && b.holders >= 2);
    const adequate = balance.filter((b) => b.required > 0 && b.shortfall === 0);
    expect(gaps.length).toBeGreaterThanOrEqual(1);
    expect(duplicates.length).toBeGreaterThanOrEqual(1);
    expect(adequate.length).toBeGreaterThanOrEqual(1);
    // a capability with no holder, a task with no capability
    expect(balance.some((b) => b.holders === 0)).toBe(true);
    const tasksWithNeeds = new Set(m.needs.map((n) => n.task));
    expect(m.tasks.some((t) => !tasksWithNeeds.has(t.id))).toBe(true);
    // a service or task with no lead, and a double lead on a task or capability
    const leads = count(
      m.responsibilities.filter((r) => r.role === 'lead'),
      (r) => r.target,
    );
    expect([...m.services, ...m.tasks].some((x) => !leads.has(x.id))).toBe(true);
    expect([...m.tasks, ...m.capabilities].some((x) => (leads.get(x.id) ?? 0) >= 2)).toBe(true);
  });

  it('marks restricted items with an owning party (openness principle)', () => {
    const restricted = [...m.capabilities, ...m.scenarios, ...m.parties].filter(
      (x) => x.classification && x.classification !== 'public',
    );
    expect(restricted.length).toBeGreaterThan(0);
    for (const x of restricted) expect(x.owner, x.id).toBeDefined();
  });
});
