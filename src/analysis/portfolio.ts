// Measures and the best portfolio under a budget (pure, apart from the HiGHS solver it calls).
//
// Static value of a set S of measures (pinned):
//   V(S) = Σ_s p_s Σ_c u_c (short(c, s, ∅) − short(c, s, S)),
//   short(c, s, S) = max(0, required(c, s) − available(c, S)),
//   u_c = Σ consequences c → k of weight_k × perUnitHour / thresholds_k[4] (the class-E lower bound),
// so a unit-hour of shortfall counts as the share of a class-E impact it causes. Measures on one capability saturate:
// once its shortfall is closed more capacity adds nothing. The portfolio is the exact optimum of V under the budget,
// an integer program solved with HiGHS; ties go to the lower cost, then to the alphabetically first list of ids.
import seedrandom from 'seedrandom';
import { ValidationError, type Problem } from '../domain/errors.js';
import type { Model } from '../model/schema.js';
import { WEIGHT_PROFILES, profileWeight, type WeightProfile } from './profiles.js';

/** Cost of a measure over `years` is costOneOff + years × costPerYear; the default is a cabinet term. */
export const DEFAULT_YEARS = 4;
/** Weight vectors drawn at random for the robustness check, besides the named profiles. */
export const DEFAULT_WEIGHT_SAMPLES = 20;
/** Seed of the sampled weight vectors (fixed, so that the result is reproducible). */
export const WEIGHT_SAMPLE_SEED = 'weerbaar-portfolio-weights';

export type PortfolioModel = Pick<
  Model,
  | 'scenarios'
  | 'requirements'
  | 'needs'
  | 'holdings'
  | 'impactCriteria'
  | 'consequences'
  | 'measures'
  | 'effects'
  | 'capabilities'
  | 'tasks'
>;

/** Criterion id → weight. */
export type Weights = ReadonlyMap<string, number>;

const byCode = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Cost of one measure over `years`. */
export function measureCost(m: { costOneOff: number; costPerYear: number }, years: number): number {
  return m.costOneOff + years * m.costPerYear;
}

/** The model's own criterion weights. */
export function modelWeights(model: Pick<Model, 'impactCriteria'>): Weights {
  return new Map(model.impactCriteria.map((c) => [c.id, c.weight]));
}

/** Criterion weights under a named profile (profiles.ts). */
export function profileWeights(model: Pick<Model, 'impactCriteria'>, profile: WeightProfile): Weights {
  return new Map(model.impactCriteria.map((c) => [c.id, profileWeight(profile, c)]));
}

/** u_c per capability: Σ consequences from c of weight × perUnitHour / thresholds[4]. */
export function capabilityUtility(
  model: Pick<Model, 'impactCriteria' | 'consequences'>,
  weights: Weights,
): Map<string, number> {
  const criterion = new Map(model.impactCriteria.map((c) => [c.id, c]));
  const u = new Map<string, number>();
  for (const k of model.consequences) {
    const c = criterion.get(k.criterion);
    if (!c) continue;
    const add = ((weights.get(c.id) ?? c.weight) * k.perUnitHour) / c.thresholds[4]!;
    u.set(k.from, (u.get(k.from) ?? 0) + add);
  }
  return u;
}

/** required(c, s) = Σ over the scenario's tasks of demand × perUnit, per capability and selected scenario. */
export function requiredCapacity(
  model: Pick<Model, 'requirements' | 'needs'>,
  scenarios: readonly string[],
): Map<string, Map<string, number>> {
  const wanted = new Set(scenarios);
  const needsOf = new Map<string, { capability: string; perUnit: number }[]>();
  for (const n of model.needs) needsOf.set(n.task, [...(needsOf.get(n.task) ?? []), n]);
  const out = new Map<string, Map<string, number>>();
  for (const r of model.requirements) {
    if (!wanted.has(r.scenario)) continue;
    for (const n of needsOf.get(r.task) ?? []) {
      const row = out.get(n.capability) ?? new Map<string, number>();
      row.set(r.scenario, (row.get(r.scenario) ?? 0) + r.demand * n.perUnit);
      out.set(n.capability, row);
    }
  }
  return out;
}

/** available(c, ∅) = Σ over holdings of capacity × readiness. */
export function availableCapacity(model: Pick<Model, 'holdings'>): Map<string, number> {
  const out = new Map<string, number>();
  for (const h of model.holdings) out.set(h.capability, (out.get(h.capability) ?? 0) + h.capacity * h.readiness);
  return out;
}

/**
 * What each measure adds to available(c): Σ over its effects of capacityDelta × the readiness of the party's
 * holding of c (1 for a new holding). Measure id → capability → added capacity.
 */
export function measureDeltas(
  model: Pick<Model, 'holdings' | 'effects' | 'measures'>,
): Map<string, Map<string, number>> {
  const readiness = new Map(model.holdings.map((h) => [`${h.party}\u0000${h.capability}`, h.readiness]));
  const out = new Map<string, Map<string, number>>(model.measures.map((m) => [m.id, new Map()]));
  for (const e of model.effects) {
    const row = out.get(e.measure);
    if (!row) continue;
    const r = readiness.get(`${e.party}\u0000${e.capability}`) ?? 1;
    row.set(e.capability, (row.get(e.capability) ?? 0) + e.capacityDelta * r);
  }
  return out;
}

/** One (capability, scenario) pair with a shortfall that is worth something: p_s × u_c per unit closed. */
export interface Cell {
  capability: string;
  scenario: string;
  weight: number;
  shortfall: number;
}

/** The problem in plain form: cells with a positive shortfall and weight, measures with their cost and deltas. */
export interface PortfolioProblem {
  scenarios: string[];
  years: number;
  cells: Cell[];
  measures: { id: string; cost: number; deltas: Map<string, number> }[];
}

function checkScenarios(model: Pick<Model, 'scenarios'>, scenarioIds: readonly string[] | null | undefined): string[] {
  if (!scenarioIds || scenarioIds.length === 0) return model.scenarios.map((s) => s.id);
  const known = new Set(model.scenarios.map((s) => s.id));
  const problems: Problem[] = [];
  scenarioIds.forEach((id, i) => {
    if (!known.has(id))
      problems.push({ item: 'options', field: `scenarios[${i}]`, message: `unknown scenario "${id}"` });
  });
  if (new Set(scenarioIds).size !== scenarioIds.length)
    problems.push({ item: 'options', field: 'scenarios', message: 'lists the same scenario twice' });
  if (problems.length) throw new ValidationError(problems);
  return [...scenarioIds];
}

function checkYears(years: unknown): number {
  if (typeof years !== 'number' || !Number.isFinite(years) || years < 0) {
    throw new ValidationError([
      { item: 'options', field: 'years', message: `must be a number ≥ 0, got ${JSON.stringify(years)}` },
    ]);
  }
  return years;
}

/** Builds the problem for the selected scenarios (all when none), the given weights and a number of years. */
export function portfolioProblem(
  model: PortfolioModel,
  options: { scenarios?: readonly string[] | null; years?: number; weights?: Weights } = {},
): PortfolioProblem {
  const scenarios = checkScenarios(model, options.scenarios);
  const years = checkYears(options.years ?? DEFAULT_YEARS);
  const likelihood = new Map(model.scenarios.map((s) => [s.id, s.likelihood ?? 1]));
  const u = capabilityUtility(model, options.weights ?? modelWeights(model));
  const required = requiredCapacity(model, scenarios);
  const available = availableCapacity(model);
  const cells: Cell[] = [];
  for (const c of [...required.keys()].sort(byCode)) {
    const uc = u.get(c) ?? 0;
    for (const s of scenarios) {
      const shortfall = Math.max(0, (required.get(c)!.get(s) ?? 0) - (available.get(c) ?? 0));
      const weight = likelihood.get(s)! * uc;
      if (shortfall > 0 && weight > 0) cells.push({ capability: c, scenario: s, weight, shortfall });
    }
  }
  const deltas = measureDeltas(model);
  const measures = [...model.measures]
    .sort((a, b) => byCode(a.id, b.id))
    .map((m) => ({ id: m.id, cost: measureCost(m, years), deltas: deltas.get(m.id)! }));
  return { scenarios, years, cells, measures };
}

/** V(S) for a set of measure ids. */
export function staticValue(problem: PortfolioProblem, ids: Iterable<string>): number {
  const chosen = new Set(ids);
  const added = new Map<string, number>();
  for (const m of problem.measures) {
    if (!chosen.has(m.id)) continue;
    for (const [c, d] of m.deltas) added.set(c, (added.get(c) ?? 0) + d);
  }
  let v = 0;
  for (const cell of problem.cells) v += cell.weight * Math.min(cell.shortfall, added.get(cell.capability) ?? 0);
  return v;
}

/** Cost of a set of measure ids. */
export function setCost(problem: PortfolioProblem, ids: Iterable<string>): number {
  const chosen = new Set(ids);
  let cost = 0;
  for (const m of problem.measures) if (chosen.has(m.id)) cost += m.cost;
  return cost;
}

/** Per measure, scenario and capability: the shortfall the measure alone closes (static, in the capability's unit). */
export interface ShortfallClosed {
  measure: string;
  scenario: string;
  capability: string;
  before: number;
  after: number;
  closed: number;
}

export function shortfallClosed(model: PortfolioModel, scenarioIds?: readonly string[] | null): ShortfallClosed[] {
  const scenarios = checkScenarios(model, scenarioIds);
  const required = requiredCapacity(model, scenarios);
  const available = availableCapacity(model);
  const out: ShortfallClosed[] = [];
  const deltas = measureDeltas(model);
  for (const m of [...model.measures].sort((a, b) => byCode(a.id, b.id))) {
    for (const [c, d] of [...deltas.get(m.id)!].sort((a, b) => byCode(a[0], b[0]))) {
      for (const s of scenarios) {
        const req = required.get(c)?.get(s) ?? 0;
        const before = Math.max(0, req - (available.get(c) ?? 0));
        const after = Math.max(0, req - (available.get(c) ?? 0) - d);
        if (before > 0) out.push({ measure: m.id, scenario: s, capability: c, before, after, closed: before - after });
      }
    }
  }
  return out;
}

/** A capability's gap before and after a set of measures, at the selected scenario with the largest shortfall. */
export interface GapChange {
  capability: string;
  /** The driving scenario: the largest shortfall before (ties: the larger requirement, then the first id). */
  scenario: string;
  required: number;
  availableBefore: number;
  availableAfter: number;
  shortfallBefore: number;
  shortfallAfter: number;
}

/** What a set of measures adds to available(c), per capability (measureDeltas summed over the set). */
function addedCapacity(model: PortfolioModel, measureIds: Iterable<string>): Map<string, number> {
  const deltas = measureDeltas(model);
  const added = new Map<string, number>();
  for (const id of new Set(measureIds)) {
    for (const [c, d] of deltas.get(id) ?? []) added.set(c, (added.get(c) ?? 0) + d);
  }
  return added;
}

/**
 * The static gaps before and after the measures: every capability with a shortfall in a selected scenario, as the
 * gap analysis counts it (required = Σ demand × perUnit, available = Σ capacity × readiness), with the capacity the
 * measures add. Added capacity is the same in every scenario, so the scenario with the largest shortfall before also
 * has the largest after. Sorted by capability id.
 */
export function gapChanges(
  model: PortfolioModel,
  scenarioIds: readonly string[] | null | undefined,
  measureIds: Iterable<string>,
): GapChange[] {
  const scenarios = checkScenarios(model, scenarioIds);
  const required = requiredCapacity(model, scenarios);
  const available = availableCapacity(model);
  const added = addedCapacity(model, measureIds);
  const out: GapChange[] = [];
  for (const c of [...required.keys()].sort(byCode)) {
    const before = available.get(c) ?? 0;
    const after = before + (added.get(c) ?? 0);
    let driving: { scenario: string; required: number; short: number } | null = null;
    for (const s of [...scenarios].sort(byCode)) {
      const req = required.get(c)!.get(s) ?? 0;
      const short = Math.max(0, req - before);
      if (!driving || short > driving.short || (short === driving.short && req > driving.required))
        driving = { scenario: s, required: req, short };
    }
    if (!driving || driving.short <= 0) continue;
    out.push({
      capability: c,
      scenario: driving.scenario,
      required: driving.required,
      availableBefore: before,
      availableAfter: after,
      shortfallBefore: driving.short,
      shortfallAfter: Math.max(0, driving.required - after),
    });
  }
  return out;
}

/** Impact a set of measures avoids in one scenario on one criterion, in the criterion's unit. */
export interface AvoidedImpact {
  scenario: string;
  criterion: string;
  value: number;
}

/**
 * The static impact the measures avoid over `horizonHours`: per selected scenario and criterion,
 * horizonHours × Σ over consequences c → k of perUnitHour × (short(c, s, ∅) − short(c, s, S)), the consequences of a
 * capability's shortfall as the cascade engine counts them (per shortfall-unit-hour), with the shortfall held for the
 * whole horizon. Only non-zero entries, sorted by scenario then criterion.
 */
export function avoidedImpact(
  model: PortfolioModel,
  scenarioIds: readonly string[] | null | undefined,
  measureIds: Iterable<string>,
  horizonHours: number,
): AvoidedImpact[] {
  if (!Number.isFinite(horizonHours) || horizonHours <= 0) {
    throw new ValidationError([
      { item: 'options', field: 'horizonHours', message: `must be a number of hours > 0, got ${horizonHours}` },
    ]);
  }
  const scenarios = checkScenarios(model, scenarioIds);
  const required = requiredCapacity(model, scenarios);
  const available = availableCapacity(model);
  const added = addedCapacity(model, measureIds);
  const out = new Map<string, AvoidedImpact>();
  for (const s of [...scenarios].sort(byCode)) {
    for (const k of model.consequences) {
      const req = required.get(k.from)?.get(s);
      if (req === undefined) continue;
      const avail = available.get(k.from) ?? 0;
      const closed = Math.max(0, req - avail) - Math.max(0, req - avail - (added.get(k.from) ?? 0));
      if (closed <= 0 || k.perUnitHour <= 0) continue;
      const key = `${s}\u0000${k.criterion}`;
      const row = out.get(key) ?? { scenario: s, criterion: k.criterion, value: 0 };
      row.value += horizonHours * k.perUnitHour * closed;
      out.set(key, row);
    }
  }
  return [...out.values()].sort((a, b) => byCode(a.scenario, b.scenario) || byCode(a.criterion, b.criterion));
}

/**
 * Expert scores with the avoided impact taken off: a score with a value in the criterion's unit becomes
 * max(0, value − avoided); a score given only as a class stays as it is (there is no amount to take from).
 */
export function scoresAfter<S extends { scenario: string; criterion: string; value?: number | null }>(
  scores: readonly S[],
  avoided: readonly AvoidedImpact[],
): S[] {
  const by = new Map(avoided.map((a) => [`${a.scenario}\u0000${a.criterion}`, a.value]));
  return scores.map((sc) => {
    const a = by.get(`${sc.scenario}\u0000${sc.criterion}`);
    return a && sc.value != null ? { ...sc, value: Math.max(0, sc.value - a) } : sc;
  });
}

// ---------------------------------------------------------------------------------------------------------------
// The exact optimum with HiGHS.

interface Highs {
  solve(
    problem: string,
    options?: Record<string, unknown>,
  ): { Status: string; Columns: Record<string, { Primal: number }> };
}
let highsPromise: Promise<Highs> | null = null;
/** The HiGHS WebAssembly solver, loaded once per process. */
export function loadSolver(): Promise<Highs> {
  highsPromise ??= import('highs').then((m) => (m.default as unknown as () => Promise<Highs>)());
  return highsPromise;
}

const SOLVER_OPTIONS = {
  output_flag: false,
  mip_rel_gap: 0,
  mip_abs_gap: 0,
  mip_feasibility_tolerance: 1e-9,
  primal_feasibility_tolerance: 1e-9,
};
/** Relative tolerance under which two values or costs count as equal. */
const TIE = 1e-9;

/** A number in CPLEX LP syntax. */
const num = (v: number) => {
  if (!Number.isFinite(v)) throw new Error(`internal: non-finite coefficient ${v}`);
  return v.toPrecision(17).replace(/\.?0+(e|$)/, '$1');
};

/** Linear form Σ coef × var as LP text (0 when empty). */
function linear(terms: [number, string][]): string {
  const parts = terms.filter(([c]) => c !== 0).map(([c, v]) => `${c < 0 ? '-' : '+'} ${num(Math.abs(c))} ${v}`);
  return parts.length ? parts.join(' ') : '0 x_dummy';
}

interface Solve {
  budget: number;
  /** Measures fixed in or out (index into problem.measures). */
  fixed: Map<number, 0 | 1>;
  /**
   * 'value': maximise V. 'cost': minimise the cost with V ≥ minValue.
   * 'feasible': any set with V ≥ minValue and cost ≤ maxCost.
   */
  goal: 'value' | 'cost' | 'feasible';
  minValue?: number;
  maxCost?: number;
}

/**
 * The MIP: binary x_m; y_j ∈ [0, 1] the share of cell j's shortfall closed,
 * y_j ≤ Σ_m min(1, δ_{m,c}/short_j) x_m;
 * V = Σ_j weight_j short_j y_j (scaled so that the largest term is 1); budget Σ cost_m x_m ≤ B (scaled by B).
 * Returns the chosen measure indices, or null when infeasible.
 */
function solveMip(highs: Highs, problem: PortfolioProblem, s: Solve): number[] | null {
  const { cells, measures } = problem;
  const vScale = Math.max(...cells.map((c) => c.weight * c.shortfall), 0) || 1;
  const cScale = Math.max(s.budget, ...measures.map((m) => m.cost), 0) || 1;
  const vTerms: [number, string][] = cells.map((c, j) => [(c.weight * c.shortfall) / vScale, `y${j}`]);
  const cTerms: [number, string][] = measures.map((m, i) => [m.cost / cScale, `x${i}`]);
  const rows: string[] = [];
  cells.forEach((cell, j) => {
    const terms: [number, string][] = [[1, `y${j}`]];
    measures.forEach((m, i) => {
      const d = m.deltas.get(cell.capability) ?? 0;
      if (d > 0) terms.push([-Math.min(1, d / cell.shortfall), `x${i}`]);
    });
    rows.push(` cell${j}: ${linear(terms)} <= 0`);
  });
  rows.push(` budget: ${linear(cTerms)} <= ${num(s.budget / cScale)}`);
  if (s.minValue !== undefined)
    rows.push(` value: ${linear(vTerms)} >= ${num((s.minValue / vScale) * (1 - TIE) - TIE)}`);
  if (s.maxCost !== undefined) rows.push(` cost: ${linear(cTerms)} <= ${num((s.maxCost / cScale) * (1 + TIE) + TIE)}`);
  const bounds = [' x_dummy = 0'];
  measures.forEach((m, i) => {
    const f = s.fixed.get(i);
    const out = f === 0 || m.cost > s.budget * (1 + TIE);
    bounds.push(f === 1 ? ` x${i} = 1` : out ? ` x${i} = 0` : ` 0 <= x${i} <= 1`);
  });
  cells.forEach((_, j) => bounds.push(` 0 <= y${j} <= 1`));
  const objective =
    s.goal === 'value'
      ? `Maximize\n obj: ${linear(vTerms)}`
      : s.goal === 'cost'
        ? `Minimize\n obj: ${linear(cTerms)}`
        : 'Minimize\n obj: 0 x_dummy';
  const binary = measures.length ? `Binary\n ${measures.map((_, i) => `x${i}`).join(' ')}\n` : '';
  const lp = `${objective}\nSubject To\n${rows.join('\n')}\nBounds\n${bounds.join('\n')}\n${binary}End\n`;
  const result = highs.solve(lp, SOLVER_OPTIONS);
  if (result.Status === 'Infeasible') return null;
  if (result.Status !== 'Optimal') throw new Error(`internal: HiGHS ended with status ${result.Status}`);
  return measures.map((_, i) => i).filter((i) => (result.Columns[`x${i}`]?.Primal ?? 0) > 0.5);
}

export interface PortfolioSolution {
  chosen: string[];
  value: number;
  cost: number;
}

function checkBudget(budget: unknown): number {
  if (typeof budget !== 'number' || !Number.isFinite(budget) || budget < 0) {
    throw new ValidationError([
      { item: 'options', field: 'budget', message: `must be a number of euros ≥ 0, got ${JSON.stringify(budget)}` },
    ]);
  }
  return budget;
}

/**
 * The exact best portfolio: the largest V(S) with cost(S) ≤ budget; among those the lowest cost; among those the
 * alphabetically first sorted list of ids (compared element by element, a list before its extensions).
 *
 * Three stages: (1) maximise V; (2) minimise the cost among sets of that value; (3) build the list element by
 * element: stop when the prefix itself is optimal, else take the alphabetically next measure for which an optimal
 * set with that prefix exists (a feasibility MIP), else leave that measure out for good.
 */
export async function bestPortfolio(problem: PortfolioProblem, budgetIn: number): Promise<PortfolioSolution> {
  const budget = checkBudget(budgetIn);
  const highs = await loadSolver();
  const { measures } = problem;
  const ids = (idx: number[]) => idx.map((i) => measures[i]!.id);
  const affordable = measures.map((m) => m.cost <= budget * (1 + TIE));
  if (!affordable.some(Boolean)) return { chosen: [], value: 0, cost: 0 };

  const first = solveMip(highs, problem, { budget, fixed: new Map(), goal: 'value' });
  if (!first) throw new Error('internal: the empty portfolio is always feasible');
  const bestValue = staticValue(problem, ids(first));
  const cheapest = solveMip(highs, problem, { budget, fixed: new Map(), goal: 'cost', minValue: bestValue }) ?? first;
  const value = Math.max(bestValue, staticValue(problem, ids(cheapest)));
  const cost = setCost(problem, ids(cheapest));
  const equalValue = (v: number) => v >= value - TIE * Math.abs(value);
  const withinCost = (c: number) => c <= cost + TIE * Math.abs(cost);

  const valued = new Set(problem.cells.map((c) => c.capability));
  const touchesCell = measures.map((m) => [...m.deltas].some(([c, d]) => d > 0 && valued.has(c)));
  // (3) Alphabetical order: problem.measures is sorted by id, so the index order is the id order.
  const fixed = new Map<number, 0 | 1>();
  let incumbent = new Set(cheapest);
  const prefix: number[] = [];
  for (let i = 0; i < measures.length; i++) {
    const p = ids(prefix);
    if (equalValue(staticValue(problem, p)) && withinCost(setCost(problem, p))) break;
    if (!affordable[i] || !withinCost(setCost(problem, p) + measures[i]!.cost)) {
      fixed.set(i, 0);
      continue;
    }
    // A measure that closes no valued shortfall changes no set's value: with a cost it is never in a cheapest set.
    if (measures[i]!.cost > 0 && !touchesCell[i]) {
      fixed.set(i, 0);
      continue;
    }
    if (incumbent.has(i)) {
      fixed.set(i, 1);
      prefix.push(i);
      continue;
    }
    const trial = new Map(fixed).set(i, 1);
    const found = solveMip(highs, problem, { budget, fixed: trial, goal: 'feasible', minValue: value, maxCost: cost });
    const ok = found && equalValue(staticValue(problem, ids(found))) && withinCost(setCost(problem, ids(found)));
    if (ok) {
      fixed.set(i, 1);
      prefix.push(i);
      incumbent = new Set(found);
    } else fixed.set(i, 0);
  }
  const chosen = ids(prefix);
  if (!equalValue(staticValue(problem, chosen)) || !withinCost(setCost(problem, chosen))) {
    throw new Error('internal: the tie-breaking stage lost the optimum');
  }
  return { chosen, value: staticValue(problem, chosen), cost: setCost(problem, chosen) };
}

// ---------------------------------------------------------------------------------------------------------------
// Robustness across weights and the result document.

export type CoreLabel = 'core' | 'borderline' | 'exterior';

export interface MeasureResult {
  id: string;
  cost: number;
  /** V of this measure alone. */
  value: number;
  chosen: boolean;
  /** Share of the portfolios over all weight sets (profiles and samples) that contain the measure. */
  coreIndex: number;
  label: CoreLabel;
}

export interface PortfolioResult {
  budget: number;
  years: number;
  cost: number;
  value: number;
  chosen: string[];
  measures: MeasureResult[];
  scenarios: string[];
  /** Static: per measure, selected scenario and capability with a shortfall, what the measure alone closes. */
  shortfallClosed: ShortfallClosed[];
  robustness: {
    /** Named weight profiles, each with the portfolio it gives. */
    profiles: { id: string; chosen: string[]; value: number; cost: number }[];
    samples: number;
    seed: string;
  };
}

export interface PortfolioOptions {
  budget: number;
  scenarios?: readonly string[] | null;
  years?: number;
  /** Random weight vectors besides the named profiles (default 20). */
  samples?: number;
}

export function coreLabel(coreIndex: number): CoreLabel {
  return coreIndex === 1 ? 'core' : coreIndex === 0 ? 'exterior' : 'borderline';
}

/** Criterion weights drawn uniformly in (0, 1], one vector per sample, from a fixed seed. */
export function sampledWeights(
  model: Pick<Model, 'impactCriteria'>,
  samples: number,
  seed = WEIGHT_SAMPLE_SEED,
): Weights[] {
  return Array.from({ length: samples }, (_, i) => {
    const next = seedrandom.alea(`${seed}#${i}`);
    return new Map(model.impactCriteria.map((c) => [c.id, 1 - next()]));
  });
}

const weightKey = (model: Pick<Model, 'impactCriteria'>, w: Weights) =>
  model.impactCriteria.map((c) => w.get(c.id) ?? c.weight).join(',');

/** The whole portfolio analysis: the best portfolio under the model's weights, each measure alone, and robustness. */
export async function analysePortfolio(model: PortfolioModel, options: PortfolioOptions): Promise<PortfolioResult> {
  const budget = checkBudget(options.budget);
  const samples = options.samples ?? DEFAULT_WEIGHT_SAMPLES;
  if (!Number.isInteger(samples) || samples < 0 || samples > 10_000) {
    throw new ValidationError([
      {
        item: 'options',
        field: 'samples',
        message: `must be an integer from 0 to 10000, got ${JSON.stringify(samples)}`,
      },
    ]);
  }
  const base = portfolioProblem(model, { scenarios: options.scenarios, years: options.years });
  const best = await bestPortfolio(base, budget);
  // Weight sets that give the same weights (e.g. `equal` when every model weight is 1) give the same portfolio.
  const solved = new Map<string, PortfolioSolution>([[weightKey(model, modelWeights(model)), best]]);
  const solve = async (weights: Weights) => {
    const key = weightKey(model, weights);
    let s = solved.get(key);
    if (!s) {
      s = await bestPortfolio(
        portfolioProblem(model, { scenarios: base.scenarios, years: base.years, weights }),
        budget,
      );
      solved.set(key, s);
    }
    return s;
  };
  const profiles: PortfolioResult['robustness']['profiles'] = [];
  const solutions: string[][] = [];
  for (const profile of WEIGHT_PROFILES) {
    const s = await solve(profileWeights(model, profile));
    profiles.push({ id: profile.id, ...s });
    solutions.push(s.chosen);
  }
  for (const weights of sampledWeights(model, samples)) solutions.push((await solve(weights)).chosen);
  const chosen = new Set(best.chosen);
  const measures = base.measures.map((m): MeasureResult => {
    const coreIndex = solutions.filter((s) => s.includes(m.id)).length / solutions.length;
    return {
      id: m.id,
      cost: m.cost,
      value: staticValue(base, [m.id]),
      chosen: chosen.has(m.id),
      coreIndex,
      label: coreLabel(coreIndex),
    };
  });
  return {
    budget,
    years: base.years,
    cost: best.cost,
    value: best.value,
    chosen: best.chosen,
    measures,
    scenarios: base.scenarios,
    shortfallClosed: shortfallClosed(model, base.scenarios),
    robustness: { profiles, samples, seed: WEIGHT_SAMPLE_SEED },
  };
}

/**
 * The model with the effects of the given measures carried out: an effect on an existing holding adds to its
 * capacity; an effect on a party without a holding of the capability appends a new holding (readiness 1, no
 * mobilisation delay) after all existing ones. The order of the existing holdings is kept, so a simulation draws
 * the same numbers for them with and without the measures (common random numbers).
 */
export function applyMeasures<M extends Pick<Model, 'holdings' | 'effects' | 'measures'>>(
  model: M,
  measureIds: Iterable<string>,
): M {
  const chosen = new Set(measureIds);
  const known = new Set(model.measures.map((m) => m.id));
  const problems: Problem[] = [];
  [...chosen].forEach((id, i) => {
    if (!known.has(id)) problems.push({ item: 'options', field: `measures[${i}]`, message: `unknown measure "${id}"` });
  });
  if (problems.length) throw new ValidationError(problems);
  const holdings = model.holdings.map((h) => ({ ...h }));
  const at = new Map(holdings.map((h, i) => [`${h.party}\u0000${h.capability}`, i]));
  for (const e of model.effects) {
    if (!chosen.has(e.measure)) continue;
    const key = `${e.party}\u0000${e.capability}`;
    const i = at.get(key);
    if (i !== undefined) holdings[i]!.capacity += e.capacityDelta;
    else {
      at.set(key, holdings.length);
      holdings.push({
        party: e.party,
        capability: e.capability,
        capacity: e.capacityDelta,
        readiness: 1,
        mobilisationHours: 0,
      });
    }
  }
  return { ...model, holdings };
}
