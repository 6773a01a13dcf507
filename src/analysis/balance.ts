// Capability balance (pure): required vs available per capability, gaps, duplicates and missing links
// (docs/model.md#static-gap and docs/model.md#duplicates-and-missing-links).
import { PARTY_KINDS } from '../model/schema.js';
import { arrivalHours, holdingRegion, TravelTimes, type RegionPoint, type TravelTimeInput } from './regions.js';

export interface PlanningInput {
  /** `regions`: the scenario's affected regions. */
  scenarios: readonly { id: string; regions?: readonly string[] | null }[];
  tasks: readonly { id: string; phase?: string | null }[];
  capabilities: readonly { id: string }[];
  /** `partyKind` is the party's kind (ministry, international, …); `kind` may hold the node label. */
  parties: readonly { id: string; partyKind?: unknown; region?: unknown }[];
  requirements: readonly { scenario: string; task: string; demand: number }[];
  needs: readonly { task: string; capability: string; perUnit: number }[];
  holdings: readonly {
    party: string;
    capability: string;
    capacity: number;
    readiness?: number | null;
    mobilisationHours?: number | null;
    region?: string | null;
  }[];
  responsibilities: readonly { party: string; target: string; role: string }[];
  /** Every node that should have a lead party (see LEAD_TARGET_KINDS), with its kind. */
  targets: readonly { id: string; __label: string }[];
  /** Who operates which service: operators' leads on a service do not conflict with its government lead. */
  operations?: readonly { party: string; service: string }[];
  /** Region centroids and explicit travel times (arrival times); absent: nothing is located. */
  regions?: readonly RegionPoint[];
  travelTimes?: readonly TravelTimeInput[];
}

/** Kinds that must each have a lead party: the SNV's "one first-responsible ministry per theme", applied to every
 * planning object. */
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
  /** Count a holding only when its arrival at the scenario is at most this many hours; null: every holding counts. */
  withinHours?: number | null;
}

export interface Holder {
  party: string;
  capacity: number;
  readiness: number;
  /** capacity × readiness. */
  available: number;
  national: boolean;
  /** Where the capacity sits (the holding's region, else its party's); null when not located. */
  region: string | null;
  /** mobilisationHours + travel time to the nearest affected region of the reported scenario. */
  arrivalHours: number;
  /** Whether it counts towards `available`: arrives within `withinHours` (always, without a limit). */
  counted: boolean;
}

/** One selected scenario's requirement and what is available to it in time. */
export interface ScenarioBalance {
  scenario: string;
  required: number;
  available: number;
  shortfall: number;
}

/** What is held in one affected region of the reported scenario, whether or not it is needed there. */
export interface RegionHolding {
  region: string;
  capacity: number;
  available: number;
  holders: string[];
}

export interface CapabilityBalance {
  capability: string;
  /**
   * The selected scenario with the largest shortfall (ties: the larger requirement, then the id); `required`,
   * `available` and `shortfall` are its numbers. Null when no selected scenario requires the capability.
   */
  scenario: string | null;
  /** Σ tasks demand × perUnit in `scenario`: without withinHours, the largest over the selected scenarios. */
  required: number;
  /** The same as `scenario` (kept for readers of earlier reports). */
  drivingScenario: string | null;
  /** Every selected scenario that requires the capability, largest requirement first. */
  requiredByScenario: ScenarioBalance[];
  /** Σ capacity × readiness over the holders that count for `scenario` (all holders without withinHours). */
  available: number;
  availableNational: number;
  availableInternational: number;
  shortfall: number;
  surplus: number;
  holders: Holder[];
  /** Per affected region of `scenario`, what is held there. */
  regions: RegionHolding[];
  /** Parties with a lead responsibility for the capability. */
  leads: string[];
  gap: boolean;
  duplicate: boolean;
}

export interface LeadConflict {
  target: string;
  kind: string | null;
  leads: string[];
}

export interface GapReport {
  scenarios: string[];
  withinHours: number | null;
  balance: CapabilityBalance[];
  gaps: CapabilityBalance[];
  duplicates: CapabilityBalance[];
  /** Capabilities whose requirement is met only when international holders count, largest national shortfall first. */
  internationalDependence: CapabilityBalance[];
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
  const partyRegion = new Map(input.parties.map((p) => [p.id, typeof p.region === 'string' ? p.region : null]));
  type Located = {
    party: string;
    capacity: number;
    readiness: number;
    mobilisation: number;
    region: string | null;
    national: boolean;
  };
  const holdingsOf = new Map<string, Located[]>();
  for (const h of input.holdings) {
    const kind = partyKind.get(h.party);
    if (kind === undefined) continue; // a holder the viewer may not see does not count
    const list = holdingsOf.get(h.capability) ?? [];
    list.push({
      party: h.party,
      capacity: h.capacity,
      readiness: h.readiness ?? 1,
      mobilisation: h.mobilisationHours ?? 0,
      region: holdingRegion(h, partyRegion.get(h.party)),
      national: !NON_NATIONAL_KINDS.includes(kind as never),
    });
    holdingsOf.set(h.capability, list);
  }
  for (const list of holdingsOf.values()) list.sort((a, b) => byId(a.party, b.party));
  const travel = new TravelTimes(input.regions ?? [], input.travelTimes ?? []);
  const affected = new Map(input.scenarios.map((s) => [s.id, s.regions ?? null]));
  const within = options.withinHours ?? null;
  const leadsOf = leadParties(input);

  return [...input.capabilities]
    .sort((a, b) => byId(a.id, b.id))
    .map((c): CapabilityBalance => {
      const held = holdingsOf.get(c.id) ?? [];
      const holdersAt = (scenario: string | null): Holder[] => {
        const regions = scenario === null ? null : affected.get(scenario);
        return held.map((h) => {
          const arrival = arrivalHours(h.mobilisation, h.region, regions, travel);
          return {
            party: h.party,
            capacity: h.capacity,
            readiness: h.readiness,
            available: h.capacity * h.readiness,
            national: h.national,
            region: h.region,
            arrivalHours: arrival,
            counted: within === null || arrival <= within,
          };
        });
      };
      const availableOf = (holders: readonly Holder[]) =>
        holders.reduce((sum, h) => (h.counted ? sum + h.available : sum), 0);
      const allCount = within === null ? availableOf(holdersAt(null)) : null;
      const byScenario: ScenarioBalance[] = [...(demand.get(c.id) ?? new Map<string, number>()).entries()].map(
        ([scenario, req]) => {
          const available = allCount ?? availableOf(holdersAt(scenario));
          return { scenario, required: req, available, shortfall: Math.max(0, req - available) };
        },
      );
      let worst: ScenarioBalance | null = null;
      for (const b of byScenario) {
        if (b.required <= 0) continue;
        const better =
          !worst ||
          b.shortfall > worst.shortfall ||
          (b.shortfall === worst.shortfall &&
            (b.required > worst.required || (b.required === worst.required && byId(b.scenario, worst.scenario) < 0)));
        if (better) worst = b;
      }
      byScenario.sort((a, b) => b.required - a.required || byId(a.scenario, b.scenario));
      const scenario = worst?.scenario ?? null;
      const holders = holdersAt(scenario);
      let available = 0;
      let national = 0;
      for (const h of holders) {
        if (!h.counted) continue;
        available += h.available;
        if (h.national) national += h.available;
      }
      const required = worst?.required ?? 0;
      const shortfall = Math.max(0, required - available);
      const regions = (scenario === null ? null : (affected.get(scenario) ?? null)) ?? [];
      return {
        capability: c.id,
        scenario,
        required,
        drivingScenario: scenario,
        requiredByScenario: byScenario,
        available,
        availableNational: national,
        availableInternational: available - national,
        shortfall,
        surplus: Math.max(0, available - required),
        holders,
        regions: [...regions].sort(byId).map((region) => {
          const here = holders.filter((h) => h.region === region);
          return {
            region,
            capacity: here.reduce((x, h) => x + h.capacity, 0),
            available: here.reduce((x, h) => x + h.available, 0),
            holders: here.map((h) => h.party),
          };
        }),
        leads: leadsOf.get(c.id) ?? [],
        gap: shortfall > 0,
        duplicate: available > factor * required && holders.filter((h) => h.counted).length >= 2,
      };
    });
}

/** Lead parties per target id, sorted. */
export function leadParties(input: Pick<PlanningInput, 'responsibilities'>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const r of input.responsibilities)
    if (r.role === 'lead') out.set(r.target, [...(out.get(r.target) ?? []), r.party]);
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
  // Operators lead the continuity of their service and the government lead takes over from its escalation threshold:
  // that is a handover, not a double lead. Two or more leads that do not operate the target are.
  const operates = new Set((input.operations ?? []).map((o) => `${o.party}\u0000${o.service}`));
  const conflicting = (target: string, l: readonly string[]) =>
    l.filter((p) => !operates.has(`${p}\u0000${target}`)).length >= 2;
  return {
    scenarios: [...(options.scenarios ?? input.scenarios.map((s) => s.id))],
    withinHours: options.withinHours ?? null,
    balance,
    gaps: balance.filter((b) => b.gap).sort((a, b) => b.shortfall - a.shortfall || byId(a.capability, b.capability)),
    duplicates: balance
      .filter((b) => b.duplicate)
      .sort((a, b) => b.surplus - a.surplus || byId(a.capability, b.capability)),
    internationalDependence: balance
      .filter((b) => b.required > 0 && !b.gap && b.availableNational < b.required)
      .sort(
        (a, b) =>
          b.required - b.availableNational - (a.required - a.availableNational) || byId(a.capability, b.capability),
      ),
    multipleLeads: [...leads.entries()]
      .filter(([target, l]) => conflicting(target, l))
      .map(([target, l]) => ({ target, kind: kindOf.get(target) ?? null, leads: l }))
      .sort((a, b) => byId(a.target, b.target)),
    uncoveredTasks: input.tasks
      .filter((t) => !tasksWithNeeds.has(t.id) && (!phases || phases.has(t.phase ?? '')))
      .map((t) => t.id)
      .sort(byId),
    unheldCapabilities: input.capabilities
      .filter((c) => !held.has(c.id))
      .map((c) => c.id)
      .sort(byId),
    targetsWithoutLead: input.targets
      .filter((t) => (LEAD_TARGET_KINDS as readonly string[]).includes(t.__label) && !leads.has(t.id))
      .map((t) => ({ id: t.id, kind: t.__label }))
      .sort((a, b) => byId(a.kind, b.kind) || byId(a.id, b.id)),
  };
}

/** How a party relates to a capability in its part of the gaps and duplicates. */
export interface PartyCapability {
  capability: string;
  holds: boolean;
  leads: boolean;
}

/**
 * A party's part in the gaps and duplicates: the capabilities it holds (as the viewer sees the holdings) or leads,
 * each saying which, in the report's order.
 */
export function partyPart(
  input: Pick<PlanningInput, 'holdings' | 'responsibilities'>,
  report: { gaps: readonly { capability: string }[]; duplicates: readonly { capability: string }[] },
  party: string,
): { gaps: PartyCapability[]; duplicates: PartyCapability[] } {
  const holds = new Set(input.holdings.filter((h) => h.party === party).map((h) => h.capability));
  const leads = new Set(
    input.responsibilities.filter((r) => r.party === party && r.role === 'lead').map((r) => r.target),
  );
  const part = (rows: readonly { capability: string }[]) =>
    rows
      .filter((b) => holds.has(b.capability) || leads.has(b.capability))
      .map((b) => ({ capability: b.capability, holds: holds.has(b.capability), leads: leads.has(b.capability) }));
  return { gaps: part(report.gaps), duplicates: part(report.duplicates) };
}

/** The planning inputs of a whole validated model (everything visible), for offline analysis and tests. */
export function planningInputOf(model: {
  scenarios: PlanningInput['scenarios'];
  tasks: PlanningInput['tasks'];
  capabilities: PlanningInput['capabilities'];
  parties: readonly { id: string; kind: string; region?: string }[];
  requirements: PlanningInput['requirements'];
  needs: PlanningInput['needs'];
  holdings: PlanningInput['holdings'];
  responsibilities: PlanningInput['responsibilities'];
  operations?: PlanningInput['operations'];
  regions?: PlanningInput['regions'];
  travelTimes?: PlanningInput['travelTimes'];
  threats: readonly { id: string }[];
  sectors: readonly { id: string }[];
  services: readonly { id: string }[];
}): PlanningInput {
  const label = (list: readonly { id: string }[], l: string) => list.map((x) => ({ id: x.id, __label: l }));
  return {
    scenarios: model.scenarios,
    tasks: model.tasks,
    capabilities: model.capabilities,
    parties: model.parties.map((p) => ({ id: p.id, partyKind: p.kind, region: p.region ?? null })),
    requirements: model.requirements,
    needs: model.needs,
    holdings: model.holdings,
    responsibilities: model.responsibilities,
    operations: model.operations ?? [],
    regions: model.regions ?? [],
    travelTimes: model.travelTimes ?? [],
    targets: [
      ...label(model.threats, 'Threat'),
      ...label(model.sectors, 'Sector'),
      ...label(model.services, 'Service'),
      ...label(model.tasks, 'Task'),
      ...label(model.capabilities, 'Capability'),
    ],
  };
}
