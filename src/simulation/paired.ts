// Paired Monte Carlo evaluation of measures: every scenario is simulated without and with each set of measures,
// iteration k of both runs drawing from the same stream "<seed>#k" (common random numbers, as the close-gaps
// counterfactual replays). The measures' new holdings come after all existing ones, so the existing draws line up.
// Iterations are independent, so the result is the same to the bit for any number of workers.
import { applyMeasures } from '../analysis/portfolio.js';
import { ValidationError, type Problem } from '../domain/errors.js';
import type { Model } from '../model/schema.js';
import { compileModel } from './compile.js';
import { recordLayout, type CompiledModel, type RecordLayout } from './kernel/compiled.js';
import { createFastEngine } from './kernel/engine.js';
import { SimulationAbortedError, SimulationPool, sharedInit } from './pool.js';
import { validateSimulationOptions } from './run.js';

export interface PairedOptions {
  /** Scenarios to simulate; all of the model's when empty. */
  scenarios?: readonly string[] | null;
  iterations: number;
  seed: string | number;
  workers?: number;
  horizonHours?: number;
  stepHours?: number;
}

/** A mean over the iterations and the half-width of its 95 % interval (1.96 × standard error; null for 1 iteration). */
export interface Estimate {
  mean: number;
  halfWidth95: number | null;
}

export interface PairedScenario {
  scenario: string;
  likelihood: number;
  /**
   * Avoided impact on the yardstick of the static value: Σ_k weight_k × (value_k without − with) / thresholds_k[4]
   * per hour of the horizon. On a deterministic model with constant demand it equals the static value for the scenario.
   */
  value: Estimate;
  /** Drop in the weighted total impact (0–5 class scale) of the run. */
  avoidedImpact: Estimate;
  /** Drop in each criterion's value, in its own unit. */
  criteria: { id: string; avoided: Estimate }[];
}

export interface PairedSet {
  id: string;
  measures: string[];
  /** Σ over scenarios of likelihood × the scenario's estimate (half-widths combined as independent). */
  value: Estimate;
  avoidedImpact: Estimate;
  criteria: { id: string; avoided: Estimate }[];
  scenarios: PairedScenario[];
}

export interface PairedResult {
  meta: { iterations: number; seed: string; workers: number; horizonHours: number; stepHours: number; rng: string };
  sets: PairedSet[];
}

/** Per-iteration records of one scenario of one model (no counterfactual, no timeline). */
async function runRecords(
  model: Model,
  scenario: string,
  iterations: number,
  seed: string,
  horizonHours: number,
  stepHours: number,
  pool: SimulationPool | null,
  signal?: AbortSignal,
): Promise<{ compiled: CompiledModel; layout: RecordLayout; records: Float64Array }> {
  const compiled = compileModel(model, { scenario, horizonHours, stepHours, disruptedThreshold: 0.05 });
  const layout = recordLayout(compiled, false);
  if (!pool) {
    const engine = await createFastEngine(compiled, seed, false, false);
    const records = new Float64Array(iterations * layout.stride);
    const chunk = 1000;
    for (let start = 0; start < iterations; start += chunk) {
      const count = Math.min(chunk, iterations - start);
      records.set(engine.runChunk(start, count), start * layout.stride);
      // In-process (one worker): let a server answer requests between chunks, and stop soon when cancelled.
      if (signal) {
        await new Promise<void>((resolve) => setImmediate(resolve));
        if (signal.aborted) throw new SimulationAbortedError();
      }
    }
    return { compiled, layout, records };
  }
  pool.setRun(sharedInit(compiled, seed, false, false));
  const buffer = new SharedArrayBuffer(iterations * layout.stride * 8);
  const chunk = Math.max(1, Math.ceil(iterations / (4 * pool.threads)));
  const tasks: Promise<void>[] = [];
  for (let start = 0; start < iterations; start += chunk) {
    const count = Math.min(chunk, iterations - start);
    const part = new SharedArrayBuffer(count * layout.stride * 8);
    tasks.push(
      pool.run({ start, count, buffer: part }).then(() => {
        new Float64Array(buffer).set(new Float64Array(part), start * layout.stride);
      }),
    );
  }
  await Promise.all(tasks);
  return { compiled, layout, records: new Float64Array(buffer) };
}

function estimate(diffs: Float64Array): Estimate {
  const n = diffs.length;
  let sum = 0;
  for (const d of diffs) sum += d;
  const mean = sum / n;
  if (n < 2) return { mean, halfWidth95: null };
  let ss = 0;
  for (const d of diffs) ss += (d - mean) ** 2;
  return { mean, halfWidth95: 1.96 * Math.sqrt(ss / (n - 1) / n) };
}

function combine(parts: { weight: number; e: Estimate }[]): Estimate {
  let mean = 0;
  let v = 0;
  let known = true;
  for (const { weight, e } of parts) {
    mean += weight * e.mean;
    if (e.halfWidth95 === null) known = false;
    else v += (weight * e.halfWidth95) ** 2;
  }
  return { mean, halfWidth95: known ? Math.sqrt(v) : null };
}

/**
 * Simulates every selected scenario without measures and with each set of measures (paired iterations) and reports
 * the avoided impact per set, per scenario and weighted by scenario likelihood (1 when absent).
 */
export async function evaluateMeasureSets(
  model: Model,
  sets: readonly { id: string; measures: readonly string[] }[],
  options: PairedOptions,
  control: { signal?: AbortSignal; onProgress?: (done: number, total: number) => void } = {},
): Promise<PairedResult> {
  const known = new Set(model.scenarios.map((s) => s.id));
  const problems: Problem[] = [];
  const scenarios = options.scenarios?.length ? [...options.scenarios] : model.scenarios.map((s) => s.id);
  scenarios.forEach((s, i) => {
    if (!known.has(s)) problems.push({ item: 'options', field: `scenarios[${i}]`, message: `unknown scenario "${s}"` });
  });
  if (scenarios.length === 0)
    problems.push({ item: 'options', field: 'scenarios', message: 'the model has no scenarios to simulate' });
  if (problems.length) throw new ValidationError(problems);
  const opts = validateSimulationOptions(
    {
      scenario: scenarios[0],
      iterations: options.iterations,
      seed: options.seed,
      workers: options.workers,
      horizonHours: options.horizonHours,
      stepHours: options.stepHours,
      timeline: false,
    },
    model,
  );
  const variants = sets.map((s) => ({ ...s, model: applyMeasures(model, s.measures) }));
  const likelihood = new Map(model.scenarios.map((s) => [s.id, s.likelihood ?? 1]));
  const criteria = model.impactCriteria;
  const pool = opts.workers > 1 ? new SimulationPool(opts.workers) : null;
  const perSet = variants.map(() => [] as PairedScenario[]);
  const n = opts.iterations;
  const total = scenarios.length * (variants.length + 1) * n;
  let done = 0;
  const step = () => {
    if (control.signal?.aborted) throw new SimulationAbortedError();
    done += n;
    control.onProgress?.(done, total);
  };
  try {
    for (const scenario of scenarios) {
      if (control.signal?.aborted) throw new SimulationAbortedError();
      const base = await runRecords(
        model,
        scenario,
        n,
        opts.seed,
        opts.horizonHours,
        opts.stepHours,
        pool,
        control.signal,
      );
      step();
      const hours = base.compiled.steps * base.compiled.stepHours;
      for (let v = 0; v < variants.length; v++) {
        const withSet = await runRecords(
          variants[v]!.model,
          scenario,
          n,
          opts.seed,
          opts.horizonHours,
          opts.stepHours,
          pool,
          control.signal,
        );
        step();
        const L0 = base.layout;
        const L1 = withSet.layout;
        const value = new Float64Array(n);
        const total = new Float64Array(n);
        const perCriterion = criteria.map(() => new Float64Array(n));
        for (let k = 0; k < n; k++) {
          const o0 = k * L0.stride;
          const o1 = k * L1.stride;
          total[k] = base.records[o0 + L0.total]! - withSet.records[o1 + L1.total]!;
          let x = 0;
          criteria.forEach((c, j) => {
            const d = base.records[o0 + L0.criterionValue + j]! - withSet.records[o1 + L1.criterionValue + j]!;
            perCriterion[j]![k] = d;
            x += (c.weight * d) / c.thresholds[4]!;
          });
          value[k] = x / hours;
        }
        perSet[v]!.push({
          scenario,
          likelihood: likelihood.get(scenario)!,
          value: estimate(value),
          avoidedImpact: estimate(total),
          criteria: criteria.map((c, j) => ({ id: c.id, avoided: estimate(perCriterion[j]!) })),
        });
      }
    }
  } finally {
    await pool?.destroy();
  }
  return {
    meta: {
      iterations: n,
      seed: opts.seed,
      workers: opts.workers,
      horizonHours: opts.horizonHours,
      stepHours: opts.stepHours,
      rng:
        'seedrandom alea, one stream per iteration keyed "<seed>#<iteration>", the same with ' +
        'and without the measures',
    },
    sets: variants.map((s, v) => {
      const rows = perSet[v]!;
      const w = (pick: (r: PairedScenario) => Estimate) =>
        combine(rows.map((r) => ({ weight: r.likelihood, e: pick(r) })));
      return {
        id: s.id,
        measures: [...s.measures].sort(),
        value: w((r) => r.value),
        avoidedImpact: w((r) => r.avoidedImpact),
        criteria: criteria.map((c, j) => ({ id: c.id, avoided: w((r) => r.criteria[j]!.avoided) })),
        scenarios: rows,
      };
    }),
  };
}
