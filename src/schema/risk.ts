// GraphQL risk assessment: likelihood × impact per scenario, ranked by a multi-criteria method, with the risk diagram
// and rank sensitivity.
import { builder } from './builder.js';
import { NodeRefs } from './entities.js';
import type { NodeRecord } from '../graph/api-repository.js';
import type { RiskData, StoredRun } from '../graph/analysis-repository.js';
import {
  assessRisks,
  rankSensitivity,
  resolveWeights,
  classOfScore,
  type RiskMethod,
  type ScenarioRisk,
  type RiskInput,
} from '../analysis/risk.js';
import { DEFAULT_PROFILE, findProfile, WEIGHT_PROFILES, type WeightProfile } from '../analysis/profiles.js';
import { filterHorizons, HORIZONS_DESCRIPTION } from './horizons.js';
import { IMPACT_CLASSES, type ImpactClass } from '../analysis/impact.js';
import { BadInputError } from '../domain/errors.js';
import { HorizonEnum, RiskMethodEnum, WeightProfileIdEnum } from './enums.js';

/* ---------- shared by the analysis types: argument checks ---------- */

export function badInput(message: string): BadInputError {
  return new BadInputError(message);
}

export interface RankingArgs {
  method?: RiskMethod | null;
  profile?: string | null;
  weights?: readonly { criterion: string | number; weight: number }[] | null;
}

export interface ResolvedRanking {
  method: RiskMethod;
  profile: WeightProfile;
  overrides: Map<string, number>;
}

/** Checks method, profile and weights; every message names the argument and the value. */
export function resolveRanking(field: string, args: RankingArgs, criteria: readonly { id: string }[]): ResolvedRanking {
  const method = args.method ?? 'WEIGHTED_SUM';
  const profileId = args.profile ?? DEFAULT_PROFILE;
  const profile = findProfile(profileId);
  if (!profile)
    throw badInput(
      `${field}: unknown profile "${profileId}"; expected one of ${WEIGHT_PROFILES.map((p) => p.id).join(', ')}`,
    );
  const known = new Set(criteria.map((c) => c.id));
  const overrides = new Map<string, number>();
  (args.weights ?? []).forEach((w, i) => {
    const id = String(w.criterion);
    if (!known.has(id)) throw badInput(`${field}: weights[${i}].criterion: unknown impact criterion "${id}"`);
    if (!Number.isFinite(w.weight) || w.weight < 0)
      throw badInput(`${field}: weights[${i}].weight: must be a finite number ≥ 0, got ${w.weight} for "${id}"`);
    overrides.set(id, w.weight);
  });
  return { method, profile, overrides };
}

/** The selected scenarios (all visible ones when none given); unknown or invisible ids are an error naming the
 * argument. */
export function selectScenarios(
  field: string,
  ids: readonly (string | number)[] | null | undefined,
  scenarios: readonly NodeRecord[],
): NodeRecord[] {
  if (!ids) return [...scenarios];
  const byId = new Map(scenarios.map((s) => [s.id, s]));
  const out: NodeRecord[] = [];
  for (const raw of ids) {
    const id = String(raw);
    const s = byId.get(id);
    if (!s) throw badInput(`${field}: scenarioIds: unknown scenario "${id}"`);
    if (!out.includes(s)) out.push(s);
  }
  return out;
}

/** Ranks the given scenarios; also used by gapAnalysis(minRiskRank). */
export function rankScenarios(
  data: RiskData,
  scenarios: readonly NodeRecord[],
  ranking: ResolvedRanking,
): { input: RiskInput; weights: number[]; rows: ScenarioRisk[] } {
  const input: RiskInput = { criteria: data.criteria, scenarios, scores: data.scores };
  const weights = resolveWeights(data.criteria, ranking.profile, ranking.overrides);
  return { input, weights, rows: assessRisks(input, ranking.method, weights) };
}

/* ---------- types ---------- */

interface ClassProbabilitiesView {
  A: number;
  B: number;
  C: number;
  D: number;
  E: number;
}
interface SimulatedImpactView {
  runId: string;
  mean: number;
  p90: number;
  meanScore: number | null;
  class: ImpactClass | null;
  classProbabilities: ClassProbabilitiesView;
}
interface CriterionImpactView {
  criterion: NodeRecord;
  value: number | null;
  class: string | null;
  score: number;
  weight: number;
  simulated: SimulatedImpactView | null;
}
interface ScenarioRiskView {
  scenario: NodeRecord;
  rank: number;
  likelihoodClass: string | null;
  likelihood: number | null;
  likelihoodScore: number;
  impacts: CriterionImpactView[];
  impactScore: number;
  impactClass: string | null;
  medals: Record<ImpactClass, number>;
  riskScore: number;
  simulatedRunId: string | null;
  simulatedImpact: number | null;
}
interface SensitivityView {
  scenario: NodeRecord;
  rank: number;
  minRank: number;
  maxRank: number;
  changed: boolean;
  ranks: { profile: string; rank: number }[];
}
interface RiskAssessmentView {
  method: RiskMethod;
  profile: string;
  weights: { criterion: NodeRecord; weight: number }[];
  scenarios: ScenarioRiskView[];
  sensitivity: SensitivityView[];
}

const ClassProbabilities = builder.objectRef<ClassProbabilitiesView>('ClassProbabilities').implement({
  description: 'Probability of each impact class in a simulation; the rest of the mass lies below class A.',
  fields: (t) => Object.fromEntries(IMPACT_CLASSES.map((c) => [c, t.exposeFloat(c)])) as never,
});

const SimulatedImpact = builder.objectRef<SimulatedImpactView>('SimulatedImpact').implement({
  description: 'Impact on one criterion from the newest finished simulation run of the scenario.',
  fields: (t) => ({
    runId: t.exposeID('runId'),
    mean: t.exposeFloat('mean', { description: 'Mean value in the criterion’s unit.' }),
    p90: t.exposeFloat('p90'),
    meanScore: t.exposeFloat('meanScore', { nullable: true, description: 'Mean impactScore on the 0–5 class scale.' }),
    class: t.exposeString('class', { nullable: true, description: 'Class of the mean value.' }),
    classProbabilities: t.field({ type: ClassProbabilities, resolve: (s) => s.classProbabilities }),
  }),
});

const CriterionImpact = builder.objectRef<CriterionImpactView>('CriterionImpact').implement({
  description:
    'A scenario’s impact on one criterion: the expert score, and the simulated one beside it where a run exists.',
  fields: (t) => ({
    criterion: t.field({ type: NodeRefs.impactCriteria!, resolve: (i) => i.criterion }),
    value: t.exposeFloat('value', {
      nullable: true,
      description: 'Expert value in the criterion’s unit (null when only a class was given or not scored).',
    }),
    class: t.exposeString('class', {
      nullable: true,
      description: 'Expert class A–E, X (not applicable), or null below class A / not scored.',
    }),
    score: t.exposeFloat('score', { description: 'impactScore on the 0–5 class scale (0 when not scored).' }),
    weight: t.exposeFloat('weight'),
    simulated: t.field({ type: SimulatedImpact, nullable: true, resolve: (i) => i.simulated }),
  }),
});

const Medals = builder.objectRef<Record<ImpactClass, number>>('Medals').implement({
  description: 'Weighted number of criteria a scenario scores in each class (the medal method counts these).',
  fields: (t) => Object.fromEntries(IMPACT_CLASSES.map((c) => [c, t.exposeFloat(c)])) as never,
});

const ScenarioRiskRef = builder.objectRef<ScenarioRiskView>('ScenarioRisk').implement({
  description: 'One scenario on the national risk yardstick.',
  fields: (t) => ({
    scenario: t.field({ type: NodeRefs.scenarios!, resolve: (s) => s.scenario }),
    rank: t.exposeInt('rank', { description: '1 = highest risk under the chosen method and weights.' }),
    likelihoodClass: t.exposeString('likelihoodClass', {
      nullable: true,
      description: 'A–E; from the scenario, else from its probability (NRB bounds).',
    }),
    likelihood: t.exposeFloat('likelihood', {
      nullable: true,
      description: 'Probability within five years, where given.',
    }),
    likelihoodScore: t.exposeFloat('likelihoodScore', { description: 'Likelihood class A–E → 1–5 (0 when unknown).' }),
    impacts: t.field({ type: [CriterionImpact], resolve: (s) => s.impacts }),
    impactScore: t.exposeFloat('impactScore', {
      description: 'Aggregated impact on the 0–5 class scale (weighted mean, or the highest class for MEDAL).',
    }),
    impactClass: t.exposeString('impactClass', { nullable: true }),
    medals: t.field({ type: Medals, resolve: (s) => s.medals }),
    riskScore: t.exposeFloat('riskScore', { description: 'likelihoodScore × impactScore, 0–25.' }),
    simulatedRunId: t.exposeID('simulatedRunId', { nullable: true }),
    simulatedImpact: t.exposeFloat('simulatedImpact', {
      nullable: true,
      description: 'Mean weighted total impact of the newest finished run.',
    }),
  }),
});

const RiskPoint = builder.objectRef<ScenarioRiskView>('RiskPoint').implement({
  description: 'A point of the risk diagram: likelihood (x) against aggregated impact (y).',
  fields: (t) => ({
    scenario: t.field({ type: NodeRefs.scenarios!, resolve: (s) => s.scenario }),
    likelihoodScore: t.exposeFloat('likelihoodScore'),
    likelihoodClass: t.exposeString('likelihoodClass', { nullable: true }),
    impactScore: t.exposeFloat('impactScore'),
    impactClass: t.exposeString('impactClass', { nullable: true }),
    riskScore: t.exposeFloat('riskScore'),
    rank: t.exposeInt('rank'),
  }),
});

const ProfileRank = builder.objectRef<{ profile: string; rank: number }>('ProfileRank').implement({
  fields: (t) => ({ profile: t.expose('profile', { type: WeightProfileIdEnum }), rank: t.exposeInt('rank') }),
});

const RankSensitivityRef = builder.objectRef<SensitivityView>('RankSensitivity').implement({
  description: 'How a scenario’s rank moves across the named weight profiles.',
  fields: (t) => ({
    scenario: t.field({ type: NodeRefs.scenarios!, resolve: (s) => s.scenario }),
    rank: t.exposeInt('rank', { description: 'Rank under the weights of this query.' }),
    minRank: t.exposeInt('minRank', { description: 'Best rank over the profiles and this query’s weights.' }),
    maxRank: t.exposeInt('maxRank'),
    changed: t.exposeBoolean('changed', { description: 'True when the rank is not the same under every profile.' }),
    ranks: t.field({ type: [ProfileRank], resolve: (s) => s.ranks }),
  }),
});

const CriterionWeight = builder.objectRef<{ criterion: NodeRecord; weight: number }>('CriterionWeight').implement({
  fields: (t) => ({
    criterion: t.field({ type: NodeRefs.impactCriteria!, resolve: (w) => w.criterion }),
    weight: t.exposeFloat('weight'),
  }),
});

export const WeightProfileRef = builder.objectRef<WeightProfile>('WeightProfile').implement({
  description: 'A named set of criterion weights for the ranking.',
  fields: (t) => ({
    id: t.exposeID('id'),
    profile: t.field({
      type: WeightProfileIdEnum,
      description: 'This profile as the value of riskAssessment(profile:) and gapAnalysis(profile:).',
      resolve: (p) => p.id,
    }),
    description: t.exposeString('description'),
    source: t.exposeString('source'),
    assumption: t.exposeBoolean('assumption'),
  }),
});

const RiskAssessmentRef = builder.objectRef<RiskAssessmentView>('RiskAssessment').implement({
  description: 'The national risk assessment: which risks come first.',
  fields: (t) => ({
    method: t.expose('method', { type: RiskMethodEnum }),
    profile: t.expose('profile', { type: WeightProfileIdEnum }),
    weights: t.field({
      type: [CriterionWeight],
      description: 'The weight each criterion carried (profile plus explicit weights).',
      resolve: (r) => r.weights,
    }),
    scenarios: t.field({ type: [ScenarioRiskRef], description: 'In rank order.', resolve: (r) => r.scenarios }),
    diagram: t.field({ type: [RiskPoint], resolve: (r) => r.scenarios }),
    sensitivity: t.field({ type: [RankSensitivityRef], description: 'In rank order.', resolve: (r) => r.sensitivity }),
    likelihoodScale: t.string({
      resolve: () =>
        'likelihood class A–E (probability within five years: A < 0.05 %, B < 0.5 %, C < 5 ' +
        '%, D < 50 %, E ≥ 50 %) → 1–5',
    }),
    riskScale: t.string({
      resolve: () => 'risk score = likelihood score (1–5) × aggregated impact (0–5 class scale) = 0–25',
    }),
  }),
});

export const CriterionWeightInput = builder.inputType('CriterionWeightInput', {
  description: 'An explicit weight for one impact criterion; overrides the profile.',
  fields: (t) => ({ criterion: t.id({ required: true }), weight: t.float({ required: true }) }),
});

function simulatedOf(run: StoredRun | undefined, criterionId: string): SimulatedImpactView | null {
  const c = run?.criteria.find((x) => x.id === criterionId);
  if (!run || !c) return null;
  return {
    runId: run.id,
    mean: c.mean,
    p90: c.p90,
    meanScore: c.meanScore ?? null,
    class: null,
    classProbabilities: Object.fromEntries(
      IMPACT_CLASSES.map((k) => [k, c.classProbabilities?.[k] ?? 0]),
    ) as unknown as ClassProbabilitiesView,
  };
}

/** Builds the full assessment view; also used by party and gap resolvers. */
export function assessmentView(
  data: RiskData,
  scenarios: readonly NodeRecord[],
  ranking: ResolvedRanking,
): RiskAssessmentView {
  const { input, weights, rows } = rankScenarios(data, scenarios, ranking);
  const scenarioById = new Map(scenarios.map((s) => [s.id, s]));
  const criterionById = new Map(data.criteria.map((c) => [c.id, c]));
  const thresholds = new Map(data.criteria.map((c) => [c.id, c.thresholds]));
  const views = rows.map((r): ScenarioRiskView => {
    const run = data.runs.get(r.scenario);
    return {
      ...r,
      scenario: scenarioById.get(r.scenario)!,
      impacts: r.impacts.map((i) => {
        const simulated = simulatedOf(run, i.criterion);
        if (simulated) {
          const t = thresholds.get(i.criterion)!;
          let cls: ImpactClass | null = null;
          for (let k = 4; k >= 0; k--)
            if (simulated.mean >= t[k]!) {
              cls = IMPACT_CLASSES[k]!;
              break;
            }
          simulated.class = cls;
        }
        return { ...i, criterion: criterionById.get(i.criterion)!, simulated };
      }),
      simulatedRunId: run?.id ?? null,
      simulatedImpact: run?.totalImpact?.mean ?? null,
    };
  });
  const current = new Map(rows.map((r) => [r.scenario, r.rank]));
  const sens = rankSensitivity(input, ranking.method, WEIGHT_PROFILES);
  const sensitivity = sens
    .map((s): SensitivityView => {
      const rank = current.get(s.scenario)!;
      const minRank = Math.min(s.minRank, rank);
      const maxRank = Math.max(s.maxRank, rank);
      return {
        scenario: scenarioById.get(s.scenario)!,
        rank,
        minRank,
        maxRank,
        changed: minRank !== maxRank,
        ranks: s.ranks,
      };
    })
    .sort((a, b) => a.rank - b.rank);
  return {
    method: ranking.method,
    profile: ranking.profile.id,
    weights: data.criteria.map((c, i) => ({ criterion: c, weight: weights[i]! })),
    scenarios: views,
    sensitivity,
  };
}

builder.queryField('riskAssessment', (t) =>
  t.field({
    type: RiskAssessmentRef,
    description:
      'Which risks come first. method: WEIGHTED_SUM (weighted mean of impactScore; rank by ' +
      'likelihood × impact) or MEDAL ' +
      '(NRB medal method: most class-E criteria first, then D, …; ties by likelihood). ' +
      'Weights come from a named profile ' +
      '(see riskProfiles; default model), overridden per criterion by `weights`. Ranks are ' +
      'among the selected scenarios.',
    args: {
      method: t.arg({ type: RiskMethodEnum, defaultValue: 'WEIGHTED_SUM', description: 'WEIGHTED_SUM or MEDAL.' }),
      profile: t.arg({
        type: WeightProfileIdEnum,
        defaultValue: DEFAULT_PROFILE,
        description: 'A weight profile (riskProfiles).',
      }),
      weights: t.arg({
        type: [CriterionWeightInput],
        description: 'Explicit per-criterion weights (≥ 0) on top of the profile.',
      }),
      scenarioIds: t.arg.idList({ description: 'Only these scenarios (default: all the viewer may see).' }),
      horizons: t.arg({ type: [HorizonEnum], description: HORIZONS_DESCRIPTION }),
    },
    resolve: (_root, args, ctx) =>
      ctx.analysis.memo('riskAssessment', args, async (entry) => {
        const data = await entry.riskData();
        const ranking = resolveRanking('riskAssessment', args, data.criteria);
        const selected = selectScenarios('riskAssessment', args.scenarioIds, data.scenarios);
        const scenarios = filterHorizons(args.horizons, selected);
        return assessmentView(data, scenarios, ranking);
      }),
  }),
);

builder.queryField('riskProfiles', (t) =>
  t.field({
    type: [WeightProfileRef],
    description: 'The named weight profiles for riskAssessment and its sensitivity.',
    resolve: () => [...WEIGHT_PROFILES],
  }),
);

export { classOfScore };
