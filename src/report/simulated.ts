// Simulated figures for the reports: stored runs as a reader may see them (risk profile), and the bounded,
// reproducible computations of the capability analysis (shortfall probabilities, value of closing each gap, the
// recommended portfolio and its robustness). docs/reports.md, "Simulated figures".
import type { Model } from '../model/schema.js';
import type { SimulationResult } from '../simulation/types.js';
import type { PortfolioResult } from '../analysis/portfolio.js';
import type { PairedSet } from '../simulation/paired.js';
import { UserError } from '../domain/errors.js';

/** A finished run of one scenario as stored in Neo4j (its result JSON parsed). */
export interface ReportRun {
  id: string;
  scenario: string;
  result: SimulationResult;
}

/** The report's simulation options; every default is documented in docs/reports.md. */
export interface SimulationChoices {
  /** Iterations per scenario (default 100: seconds on the default model, enough for probabilities to ±10 %). */
  iterations?: number;
  /** Seed of the report's simulations; default the cycle's id, else "weerbaar-report". */
  seed?: string;
  /** Euros over `years` for the recommended portfolio; without it no portfolio is chosen (the report says so). */
  budget?: number | null;
  years?: number;
  /** Worker threads (default 1, in-process; the server passes 2). The numbers are the same for any count. */
  workers?: number;
  /** Upper bound of the work, in dependency-steps, beyond which the report does not simulate and says so. */
  maxWork?: number;
  /** Wall-clock limit of the report's simulations and solves, in ms; beyond it the report says it stopped. */
  timeoutMs?: number;
}

export const DEFAULT_REPORT_ITERATIONS = 100;
export const DEFAULT_REPORT_SEED = 'weerbaar-report';
/** About 10 s of one core on this project's machine (1.7 ns per dependency-step, docs/engine.md). */
export const DEFAULT_MAX_WORK = 6e9;
export const DEFAULT_TIMEOUT_MS = 120_000;

/**
 * The runs a reader may see, with the rows about items the reader may not see left out: a run whose scenario is not
 * in the (visibility-filtered) model is dropped; per-item rows (services, sectors, capabilities, criteria, timeline
 * series) keep only visible ids. Totals stay, as the API gives them (docs/security.md).
 */
export function visibleRuns(runs: readonly ReportRun[], model: Model): ReportRun[] {
  const ids = new Set<string>();
  for (const list of ['services', 'sectors', 'capabilities', 'impactCriteria', 'scenarios'] as const)
    for (const n of model[list] as { id: string }[]) ids.add(n.id);
  const keep = <T extends { id: string }>(l: T[] | undefined): T[] => (l ?? []).filter((r) => ids.has(r.id));
  return runs
    .filter((r) => ids.has(r.scenario))
    .map((r) => ({
      ...r,
      result: {
        ...r.result,
        services: keep(r.result.services),
        sectors: keep(r.result.sectors),
        capabilities: keep(r.result.capabilities),
        criteria: keep(r.result.criteria),
        escalations: keep(r.result.escalations),
        timeline: r.result.timeline
          ? {
              ...r.result.timeline,
              services: keep(r.result.timeline.services),
              sectors: keep(r.result.timeline.sectors),
            }
          : null,
      },
    }));
}

/** Parses stored result JSON; a run whose result does not parse is left out, as the analyses do. */
export function parseRuns(rows: readonly { id: string; scenario: string; result: string | null }[]): ReportRun[] {
  const out: ReportRun[] = [];
  for (const r of rows) {
    if (!r.result) continue;
    try {
      out.push({ id: r.id, scenario: r.scenario, result: JSON.parse(r.result) as SimulationResult });
    } catch {
      // An unreadable result is not a figure; the report says which scenarios have none.
    }
  }
  return out;
}

/** Why a computed section has no figures: the report prints the reason instead of leaving the section out. */
export type Skipped =
  | { reason: 'no-scenarios' }
  | { reason: 'too-large'; work: number; limit: number }
  | { reason: 'timed-out'; seconds: number }
  | { reason: 'no-measures' }
  | { reason: 'no-budget' };

export interface SimulatedShortfall {
  scenario: string;
  capability: string;
  probability: number;
  shortfallMean: number;
  /** Drop in the scenario's mean total impact (0–5 class scale) when this capability alone is topped up. */
  avoidedImpact: number | null;
}

export interface PlanningFigures {
  iterations: number;
  years: number;
  seed: string;
  shortfalls: { rows: SimulatedShortfall[] } | Skipped;
  /** `unsimulated`: why the chosen portfolio has no simulated value (null when it has one or chose nothing). */
  portfolio: { result: PortfolioResult; simulated: PairedSet | null; unsimulated: Skipped | null } | Skipped;
}

/** A simulation left out because the report's time limit ran out (the limit in whole seconds). */
const timedOutAfter = (choices: { timeoutMs: number }): Skipped => ({
  reason: 'timed-out',
  seconds: Math.round(choices.timeoutMs / 1000),
});

export function resolveChoices(c: SimulationChoices | undefined, cycleId: string | null) {
  const iterations = c?.iterations ?? DEFAULT_REPORT_ITERATIONS;
  if (!Number.isInteger(iterations) || iterations < 1 || iterations > 1_000_000)
    throw new UserError(`iterations: must be an integer from 1 to 1000000, got ${iterations}`, 'BAD_USER_INPUT');
  const budget = c?.budget ?? null;
  if (budget !== null && !(Number.isFinite(budget) && budget >= 0))
    throw new UserError(`budget: must be a number of euros ≥ 0, got ${budget}`, 'BAD_USER_INPUT');
  const years = c?.years ?? 4;
  if (!(Number.isFinite(years) && years >= 0))
    throw new UserError(`years: must be a number ≥ 0, got ${years}`, 'BAD_USER_INPUT');
  return {
    iterations,
    seed: c?.seed ?? cycleId ?? DEFAULT_REPORT_SEED,
    budget,
    years,
    workers: c?.workers ?? 1,
    maxWork: c?.maxWork ?? DEFAULT_MAX_WORK,
    timeoutMs: c?.timeoutMs ?? DEFAULT_TIMEOUT_MS,
  };
}

/** Scenarios worth simulating for shortfalls: those that demand a capability (a requirement). */
const demanding = (m: Model) => {
  const s = new Set(m.requirements.map((r) => r.scenario));
  return m.scenarios.filter((x) => s.has(x.id)).map((x) => x.id);
};

/**
 * Work of the close-gaps runs in dependency-steps: iterations × scenarios × (baseline + one replay per capability +
 * all closed) × steps × (services + dependencies + 1). Deterministic, so whether a report simulates does not depend
 * on the machine.
 */
export function closeGapsWork(m: Model, scenarios: number, iterations: number, steps = 168): number {
  return iterations * scenarios * (m.capabilities.length + 2) * steps * (m.services.length + m.dependencies.length + 1);
}

/**
 * The capability analysis's simulated figures for a (visibility-filtered) model: per scenario that demands
 * capabilities, a close-gaps run with the report's iterations and seed; with a budget, the exact portfolio with its
 * core indices and a paired simulation of it. Bounded: over maxWork nothing is simulated, past the timeout the rest
 * stops; either is reported.
 */
export async function planningFigures(
  model: Model,
  choices: ReturnType<typeof resolveChoices>,
): Promise<PlanningFigures> {
  const { iterations, seed, workers } = choices;
  const signal = AbortSignal.timeout(choices.timeoutMs);
  const scenarios = demanding(model);
  let shortfalls: PlanningFigures['shortfalls'];
  const work = closeGapsWork(model, scenarios.length, iterations);
  if (!scenarios.length) shortfalls = { reason: 'no-scenarios' };
  else if (work > choices.maxWork) shortfalls = { reason: 'too-large', work, limit: choices.maxWork };
  else {
    const { runSimulation, SimulationAbortedError } = await import('../simulation/run.js');
    const rows: SimulatedShortfall[] = [];
    try {
      for (const scenario of scenarios) {
        const r = await runSimulation(
          model,
          { scenario, iterations, seed, workers, counterfactual: 'close-gaps', timeline: false },
          { signal },
        );
        for (const c of r.capabilities) {
          if (c.probabilityShortfall > 0)
            rows.push({
              scenario,
              capability: c.id,
              probability: c.probabilityShortfall,
              shortfallMean: c.shortfall.mean,
              avoidedImpact: c.avoidedImpact,
            });
        }
      }
      shortfalls = { rows };
    } catch (e) {
      if (!(e instanceof SimulationAbortedError)) throw e;
      shortfalls = timedOutAfter(choices);
    }
  }
  let portfolio: PlanningFigures['portfolio'];
  if (!(model.measures ?? []).length) portfolio = { reason: 'no-measures' };
  else if (choices.budget === null) portfolio = { reason: 'no-budget' };
  else {
    const { analysePortfolio } = await import('../analysis/portfolio.js');
    const result = await analysePortfolio(model, { budget: choices.budget, years: choices.years });
    let simulated: PairedSet | null = null;
    let unsimulated: Skipped | null = null;
    const pairedWork =
      2 * iterations * model.scenarios.length * 168 * (model.services.length + model.dependencies.length + 1);
    if (result.chosen.length && pairedWork > choices.maxWork)
      unsimulated = { reason: 'too-large', work: pairedWork, limit: choices.maxWork };
    else if (result.chosen.length && signal.aborted) unsimulated = timedOutAfter(choices);
    else if (result.chosen.length) {
      const { evaluateMeasureSets } = await import('../simulation/paired.js');
      const { SimulationAbortedError } = await import('../simulation/pool.js');
      try {
        const paired = await evaluateMeasureSets(
          model,
          [{ id: 'portfolio', measures: result.chosen }],
          { iterations, seed, workers },
          { signal },
        );
        simulated = paired.sets[0] ?? null;
      } catch (e) {
        if (!(e instanceof SimulationAbortedError)) throw e;
        unsimulated = timedOutAfter(choices);
      }
    }
    portfolio = { result, simulated, unsimulated };
  }
  return { iterations, years: choices.years, seed, shortfalls, portfolio };
}

/** True when `visible` lacks an item of `whole` (the edition's filter took something out). */
export function somethingHidden(whole: Model, visible: Model): boolean {
  const lists = whole as unknown as Record<string, unknown>;
  const seen = visible as unknown as Record<string, unknown>;
  return Object.keys(lists).some(
    (k) =>
      Array.isArray(lists[k]) && (lists[k] as unknown[]).length !== ((seen[k] as unknown[] | undefined)?.length ?? 0),
  );
}

/**
 * A public edition shows no figure that hidden items contributed to: each stored run is simulated again on the public
 * model with its own scenario, iterations, seed, horizon, step and threshold (so a model without hidden items gives
 * the stored numbers). Bounded like the capability analysis: runs beyond the work limit or the time limit are left
 * out, with the reason.
 */
export async function recomputeRuns(
  runs: readonly ReportRun[],
  model: Model,
  choices: ReturnType<typeof resolveChoices>,
): Promise<{ runs: ReportRun[]; skipped: { scenario: string; iterations: number; skipped: Skipped }[] }> {
  const { runSimulation, SimulationAbortedError } = await import('../simulation/run.js');
  const signal = AbortSignal.timeout(choices.timeoutMs);
  const out: ReportRun[] = [];
  const skipped: { scenario: string; iterations: number; skipped: Skipped }[] = [];
  let budget = choices.maxWork;
  for (const run of [...runs].sort((a, b) => (a.scenario < b.scenario ? -1 : a.scenario > b.scenario ? 1 : 0))) {
    const m = run.result.meta;
    const work = m.iterations * m.steps * (model.services.length + model.dependencies.length + 1);
    if (work > budget) {
      skipped.push({
        scenario: run.scenario,
        iterations: m.iterations,
        skipped: { reason: 'too-large', work, limit: budget },
      });
      continue;
    }
    if (signal.aborted) {
      skipped.push({
        scenario: run.scenario,
        iterations: m.iterations,
        skipped: timedOutAfter(choices),
      });
      continue;
    }
    budget -= work;
    try {
      const result = await runSimulation(
        model,
        {
          scenario: run.scenario,
          iterations: m.iterations,
          seed: m.seed,
          workers: choices.workers,
          horizonHours: m.horizonHours,
          stepHours: m.stepHours,
          disruptedThreshold: m.disruptedThreshold,
          timeline: run.result.timeline != null,
        },
        { signal },
      );
      out.push({ ...run, result });
    } catch (e) {
      if (!(e instanceof SimulationAbortedError)) throw e;
      skipped.push({
        scenario: run.scenario,
        iterations: m.iterations,
        skipped: timedOutAfter(choices),
      });
    }
  }
  return { runs: out, skipped };
}
