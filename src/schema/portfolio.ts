// GraphQL portfolio of measures: the exact best set under a budget, from the model as the viewer sees it
// (analysis/portfolio.ts).
import { builder } from './builder.js';
import { NodeRefs } from './entities.js';
import { WeightProfileIdEnum } from './enums.js';
import type { Context } from './context.js';
import type { NodeRecord } from '../graph/api-repository.js';
import { viewerParam } from '../domain/viewer.js';
import { ValidationError } from '../domain/errors.js';
import {
  analysePortfolio,
  avoidedImpact,
  DEFAULT_YEARS,
  gapChanges,
  scoresAfter,
  type GapChange,
  type MeasureResult,
  type PortfolioModel,
  type PortfolioResult,
  type ShortfallClosed,
} from '../analysis/portfolio.js';
import { badInput, rankScenarios, resolveRanking, selectScenarios } from './risk.js';
import { RiskMethodEnum } from './enums.js';
import type { RiskData } from '../graph/analysis-repository.js';
import type { RiskMethod } from '../analysis/risk.js';

/** Hours a closed shortfall counts for in the risk after a portfolio: the cascade engine's default horizon. */
const DEFAULT_RISK_HORIZON_HOURS = 168;

interface PortfolioView extends Omit<PortfolioResult, 'scenarios'> {
  scenarios: NodeRecord[];
  nodes: Map<string, NodeRecord>;
  /** The model the portfolio was chosen on, and the risk data as the viewer sees it (for before and after). */
  model: PortfolioModel;
  riskData: RiskData;
}

/** The model as the viewer sees it, in the shape the portfolio analysis takes; one read per revision and viewer. */
export async function portfolioModel(
  ctx: Context,
): Promise<{ model: PortfolioModel; scenarios: NodeRecord[]; nodes: Map<string, NodeRecord>; riskData: RiskData }> {
  return ctx.analysis.memo('portfolioModel', null, async (entry) => {
    const [planning, risk, rows] = await Promise.all([
      entry.planningData(),
      entry.riskData(),
      ctx.graph.read('portfolio', 'portfolioInputs', { viewer: viewerParam(ctx.viewer) }),
    ]);
    const row = rows[0] ?? {};
    const measures = (row.measures ?? []) as PortfolioModel['measures'];
    const nodes = new Map(planning.nodes);
    for (const m of measures) nodes.set(m.id, { ...(m as unknown as NodeRecord), __label: 'Measure' });
    const model: PortfolioModel = {
      scenarios: planning.scenarios as unknown as PortfolioModel['scenarios'],
      tasks: planning.tasks as unknown as PortfolioModel['tasks'],
      capabilities: planning.capabilities as unknown as PortfolioModel['capabilities'],
      requirements: planning.requirements as PortfolioModel['requirements'],
      needs: planning.needs as PortfolioModel['needs'],
      holdings: planning.holdings.map((h) => ({
        ...h,
        region: h.region ?? undefined,
        readiness: h.readiness ?? 1,
        mobilisationHours: 0,
      })),
      impactCriteria: risk.criteria as unknown as PortfolioModel['impactCriteria'],
      consequences: (row.consequences ?? []) as PortfolioModel['consequences'],
      measures,
      effects: (row.effects ?? []) as PortfolioModel['effects'],
    };
    return { model, scenarios: planning.scenarios, nodes, riskData: risk };
  });
}

export interface PortfolioArgs {
  budget: number;
  scenarioIds?: readonly (string | number)[] | null;
  years?: number | null;
  samples?: number | null;
}

export async function analyse(field: string, args: PortfolioArgs, ctx: Context): Promise<PortfolioView> {
  const { model, scenarios, nodes, riskData } = await portfolioModel(ctx);
  const selected = selectScenarios(field, args.scenarioIds, scenarios);
  const key = {
    budget: args.budget,
    scenarios: selected.map((s) => s.id),
    years: args.years ?? null,
    samples: args.samples ?? null,
  };
  return ctx.analysis.memo('portfolio', key, async () => {
    try {
      const result = await analysePortfolio(model, {
        budget: args.budget,
        scenarios: selected.map((s) => s.id),
        years: args.years ?? DEFAULT_YEARS,
        ...(args.samples != null ? { samples: args.samples } : {}),
      });
      return { ...result, scenarios: selected, nodes, model, riskData };
    } catch (e) {
      if (e instanceof ValidationError) {
        throw badInput(
          e.problems.map((p) => `${field}: ${p.field.replace(/^scenarios/, 'scenarioIds')}: ${p.message}`).join('; '),
        );
      }
      throw e;
    }
  });
}

/* ---------- types ---------- */

const PortfolioMeasure = builder.objectRef<MeasureResult & { node: NodeRecord | null }>('PortfolioMeasure').implement({
  description: 'One measure in the portfolio analysis.',
  fields: (t) => ({
    id: t.exposeID('id'),
    measure: t.field({ type: NodeRefs.measures!, nullable: true, resolve: (m) => m.node }),
    cost: t.exposeFloat('cost', { description: 'costOneOff + years × costPerYear, in euros.' }),
    value: t.exposeFloat('value', { description: 'The static value V of this measure alone.' }),
    chosen: t.exposeBoolean('chosen'),
    coreIndex: t.exposeFloat('coreIndex', {
      description:
        'Share of the portfolios over every weight profile and the sampled weights that contain the measure.',
    }),
    label: t.exposeString('label', { description: 'core (coreIndex 1), borderline, or exterior (coreIndex 0).' }),
  }),
});

const ShortfallClosedRef = builder.objectRef<ShortfallClosed>('MeasureShortfallClosed').implement({
  description: 'The static shortfall one measure alone closes in one scenario for one capability.',
  fields: (t) => ({
    measure: t.exposeID('measure'),
    scenario: t.exposeID('scenario'),
    capability: t.exposeID('capability'),
    before: t.exposeFloat('before'),
    after: t.exposeFloat('after'),
    closed: t.exposeFloat('closed'),
  }),
});

const ProfilePortfolio = builder
  .objectRef<PortfolioResult['robustness']['profiles'][number]>('ProfilePortfolio')
  .implement({
    description: 'The best portfolio under one named weight profile.',
    fields: (t) => ({
      profile: t.field({ type: WeightProfileIdEnum, resolve: (p) => p.id }),
      chosen: t.exposeIDList('chosen'),
      value: t.exposeFloat('value'),
      cost: t.exposeFloat('cost'),
    }),
  });

interface GapChangeView extends GapChange {
  capabilityNode: NodeRecord | null;
  scenarioNode: NodeRecord | null;
}

const PortfolioGap = builder.objectRef<GapChangeView>('PortfolioGap').implement({
  description:
    'A capability’s static gap before and after the chosen measures, at the selected scenario with the largest ' +
    'shortfall (as gapAnalysis counts it, without withinHours).',
  fields: (t) => ({
    capability: t.field({ type: NodeRefs.capabilities!, nullable: true, resolve: (g) => g.capabilityNode }),
    scenario: t.field({ type: NodeRefs.scenarios!, nullable: true, resolve: (g) => g.scenarioNode }),
    required: t.exposeFloat('required', { description: 'Σ demand × perUnit in that scenario.' }),
    availableBefore: t.exposeFloat('availableBefore', { description: 'Σ capacity × readiness as held now.' }),
    availableAfter: t.exposeFloat('availableAfter', { description: 'With the capacity the chosen measures add.' }),
    shortfallBefore: t.exposeFloat('shortfallBefore'),
    shortfallAfter: t.exposeFloat('shortfallAfter'),
  }),
});

interface AvoidedView {
  criterion: NodeRecord | null;
  value: number;
}
interface ScenarioRiskChange {
  scenario: NodeRecord;
  likelihoodScore: number;
  likelihoodClass: string | null;
  impactBefore: number;
  impactAfter: number;
  impactClassBefore: string | null;
  impactClassAfter: string | null;
  riskBefore: number;
  riskAfter: number;
  rankBefore: number;
  rankAfter: number;
  avoided: AvoidedView[];
}

const AvoidedImpactRef = builder.objectRef<AvoidedView>('PortfolioAvoidedImpact').implement({
  description: 'Impact on one criterion that the chosen measures avoid in one scenario, in the criterion’s unit.',
  fields: (t) => ({
    criterion: t.field({ type: NodeRefs.impactCriteria!, nullable: true, resolve: (a) => a.criterion }),
    value: t.exposeFloat('value'),
  }),
});

const PortfolioRisk = builder.objectRef<ScenarioRiskChange>('PortfolioScenarioRisk').implement({
  description:
    'A scenario on the risk diagram before and after the chosen measures: the expert impact per criterion less the ' +
    'impact the measures avoid (the shortfall they close × perUnitHour of its consequences × the horizon), ranked ' +
    'again. The likelihood does not change.',
  fields: (t) => ({
    scenario: t.field({ type: NodeRefs.scenarios!, resolve: (r) => r.scenario }),
    likelihoodScore: t.exposeFloat('likelihoodScore'),
    likelihoodClass: t.exposeString('likelihoodClass', { nullable: true }),
    impactBefore: t.exposeFloat('impactBefore', { description: 'Aggregated impact (0–5 class scale) before.' }),
    impactAfter: t.exposeFloat('impactAfter'),
    impactClassBefore: t.exposeString('impactClassBefore', { nullable: true }),
    impactClassAfter: t.exposeString('impactClassAfter', { nullable: true }),
    riskBefore: t.exposeFloat('riskBefore', { description: 'likelihoodScore × impact, 0–25, before.' }),
    riskAfter: t.exposeFloat('riskAfter'),
    rankBefore: t.exposeInt('rankBefore'),
    rankAfter: t.exposeInt('rankAfter', { description: 'Rank among the selected scenarios after the measures.' }),
    avoided: t.field({ type: [AvoidedImpactRef], resolve: (r) => r.avoided }),
  }),
});

/** The risk of the selected scenarios before and after the chosen measures, in the order of the rank before. */
function riskChanges(
  p: PortfolioView,
  method: RiskMethod | null | undefined,
  horizonHours: number,
): ScenarioRiskChange[] {
  if (!Number.isFinite(horizonHours) || horizonHours <= 0)
    throw badInput(`portfolio: risk: horizonHours: must be a number of hours > 0, got ${horizonHours}`);
  const data = p.riskData;
  const ranking = resolveRanking('portfolio: risk', { method }, data.criteria);
  const ids = new Set(p.scenarios.map((s) => s.id));
  const selected = data.scenarios.filter((s) => ids.has(s.id));
  const avoided = avoidedImpact(p.model, [...ids], p.chosen, horizonHours);
  const before = rankScenarios(data, selected, ranking).rows;
  const after = new Map(
    rankScenarios({ ...data, scores: scoresAfter(data.scores, avoided) }, selected, ranking).rows.map((r) => [
      r.scenario,
      r,
    ]),
  );
  const byId = new Map(selected.map((s) => [s.id, s]));
  const criteria = new Map(data.criteria.map((c) => [c.id, c as NodeRecord]));
  return [...before]
    .sort((a, b) => a.rank - b.rank)
    .map((b) => {
      const a = after.get(b.scenario)!;
      return {
        scenario: byId.get(b.scenario)!,
        likelihoodScore: b.likelihoodScore,
        likelihoodClass: b.likelihoodClass,
        impactBefore: b.impactScore,
        impactAfter: a.impactScore,
        impactClassBefore: b.impactClass,
        impactClassAfter: a.impactClass,
        riskBefore: b.riskScore,
        riskAfter: a.riskScore,
        rankBefore: b.rank,
        rankAfter: a.rank,
        avoided: avoided
          .filter((x) => x.scenario === b.scenario)
          .map((x) => ({ criterion: criteria.get(x.criterion) ?? null, value: x.value })),
      };
    });
}

const PortfolioRef = builder.objectRef<PortfolioView>('Portfolio').implement({
  description:
    'The exact best set of measures under a budget (largest static value; ties: lower cost, then the ' +
    'alphabetically first list of ids), with each measure’s own value and its robustness across weights.',
  fields: (t) => ({
    budget: t.exposeFloat('budget'),
    years: t.exposeFloat('years'),
    cost: t.exposeFloat('cost'),
    value: t.exposeFloat('value', { description: 'V of the chosen set: Σ_s p_s Σ_c u_c × the shortfall it closes.' }),
    chosen: t.exposeIDList('chosen', { description: 'Ids of the chosen measures, sorted.' }),
    measures: t.field({
      type: [PortfolioMeasure],
      resolve: (p) => p.measures.map((m) => ({ ...m, node: p.nodes.get(m.id) ?? null })),
    }),
    scenarios: t.field({ type: [NodeRefs.scenarios!], resolve: (p) => p.scenarios }),
    shortfallClosed: t.field({ type: [ShortfallClosedRef], resolve: (p) => p.shortfallClosed }),
    profiles: t.field({ type: [ProfilePortfolio], resolve: (p) => p.robustness.profiles }),
    samples: t.int({ description: 'Sampled weight sets besides the profiles.', resolve: (p) => p.robustness.samples }),
    gaps: t.field({
      type: [PortfolioGap],
      description: 'Every capability with a static gap in the selected scenarios, before and after the chosen set.',
      resolve: (p) =>
        gapChanges(
          p.model,
          p.scenarios.map((s) => s.id),
          p.chosen,
        ).map((g) => ({
          ...g,
          capabilityNode: p.nodes.get(g.capability) ?? null,
          scenarioNode: p.nodes.get(g.scenario) ?? null,
        })),
    }),
    risk: t.field({
      type: [PortfolioRisk],
      description:
        'The selected scenarios on the risk diagram before and after the chosen set, in the order of the rank before.',
      args: {
        method: t.arg({ type: RiskMethodEnum, defaultValue: 'WEIGHTED_SUM' }),
        horizonHours: t.arg.float({
          defaultValue: DEFAULT_RISK_HORIZON_HOURS,
          description:
            `Hours a closed shortfall counts for (default ${DEFAULT_RISK_HORIZON_HOURS}, the ` + `engine’s horizon).`,
        }),
      },
      resolve: (p, args) => riskChanges(p, args.method, args.horizonHours ?? DEFAULT_RISK_HORIZON_HOURS),
    }),
  }),
});

builder.queryField('portfolio', (t) =>
  t.field({
    type: PortfolioRef,
    description:
      'The best portfolio of measures under a budget, over the selected scenarios (default: all the viewer ' +
      'may see), from what the viewer may see.',
    args: {
      budget: t.arg.float({ required: true, description: 'Euros over `years`.' }),
      scenarioIds: t.arg.idList(),
      years: t.arg.float({ description: `Years of running costs counted (default ${DEFAULT_YEARS}).` }),
      samples: t.arg.int({ description: 'Random weight sets for the robustness check (default 20).' }),
    },
    resolve: (_root, args, ctx) => analyse('portfolio', args, ctx),
  }),
);
