// Capability balance (pure): required vs available per capability, gaps, duplicates and missing links
// (docs/model.md#static-gap and docs/model.md#duplicates-and-missing-links).
import { PARTY_KINDS } from '../model/schema.js';

export interface PlanningInput {
  scenarios: readonly { id: string }[];
  tasks: readonly { id: string; phase?: string | null }[];
  capabilities: readonly { id: string }[];
  /** `partyKind` is the party's kind (ministry, international, …); `kind` may hold the node label. */
  parties: readonly { id: string; partyKind?: unknown }[];
  requirements: readonly { scenario: string; task: string; demand: number }[];
  needs: readonly { task: string; capability: string; perUnit: number }[];
  holdings: readonly { party: string; capability: string; capacity: number; readiness?: number | null }[];
  responsibilities: readonly { party: string; target: string; role: string }[];
  /** Every node that should have a lead party (see LEAD_TARGET_KINDS), with its kind. */
  targets: readonly { id: string; __label: string }[];
}

/** Kinds that must each have a lead party: the SNV's "one first-responsible ministry per theme", applied to every planning object. */
export const LEAD_TARGET_KINDS = ['Threat', 'Sector', 'Service', 'Task', 'Capability'] as const;
/** Party kinds that do not count towards national capacity. */
export const NON_NATIONAL_KINDS: readonly (typeof PARTY_KINDS)[number][] = ['international'];
/** Overcapacity: available above this multiple of the largest requirement (with two or more holders) is a duplicate. */
export const DEFAULT_OVERCAPACITY_FACTOR = 2;

export interface BalanceOptions {
  /** Scenarios whose requirements count; all scenarios of the input when null. */
  scenarios?: readonly string[] | null;
  /** Only tasks in these phases count; all when null or empty. */
  phases?: readonly string[] | null;
  overcapacityFactor?: number;
}

export interface Holder { party: string; capacity: number; readiness: number; available: number; national: boolean }

export interface CapabilityBalance {
  capability: string;
  /** Largest over the selected scenarios of Σ tasks demand × perUnit. */
  required: number;
  /** The scenario that sets `required` (null when nothing is required). */
  drivingScenario: string | null;
  requiredByScenario: { scenario: string; required: number }[];
  /** Σ capacity × readiness over all holders. */
  available: number;
  availableNational: number;
  availableInternational: number;
  shortfall: number;
  surplus: number;
  holders: Holder[];
  /** Parties with a lead responsibility for the capability. */
  leads: string[];
  gap: boolean;
  duplicate: boolean;
}

export interface LeadConflict { target: string; kind: string | null; leads: string[] }

export interface GapReport {
  scenarios: string[];
  balance: CapabilityBalance[];
  gaps: CapabilityBalance[];
  duplicates: CapabilityBalance[];
  multipleLeads: LeadConflict[];
  uncoveredTasks: string[];
  unheldCapabilities: string[];
  targetsWithoutLead: { id: string; kind: string }[];
}

const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Required, available, shortfall and surplus per capability (rows ordered by capability id). */
export function capabilityBalance(input: PlanningInput, options: BalanceOptions = {}): CapabilityBalance[] {
  const factor = options.overcapacityFactor ?? DEFAULT_OVERCAPACITY_FACTOR;
  const selected = options.scenarios ?? input.scenarios.map((s) => s.id);
  const phases = options.phases?.length ? new Set(options.phases) : null;
  const taskPhase = new Map(input.tasks.map((t) => [t.id, t.phase ?? null]));
  const partyKind = new Map(input.parties.map((p) => [p.id, (p.partyKind as string | undefined) ?? null]));
  const needsOf = new Map<string, { capability: string; perUnit: number }[]>();
  for (const n of input.needs) needsOf.set(n.task, [...(needsOf.get(n.task) ?? []), n]);

  // demand[capability][scenario] = Σ tasks demand × perUnit
  const demand = new Map<string, Map<string, number>>();
  const wanted = new Set(selected);
  for (const r of input.requirements) {
    if (!wanted.has(r.scenario) || !taskPhase.has(r.task)) continue;
    if (phases && !phases.has(taskPhase.get(r.task) ?? '')) continue;
    for (const n of needsOf.get(r.task) ?? []) {
      const perScenario = demand.get(n.capability) ?? new Map<string, number>();
      perScenario.set(r.scenario, (perScenario.get(r.scenario) ?? 0) + r.demand * n.perUnit);
      demand.set(n.capability, perScenario);
    }
  }
  const holdersOf = new Map<string, Holder[]>();
  for (const h of input.holdings) {
    const readiness = h.readiness ?? 1;
    const kind = partyKind.get(h.party);
    if (kind === undefined) continue; // a holder the viewer may not see does not count
    const list = holdersOf.get(h.capability) ?? [];
    list.push({ party: h.party, capacity: h.capacity, readiness, available: h.capacity * readiness, national: !NON_NATIONAL_KINDS.includes(kind as never) });
    holdersOf.set(h.capability, list);
  }
  const leadsOf = leadParties(input);

  return [...input.capabilities].sort((a, b) => byId(a.id, b.id)).map((c): CapabilityBalance => {
    const perScenario = demand.get(c.id) ?? new Map<string, number>();
    let required = 0;
    let driving: string | null = null;
    const requiredByScenario = [...perScenario.entries()].sort((a, b) => b[1] - a[1] || byId(a[0], b[0])).map(([scenario, req]) => ({ scenario, required: req }));
    if (requiredByScenario.length && requiredByScenario[0]!.required > 0) {
      required = requiredByScenario[0]!.required;
      driving = requiredByScenario[0]!.scenario;
    }
    const holders = (holdersOf.get(c.id) ?? []).sort((a, b) => byId(a.party, b.party));
    let available = 0;
    let national = 0;
    for (const h of holders) {
      available += h.available;
      if (h.national) national += h.available;
    }
    const shortfall = Math.max(0, required - available);
    return {
      capability: c.id, required, drivingScenario: driving, requiredByScenario,
      available, availableNational: national, availableInternational: available - national,
      shortfall, surplus: Math.max(0, available - required), holders,
      leads: leadsOf.get(c.id) ?? [],
      gap: shortfall > 0,
      duplicate: available > factor * required && holders.length >= 2,
    };
  });
}

/** Lead parties per target id, sorted. */
export function leadParties(input: Pick<PlanningInput, 'responsibilities'>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const r of input.responsibilities) if (r.role === 'lead') out.set(r.target, [...(out.get(r.target) ?? []), r.party]);
  for (const list of out.values()) list.sort(byId);
  return out;
}

/** The whole gap analysis: balance, gaps (largest shortfall first), duplicates and missing links. */
export function gapReport(input: PlanningInput, options: BalanceOptions = {}): GapReport {
  const balance = capabilityBalance(input, options);
  const phases = options.phases?.length ? new Set(options.phases) : null;
  const leads = leadParties(input);
  const kindOf = new Map(input.targets.map((t) => [t.id, t.__label]));
  const tasksWithNeeds = new Set(input.needs.map((n) => n.task));
  const visibleParties = new Set(input.parties.map((p) => p.id));
  const held = new Set(input.holdings.filter((h) => visibleParties.has(h.party)).map((h) => h.capability));
  return {
    scenarios: [...(options.scenarios ?? input.scenarios.map((s) => s.id))],
    balance,
    gaps: balance.filter((b) => b.gap).sort((a, b) => b.shortfall - a.shortfall || byId(a.capability, b.capability)),
    duplicates: balance.filter((b) => b.duplicate).sort((a, b) => b.surplus - a.surplus || byId(a.capability, b.capability)),
    multipleLeads: [...leads.entries()].filter(([, l]) => l.length >= 2).map(([target, l]) => ({ target, kind: kindOf.get(target) ?? null, leads: l }))
      .sort((a, b) => byId(a.target, b.target)),
    uncoveredTasks: input.tasks.filter((t) => !tasksWithNeeds.has(t.id) && (!phases || phases.has(t.phase ?? ''))).map((t) => t.id).sort(byId),
    unheldCapabilities: input.capabilities.filter((c) => !held.has(c.id)).map((c) => c.id).sort(byId),
    targetsWithoutLead: input.targets.filter((t) => (LEAD_TARGET_KINDS as readonly string[]).includes(t.__label) && !leads.has(t.id))
      .map((t) => ({ id: t.id, kind: t.__label })).sort((a, b) => byId(a.kind, b.kind) || byId(a.id, b.id)),
  };
}
