// Risk assessment (pure): likelihood and impact per scenario, aggregated by a multi-criteria method, ranked;
// sensitivity over weight profiles.
import { classScore, impactClass, impactScore, IMPACT_CLASSES, type ImpactClass } from './impact.js';
import { profileWeight, type WeightProfile } from './profiles.js';

/**
 * WEIGHTED_SUM: aggregated impact = weighted mean of impactScore over the criteria (0–5); rank by
 *   risk score = likelihood score × aggregated impact (0–25).
 * MEDAL: the NRB "medaillemethode" — an ordinal method without compensation between criteria. A scenario's medals
 *   are, per class E … A, the (weighted) number of criteria it scores in that class; scenarios rank by the most
 *   E-medals, then D, … A; ties go to the higher likelihood. Its aggregated impact is the highest class reached
 *   (1–5, 0 below class A), so risk score = likelihood score × that class score.
 */
export const RISK_METHODS = ['WEIGHTED_SUM', 'MEDAL'] as const;
export type RiskMethod = (typeof RISK_METHODS)[number];

/** NRB likelihood classes, probability within five years: A < 0.05 %, B < 0.5 %, C < 5 %, D < 50 %, E ≥ 50 %. */
export const LIKELIHOOD_BOUNDS = [0.0005, 0.005, 0.05, 0.5] as const;

export interface RiskCriterion {
  id: string;
  thresholds: readonly number[];
  weight?: number;
  vitalInterest?: string | null;
}
/** A dated change of a scenario's likelihood (docs/model.md#signals). */
export interface RevisionLike {
  id?: string;
  date: string;
  likelihoodClass?: string | null;
  likelihood?: number | null;
}
export interface RiskScenario {
  id: string;
  likelihoodClass?: string | null;
  likelihood?: number | null;
  /** Its likelihood revisions: the latest (by date, then id) replaces the scenario's own class and probability. */
  likelihoodRevisions?: readonly RevisionLike[] | null;
}
export interface ScoreInput {
  scenario: string;
  criterion: string;
  value?: number | null;
  class?: string | null;
}
export interface SimulatedCriterion {
  id: string;
  mean: number;
  p90: number;
  meanScore?: number;
  classProbabilities: Record<ImpactClass, number>;
}
export interface RiskInput {
  criteria: readonly RiskCriterion[];
  scenarios: readonly RiskScenario[];
  scores: readonly ScoreInput[];
}

export interface CriterionImpact {
  criterion: string;
  /** Expert value in the criterion's unit; null when only a class was given or nothing was scored. */
  value: number | null;
  /** Class A–E, 'X' (not applicable) or null (below class A or not scored). */
  class: ImpactClass | 'X' | null;
  /** impactScore on the 0–5 class scale. */
  score: number;
  weight: number;
}

export interface ScenarioRisk {
  scenario: string;
  likelihoodClass: ImpactClass | null;
  likelihood: number | null;
  likelihoodScore: number;
  impacts: CriterionImpact[];
  /** Aggregated impact by the method, on the 0–5 class scale. */
  impactScore: number;
  impactClass: ImpactClass | null;
  /** Weighted number of criteria per class A–E. */
  medals: Record<ImpactClass, number>;
  riskScore: number;
  rank: number;
}

/** The latest of a scenario's likelihood revisions (by date, then id), or null when it has none. */
export function latestRevision<R extends RevisionLike>(revisions: readonly R[] | null | undefined): R | null {
  let best: R | null = null;
  for (const r of revisions ?? []) {
    if (!best || r.date > best.date || (r.date === best.date && (r.id ?? '') > (best.id ?? ''))) best = r;
  }
  return best;
}

/** The likelihood as it stands: that of the latest revision when there is one, else the scenario's own. */
export function currentLikelihood(s: RiskScenario): { likelihoodClass: string | null; likelihood: number | null } {
  const r = latestRevision(s.likelihoodRevisions) ?? s;
  return { likelihoodClass: r.likelihoodClass ?? null, likelihood: r.likelihood ?? null };
}

/**
 * Likelihood class as it stands (latest revision, else the scenario's): the class given, else derived from its
 * probability with the NRB bounds; null when neither.
 */
export function likelihoodClassOf(scenario: RiskScenario): ImpactClass | null {
  const s = currentLikelihood(scenario);
  if (s.likelihoodClass && (IMPACT_CLASSES as readonly string[]).includes(s.likelihoodClass))
    return s.likelihoodClass as ImpactClass;
  if (s.likelihood == null) return null;
  let k = 0;
  while (k < LIKELIHOOD_BOUNDS.length && s.likelihood >= LIKELIHOOD_BOUNDS[k]!) k++;
  return IMPACT_CLASSES[k]!;
}

/** Likelihood class A–E → 1–5; 0 for a scenario with no likelihood at all (it cannot be placed on the diagram). */
export function likelihoodScore(cls: ImpactClass | null): number {
  return cls ? IMPACT_CLASSES.indexOf(cls) + 1 : 0;
}

/** Class of a score on the 0–5 class scale: [1,2) → A … [5] → E; below 1 → null. */
export function classOfScore(score: number): ImpactClass | null {
  if (score < 1) return null;
  return IMPACT_CLASSES[Math.min(4, Math.floor(score) - 1)]!;
}

/** Weights per criterion from a profile, with explicit per-criterion overrides on top. */
export function resolveWeights(
  criteria: readonly RiskCriterion[],
  profile: WeightProfile,
  overrides: ReadonlyMap<string, number> = new Map(),
): number[] {
  return criteria.map((c) => overrides.get(c.id) ?? profileWeight(profile, c));
}

/** The expert impact of one scenario on one criterion. */
export function expertImpact(criterion: RiskCriterion, score: ScoreInput | undefined, weight: number): CriterionImpact {
  if (!score) return { criterion: criterion.id, value: null, class: null, score: 0, weight };
  if (score.value != null) {
    return {
      criterion: criterion.id,
      value: score.value,
      class: impactClass(score.value, criterion.thresholds),
      score: impactScore(score.value, criterion.thresholds),
      weight,
    };
  }
  const cls = (score.class ?? null) as ImpactClass | 'X' | null;
  return { criterion: criterion.id, value: null, class: cls, score: cls ? classScore(cls) : 0, weight };
}

const emptyMedals = (): Record<ImpactClass, number> => ({ A: 0, B: 0, C: 0, D: 0, E: 0 });
const EPS = 1e-12;

/** Negative when a ranks before b under the method. */
function compare(method: RiskMethod, a: ScenarioRisk, b: ScenarioRisk, weightedImpact: Map<string, number>): number {
  const diff = (x: number, y: number) => (Math.abs(x - y) <= EPS ? 0 : y - x);
  let d = 0;
  if (method === 'MEDAL') {
    for (let k = 4; k >= 0 && d === 0; k--) d = diff(a.medals[IMPACT_CLASSES[k]!], b.medals[IMPACT_CLASSES[k]!]);
    if (d === 0) d = diff(a.likelihoodScore, b.likelihoodScore);
    if (d === 0) d = diff(weightedImpact.get(a.scenario)!, weightedImpact.get(b.scenario)!);
  } else {
    d = diff(a.riskScore, b.riskScore);
    if (d === 0) d = diff(a.impactScore, b.impactScore);
    if (d === 0) d = diff(a.likelihoodScore, b.likelihoodScore);
  }
  return d !== 0 ? d : a.scenario < b.scenario ? -1 : a.scenario > b.scenario ? 1 : 0;
}

/** Scores and ranks every scenario of the input (ranks 1..n, ties broken as documented, last by id). Rows come in rank
 * order. */
export function assessRisks(input: RiskInput, method: RiskMethod, weights: readonly number[]): ScenarioRisk[] {
  const byPair = new Map<string, ScoreInput>();
  for (const s of input.scores) byPair.set(`${s.scenario}\u0000${s.criterion}`, s);
  const totalWeight = weights.reduce((s, w) => s + w, 0);
  const weighted = new Map<string, number>();
  const rows = input.scenarios.map((sc): ScenarioRisk => {
    const impacts = input.criteria.map((c, i) => expertImpact(c, byPair.get(`${sc.id}\u0000${c.id}`), weights[i]!));
    const medals = emptyMedals();
    let sum = 0;
    for (const imp of impacts) {
      sum += imp.weight * imp.score;
      if (imp.class && imp.class !== 'X') medals[imp.class] += imp.weight;
    }
    const weightedMean = totalWeight > 0 ? sum / totalWeight : 0;
    weighted.set(sc.id, weightedMean);
    let top = 0;
    for (let k = 4; k >= 0; k--)
      if (medals[IMPACT_CLASSES[k]!] > 0) {
        top = k + 1;
        break;
      }
    const aggregated = method === 'MEDAL' ? top : weightedMean;
    const lc = likelihoodClassOf(sc);
    const ls = likelihoodScore(lc);
    return {
      scenario: sc.id,
      likelihoodClass: lc,
      likelihood: currentLikelihood(sc).likelihood,
      likelihoodScore: ls,
      impacts,
      medals,
      impactScore: aggregated,
      impactClass: classOfScore(aggregated),
      riskScore: ls * aggregated,
      rank: 0,
    };
  });
  rows.sort((a, b) => compare(method, a, b, weighted));
  rows.forEach((r, i) => {
    r.rank = i + 1;
  });
  return rows;
}

export interface RankSensitivity {
  scenario: string;
  ranks: { profile: string; rank: number }[];
  minRank: number;
  maxRank: number;
  changed: boolean;
}

/** Rank of every scenario under each profile (explicit overrides left out: they describe one view, not a profile). */
export function rankSensitivity(
  input: RiskInput,
  method: RiskMethod,
  profiles: readonly WeightProfile[],
): RankSensitivity[] {
  const out = new Map<string, RankSensitivity>();
  for (const sc of input.scenarios)
    out.set(sc.id, { scenario: sc.id, ranks: [], minRank: Infinity, maxRank: -Infinity, changed: false });
  for (const p of profiles) {
    for (const r of assessRisks(input, method, resolveWeights(input.criteria, p))) {
      const s = out.get(r.scenario)!;
      s.ranks.push({ profile: p.id, rank: r.rank });
      s.minRank = Math.min(s.minRank, r.rank);
      s.maxRank = Math.max(s.maxRank, r.rank);
    }
  }
  for (const s of out.values()) s.changed = s.maxRank !== s.minRank;
  return [...out.values()];
}

/** The scenarios with their likelihood revisions attached (from a model's likelihoodRevisions list). */
export function withRevisions<S extends { id: string }>(
  scenarios: readonly S[],
  revisions: readonly (RevisionLike & { scenario: string })[] | undefined,
): (S & { likelihoodRevisions: RevisionLike[] })[] {
  const by = new Map<string, RevisionLike[]>();
  for (const r of revisions ?? []) by.set(r.scenario, [...(by.get(r.scenario) ?? []), r]);
  return scenarios.map((s) => ({ ...s, likelihoodRevisions: by.get(s.id) ?? [] }));
}
