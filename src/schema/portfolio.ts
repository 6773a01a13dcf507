// GraphQL portfolio of measures: the exact best set under a budget, from the model as the viewer sees it
// (analysis/portfolio.ts).
import { builder } from './builder.js';
import { NodeRefs } from './entities.js';
import type { Context } from './context.js';
import type { NodeRecord } from '../graph/api-repository.js';
import { viewerParam } from '../domain/viewer.js';
import { ValidationError } from '../domain/errors.js';
import {
  analysePortfolio,
  DEFAULT_YEARS,
  type MeasureResult,
  type PortfolioModel,
  type PortfolioResult,
  type ShortfallClosed,
} from '../analysis/portfolio.js';
import { badInput, selectScenarios } from './risk.js';

interface PortfolioView extends Omit<PortfolioResult, 'scenarios'> {
  scenarios: NodeRecord[];
  nodes: Map<string, NodeRecord>;
}

/** The model as the viewer sees it, in the shape the portfolio analysis takes; one read per revision and viewer. */
export async function portfolioModel(
  ctx: Context,
): Promise<{ model: PortfolioModel; scenarios: NodeRecord[]; nodes: Map<string, NodeRecord> }> {
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
    return { model, scenarios: planning.scenarios, nodes };
  });
}

export interface PortfolioArgs {
  budget: number;
  scenarioIds?: readonly (string | number)[] | null;
  years?: number | null;
  samples?: number | null;
}

export async function analyse(field: string, args: PortfolioArgs, ctx: Context): Promise<PortfolioView> {
  const { model, scenarios, nodes } = await portfolioModel(ctx);
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
      return { ...result, scenarios: selected, nodes };
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
      profile: t.string({ resolve: (p) => p.id }),
      chosen: t.exposeIDList('chosen'),
      value: t.exposeFloat('value'),
      cost: t.exposeFloat('cost'),
    }),
  });

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
