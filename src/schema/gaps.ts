// GraphQL gap analysis: the capability balance (required vs available), gaps, duplicates and missing links.
import { builder } from './builder.js';
import { EntityRef, NodeRefs } from './entities.js';
import type { Context } from './context.js';
import type { NodeRecord } from '../graph/api-repository.js';
import type { PlanningData, StoredRun } from '../graph/analysis-repository.js';
import {
  gapReport,
  DEFAULT_OVERCAPACITY_FACTOR,
  LEAD_TARGET_KINDS,
  type CapabilityBalance,
  type GapReport,
  type BalanceOptions,
} from '../analysis/balance.js';
import { PHASES } from '../model/schema.js';
import { HorizonEnum, PhaseEnum, RiskMethodEnum, WeightProfileIdEnum } from './enums.js';
import {
  badInput,
  CriterionWeightInput,
  rankScenarios,
  resolveRanking,
  selectScenarios,
  type RankingArgs,
} from './risk.js';
import { filterHorizons, HORIZONS_DESCRIPTION } from './horizons.js';

export interface SimulatedGapView {
  scenario: NodeRecord;
  runId: string;
  probabilityShortfall: number;
  expectedShortfall: number;
  p90Shortfall: number;
  avoidedImpact: number | null;
}
export interface HolderView {
  party: NodeRecord;
  capacity: number;
  readiness: number;
  available: number;
  national: boolean;
  region: string | null;
  arrivalHours: number;
  counted: boolean;
}
export interface ScenarioBalanceView {
  scenario: NodeRecord;
  required: number;
  available: number;
  shortfall: number;
}
export interface RegionHoldingView {
  region: string;
  capacity: number;
  available: number;
  holders: NodeRecord[];
}
type Replaced = 'capability' | 'holders' | 'leads' | 'scenario' | 'drivingScenario' | 'requiredByScenario' | 'regions';
export interface BalanceView extends Omit<CapabilityBalance, Replaced> {
  capability: NodeRecord;
  holders: HolderView[];
  leads: NodeRecord[];
  scenario: NodeRecord | null;
  drivingScenario: NodeRecord | null;
  requiredByScenario: ScenarioBalanceView[];
  regions: RegionHoldingView[];
  /** Only in a party's gaps and duplicates: whether the party holds and whether it leads the capability. */
  partyHolds?: boolean;
  partyLeads?: boolean;
  simulatedByScenario: SimulatedGapView[];
  simulated: SimulatedGapView | null;
}
export interface LeadConflictView {
  target: NodeRecord | null;
  leads: NodeRecord[];
}
export interface GapAnalysisView {
  scenarios: NodeRecord[];
  phases: string[];
  overcapacityFactor: number;
  withinHours: number | null;
  balance: BalanceView[];
  gaps: BalanceView[];
  duplicates: BalanceView[];
  internationalDependence: BalanceView[];
  multipleLeads: LeadConflictView[];
  uncoveredTasks: NodeRecord[];
  unheldCapabilities: NodeRecord[];
  targetsWithoutLead: NodeRecord[];
}

/** Turns the pure report into views that carry the nodes the viewer may see. */
export function gapView(
  data: PlanningData,
  report: GapReport,
  selected: readonly NodeRecord[],
  options: BalanceOptions,
): GapAnalysisView {
  const node = data.nodes;
  const selectedIds = new Set(selected.map((s) => s.id));
  const runs: StoredRun[] = [...data.runs.values()].filter((r) => selectedIds.has(r.scenario));
  const views = new Map<string, BalanceView>();
  for (const b of report.balance) {
    const simulatedByScenario: SimulatedGapView[] = [];
    for (const run of runs) {
      const c = run.capabilities.find((x) => x.id === b.capability);
      if (c) {
        simulatedByScenario.push({
          scenario: node.get(run.scenario)!,
          runId: run.id,
          probabilityShortfall: c.probabilityShortfall,
          expectedShortfall: c.shortfall.mean,
          p90Shortfall: c.shortfall.p90,
          avoidedImpact: c.avoidedImpact ?? null,
        });
      }
    }
    // The worst simulated case, as `required` is the worst static case: the largest expected shortfall.
    const simulated = simulatedByScenario.reduce<SimulatedGapView | null>(
      (w, s) => (!w || s.expectedShortfall > w.expectedShortfall ? s : w),
      null,
    );
    views.set(b.capability, {
      ...b,
      capability: node.get(b.capability)!,
      holders: b.holders.map((h) => ({ ...h, party: node.get(h.party)! })),
      leads: b.leads.map((p) => node.get(p)).filter((p): p is NodeRecord => !!p),
      scenario: b.scenario ? node.get(b.scenario)! : null,
      drivingScenario: b.drivingScenario ? node.get(b.drivingScenario)! : null,
      requiredByScenario: b.requiredByScenario.map((r) => ({ ...r, scenario: node.get(r.scenario)! })),
      regions: b.regions.map((r) => ({ ...r, holders: r.holders.map((p) => node.get(p)!) })),
      simulatedByScenario,
      simulated,
    });
  }
  return {
    scenarios: [...selected],
    phases: [...(options.phases ?? [])],
    overcapacityFactor: options.overcapacityFactor ?? DEFAULT_OVERCAPACITY_FACTOR,
    withinHours: report.withinHours,
    balance: report.balance.map((b) => views.get(b.capability)!),
    gaps: report.gaps.map((b) => views.get(b.capability)!),
    duplicates: report.duplicates.map((b) => views.get(b.capability)!),
    internationalDependence: report.internationalDependence.map((b) => views.get(b.capability)!),
    multipleLeads: report.multipleLeads.map((m) => ({
      target: node.get(m.target) ?? null,
      leads: m.leads.map((p) => node.get(p)!).filter(Boolean),
    })),
    uncoveredTasks: report.uncoveredTasks.map((id) => node.get(id)!),
    unheldCapabilities: report.unheldCapabilities.map((id) => node.get(id)!),
    targetsWithoutLead: report.targetsWithoutLead.map((t) => node.get(t.id)!),
  };
}

export interface GapArgs extends RankingArgs {
  scenarioIds?: readonly (string | number)[] | null;
  phases?: readonly string[] | null;
  horizons?: readonly string[] | null;
  minRiskRank?: number | null;
  overcapacityFactor?: number | null;
  withinHours?: number | null;
}

/**
 * Checks the arguments, selects scenarios (by id and risk rank) and runs the analysis, once per model revision,
 * visibility class and arguments (the request's analysis scope, src/service/analysis.ts).
 */
export async function analyseGaps(field: string, args: GapArgs, ctx: Context): Promise<GapAnalysisView> {
  const factor = args.overcapacityFactor ?? DEFAULT_OVERCAPACITY_FACTOR;
  if (!Number.isFinite(factor) || factor < 0)
    throw badInput(`${field}: overcapacityFactor: must be a finite number ≥ 0, got ${factor}`);
  if (args.withinHours != null && !(Number.isFinite(args.withinHours) && args.withinHours >= 0)) {
    throw badInput(`${field}: withinHours: must be a finite number of hours ≥ 0, got ${args.withinHours}`);
  }
  if (args.minRiskRank != null && args.minRiskRank < 1)
    throw badInput(`${field}: minRiskRank: must be at least 1, got ${args.minRiskRank}`);
  return ctx.analysis.memo('gapAnalysis', { ...args, overcapacityFactor: factor }, async (entry) => {
    const data = await entry.planningData();
    let selected = filterHorizons(args.horizons, selectScenarios(field, args.scenarioIds, data.scenarios));
    if (args.minRiskRank != null || args.method != null || args.profile != null || args.weights != null) {
      const risk = await entry.riskData();
      const ranking = resolveRanking(field, args, risk.criteria);
      if (args.minRiskRank != null) {
        const full = new Map(risk.scenarios.map((s) => [s.id, s]));
        const { rows } = rankScenarios(risk, selected.map((s) => full.get(s.id)!).filter(Boolean), ranking);
        const keep = new Set(rows.filter((r) => r.rank <= args.minRiskRank!).map((r) => r.scenario));
        selected = selected.filter((s) => keep.has(s.id));
      }
    }
    const options: BalanceOptions = {
      scenarios: selected.map((s) => s.id),
      phases: args.phases ?? null,
      overcapacityFactor: factor,
      withinHours: args.withinHours ?? null,
    };
    return gapView(data, gapReport(data, options), selected, options);
  });
}

/* ---------- types ---------- */

const SimulatedGap = builder.objectRef<SimulatedGapView>('SimulatedGap').implement({
  description: 'The simulated gap of a capability in the newest finished run of one scenario.',
  fields: (t) => ({
    scenario: t.field({ type: NodeRefs.scenarios!, resolve: (s) => s.scenario }),
    runId: t.exposeID('runId'),
    probabilityShortfall: t.exposeFloat('probabilityShortfall', { description: 'P(shortfall > 0 at some step).' }),
    expectedShortfall: t.exposeFloat('expectedShortfall', {
      description: 'Mean of the largest shortfall over the horizon, in the capability’s unit.',
    }),
    p90Shortfall: t.exposeFloat('p90Shortfall'),
    avoidedImpact: t.exposeFloat('avoidedImpact', {
      nullable: true,
      description: 'Drop in mean total impact if this gap alone were closed (needs a close-gaps run).',
    }),
  }),
});

const CapabilityHolder = builder.objectRef<HolderView>('CapabilityHolder').implement({
  description: 'A party holding a capability.',
  fields: (t) => ({
    party: t.field({ type: NodeRefs.parties!, resolve: (h) => h.party }),
    capacity: t.exposeFloat('capacity'),
    readiness: t.exposeFloat('readiness'),
    available: t.exposeFloat('available', { description: 'capacity × readiness.' }),
    national: t.exposeBoolean('national', { description: 'False for international parties.' }),
    region: t.field({
      type: NodeRefs.regions!,
      nullable: true,
      description: 'Where the capacity sits: the holding’s region, else its party’s.',
      resolve: (h, _a, ctx) => (h.region ? ctx.loaders.node.load(h.region) : null),
    }),
    arrivalHours: t.exposeFloat('arrivalHours', {
      description:
        'mobilisationHours + travel time to the nearest affected region of the reported scenario ' +
        '(0 travel without regions).',
    }),
    counted: t.exposeBoolean('counted', {
      description: 'Counts towards available: arrives within withinHours (always without it).',
    }),
  }),
});

const ScenarioRequirement = builder.objectRef<ScenarioBalanceView>('ScenarioRequirement').implement({
  description: 'One selected scenario’s requirement of a capability and what is available to it in time.',
  fields: (t) => ({
    scenario: t.field({ type: NodeRefs.scenarios!, resolve: (r) => r.scenario }),
    required: t.exposeFloat('required'),
    available: t.exposeFloat('available', {
      description: 'Σ capacity × readiness of the holders that arrive within withinHours.',
    }),
    shortfall: t.exposeFloat('shortfall'),
  }),
});

const RegionHolding = builder.objectRef<RegionHoldingView>('RegionHolding').implement({
  description: 'What is held in one affected region of the reported scenario.',
  fields: (t) => ({
    region: t.field({
      type: NodeRefs.regions!,
      nullable: true,
      description: 'The region (null when the viewer may not see it).',
      resolve: (r, _a, ctx) => ctx.loaders.node.load(r.region),
    }),
    capacity: t.exposeFloat('capacity'),
    available: t.exposeFloat('available', { description: 'Σ capacity × readiness held there.' }),
    holders: t.field({ type: [NodeRefs.parties!], resolve: (r) => r.holders }),
  }),
});

export const CapabilityBalanceRef = builder.objectRef<BalanceView>('CapabilityBalance').implement({
  description: 'Required against available for one capability (static CBP gap, docs/model.md#static-gap).',
  fields: (t) => ({
    capability: t.field({ type: NodeRefs.capabilities!, resolve: (b) => b.capability }),
    scenario: t.field({
      type: NodeRefs.scenarios!,
      nullable: true,
      description:
        'The selected scenario with the largest shortfall (ties: the larger requirement); required, ' +
        'available and shortfall are its.',
      resolve: (b) => b.scenario,
    }),
    required: t.exposeFloat('required', {
      description: 'Σ tasks demand × perUnit in `scenario` (without withinHours: the largest).',
    }),
    drivingScenario: t.field({
      type: NodeRefs.scenarios!,
      nullable: true,
      description: 'The same as `scenario`.',
      resolve: (b) => b.drivingScenario,
    }),
    requiredByScenario: t.field({ type: [ScenarioRequirement], resolve: (b) => b.requiredByScenario }),
    available: t.exposeFloat('available', {
      description: 'Σ capacity × readiness over the holders that arrive within withinHours.',
    }),
    availableNational: t.exposeFloat('availableNational', {
      description: 'As available, leaving out international parties.',
    }),
    availableInternational: t.exposeFloat('availableInternational'),
    shortfall: t.exposeFloat('shortfall', { description: 'max(0, required − available).' }),
    surplus: t.exposeFloat('surplus', { description: 'max(0, available − required).' }),
    holders: t.field({ type: [CapabilityHolder], resolve: (b) => b.holders }),
    regions: t.field({
      type: [RegionHolding],
      description: 'Per affected region of `scenario`, what is held there.',
      resolve: (b) => b.regions,
    }),
    partyHolds: t.boolean({
      nullable: true,
      description: 'In party(id).gaps and duplicates: whether the party holds the capability.',
      resolve: (b) => b.partyHolds ?? null,
    }),
    partyLeads: t.boolean({
      nullable: true,
      description: 'In party(id).gaps and duplicates: whether the party leads the capability.',
      resolve: (b) => b.partyLeads ?? null,
    }),
    leads: t.field({
      type: [NodeRefs.parties!],
      description: 'Parties with the lead for this capability.',
      resolve: (b) => b.leads,
    }),
    gap: t.exposeBoolean('gap'),
    duplicate: t.exposeBoolean('duplicate'),
    simulated: t.field({
      type: SimulatedGap,
      nullable: true,
      description:
        'The worst (largest expected shortfall) simulated gap among the selected scenarios with a finished run.',
      resolve: (b) => b.simulated,
    }),
    simulatedByScenario: t.field({ type: [SimulatedGap], resolve: (b) => b.simulatedByScenario }),
  }),
});

export const LeadConflictRef = builder.objectRef<LeadConflictView>('LeadConflict').implement({
  description: 'A target with two or more lead parties (a duplicate in roles).',
  fields: (t) => ({
    target: t.field({ type: EntityRef, nullable: true, resolve: (m) => m.target }),
    leads: t.field({ type: [NodeRefs.parties!], resolve: (m) => m.leads }),
  }),
});

const GapAnalysisRef = builder.objectRef<GapAnalysisView>('GapAnalysis').implement({
  description:
    'Capability-based planning: what must we be able to do, what do we have, where are the gaps and duplicates.',
  fields: (t) => ({
    scenarios: t.field({
      type: [NodeRefs.scenarios!],
      description: 'The scenarios whose requirements count.',
      resolve: (g) => g.scenarios,
    }),
    phases: t.field({ type: [PhaseEnum], resolve: (g) => g.phases as (typeof PHASES)[number][] }),
    overcapacityFactor: t.exposeFloat('overcapacityFactor'),
    withinHours: t.exposeFloat('withinHours', {
      nullable: true,
      description: 'Holdings count only when they arrive within this many hours.',
    }),
    balance: t.field({
      type: [CapabilityBalanceRef],
      description: 'Every capability, by id.',
      resolve: (g) => g.balance,
    }),
    gaps: t.field({
      type: [CapabilityBalanceRef],
      description: 'Balance rows with shortfall > 0, largest first.',
      resolve: (g) => g.gaps,
    }),
    duplicates: t.field({
      type: [CapabilityBalanceRef],
      description:
        'Overcapacity: available > overcapacityFactor × required with two or more holders, ' +
        'largest surplus first. Lead conflicts are in multipleLeads.',
      resolve: (g) => g.duplicates,
    }),
    internationalDependence: t.field({
      type: [CapabilityBalanceRef],
      description:
        'Dependence on international help: capabilities whose requirement is met only when international ' +
        'holders count.',
      resolve: (g) => g.internationalDependence,
    }),
    multipleLeads: t.field({
      type: [LeadConflictRef],
      description:
        'Targets with two or more lead parties (operators leading their service hand over to its government ' +
        'lead and do not count).',
      resolve: (g) => g.multipleLeads,
    }),
    uncoveredTasks: t.field({
      type: [NodeRefs.tasks!],
      description: 'Tasks (in the selected phases) that need no capability.',
      resolve: (g) => g.uncoveredTasks,
    }),
    unheldCapabilities: t.field({
      type: [NodeRefs.capabilities!],
      description: 'Capabilities no party holds.',
      resolve: (g) => g.unheldCapabilities,
    }),
    targetsWithoutLead: t.field({
      type: [EntityRef],
      description: `Nodes of kind ${LEAD_TARGET_KINDS.join(', ')} with no lead party.`,
      resolve: (g) => g.targetsWithoutLead,
    }),
  }),
});

builder.queryField('gapAnalysis', (t) =>
  t.field({
    type: GapAnalysisRef,
    description:
      'Gaps and duplicates: required (largest over the selected scenarios) against available capacity per capability.',
    args: {
      scenarioIds: t.arg.idList({
        description: 'Scenarios whose requirements count (default: all the viewer may see).',
      }),
      phases: t.arg({
        type: [PhaseEnum],
        description: 'Only tasks in these safety-chain phases (proaction … aftercare); default all.',
      }),
      horizons: t.arg({ type: [HorizonEnum], description: HORIZONS_DESCRIPTION }),
      minRiskRank: t.arg.int({
        description:
          'Keep only scenarios ranked this high or better (rank among the selected scenarios, ' +
          'method/profile/weights below).',
      }),
      method: t.arg({
        type: RiskMethodEnum,
        description: 'Ranking method for minRiskRank: WEIGHTED_SUM (default) or MEDAL.',
      }),
      profile: t.arg({ type: WeightProfileIdEnum, description: 'Weight profile for minRiskRank.' }),
      weights: t.arg({ type: [CriterionWeightInput], description: 'Explicit criterion weights for minRiskRank.' }),
      withinHours: t.arg.float({
        description:
          'Count a holding only when it arrives within this many hours: mobilisationHours + travel to the ' +
          'nearest affected region.',
      }),
      overcapacityFactor: t.arg.float({
        defaultValue: DEFAULT_OVERCAPACITY_FACTOR,
        description: 'A capability is a duplicate when available > this × required and it has two or more holders.',
      }),
    },
    resolve: (_root, args, ctx) => analyseGaps('gapAnalysis', args, ctx),
  }),
);
