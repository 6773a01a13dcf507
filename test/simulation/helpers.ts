// Small models for the engine's tests, built the way analysts write them.
import { Model, type ModelInput } from '../../src/model/schema.js';
import { validateModel } from '../../src/model/validate.js';
import { compileModel } from '../../src/simulation/compile.js';
import { createWorkspace, drawIteration, runDynamics, TOP_UP_NONE } from '../../src/simulation/kernel/iterate.js';
import type { Model as ModelType } from '../../src/model/schema.js';

/** Services s0…s(n−1) in one sector, with A* given as a matrix (a[i][j]: i depends on j) and shocks c. */
export function iimModel(a: number[][], c: number[], recoveryRate = 1, validate = true): ModelType {
  const n = c.length;
  const input: ModelInput = {
    sectors: [{ id: 'sector', name: 'Sector' }],
    services: Array.from({ length: n }, (_, i) => ({
      id: `s${i}`,
      name: `Service ${i}`,
      sector: 'sector',
      recoveryRate,
    })),
    dependencies: a.flatMap((row, i) =>
      row.flatMap((v, j) => (v > 0 ? [{ from: `s${i}`, to: `s${j}`, strength: v }] : [])),
    ),
    scenarios: [{ id: 'shock', name: 'Constant shock' }],
    disruptions: c.flatMap((v, i) => (v > 0 ? [{ scenario: 'shock', service: `s${i}`, inoperability: v }] : [])),
  };
  // The published DIIM vectors have self-dependence on the diagonal, which the interchange format
  // refuses (a service cannot depend on itself); the kernel itself takes it, so those skip validation.
  return validate ? validateModel(input) : Model.parse(input);
}

export function model(input: ModelInput): ModelType {
  return validateModel(input);
}

/** Runs one iteration in the kernel and returns the workspace with its outcomes. */
export function oneIteration(
  m: ModelType,
  opts: { scenario: string; horizonHours?: number; stepHours?: number; seed?: string; index?: number },
) {
  const compiled = compileModel(m, {
    scenario: opts.scenario,
    horizonHours: opts.horizonHours ?? 168,
    stepHours: opts.stepHours ?? 1,
    disruptedThreshold: 0.05,
  });
  const ws = createWorkspace(compiled);
  drawIteration(compiled, ws, opts.seed ?? 'test', opts.index ?? 0);
  const total = runDynamics(compiled, ws, TOP_UP_NONE);
  return { compiled, ws, total };
}

/** Allowed deviation of an observed frequency from p over n Bernoulli trials: 5 standard deviations (a false alarm
 * about once in 3.5 million runs). */
export function binomialTolerance(p: number, n: number): number {
  return 5 * Math.sqrt((p * (1 - p)) / n);
}
