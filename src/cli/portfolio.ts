// `weerbaar portfolio`: the exact best set of measures under a budget, its robustness across weights, and with
// --iterations the paired simulation of the chosen portfolio and the runner-up sets.
import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { UserError, ValidationError, type Problem } from '../domain/errors.js';
import type { Model } from '../model/schema.js';

export interface PortfolioHooks {
  /** Loads the model from Neo4j when no --model is given. */
  loadModelFromGraph?: () => Promise<Model>;
}

interface CliOptions {
  model?: string;
  budget?: string;
  scenario?: string;
  years?: string;
  out?: string;
  iterations?: string;
  seed?: string;
  workers?: string;
  samples?: string;
  horizonHours?: string;
  stepHours?: string;
}

const EXIT_USAGE = 2;

class UsageError extends UserError {
  constructor(message: string) {
    super(message, 'BAD_USER_INPUT');
  }
}

const NUMBER = /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/;

export function registerPortfolio(program: Command, hooks: PortfolioHooks = {}): Command {
  return program
    .command('portfolio')
    .description(
      'the exact best set of measures under a budget (static value), its robustness across weights, ' +
        'and with --iterations a paired simulation of the chosen set',
    )
    .option('--model <file.json>', 'model file; without it the model is read from Neo4j')
    .option('--budget <euros>', 'budget over the years, in euros')
    .option('--scenario <ids>', 'comma-separated scenario ids (default: all)')
    .option('--years <n>', 'years of running costs counted (default 4, a cabinet term)')
    .option('--samples <n>', 'random weight sets for the robustness check besides the named profiles (default 20)')
    .option('--iterations <n>', 'also simulate the chosen portfolio and the runner-up sets, paired, with n iterations')
    .option('--seed <s>', 'seed of the simulation (with --iterations)')
    .option('--workers <w>', 'worker threads for the simulation (default: number of cores)')
    .option('--horizon-hours <h>', 'simulated hours (default 168)')
    .option('--step-hours <dt>', 'hours per step (default 1)')
    .option('--out <file>', 'write the result JSON here instead of stdout')
    .exitOverride((err) => process.exit(err.exitCode === 0 ? 0 : EXIT_USAGE))
    .action(async (opts: CliOptions) => {
      try {
        await portfolio(opts, hooks);
      } catch (e) {
        process.exitCode = reportError(e);
      }
    });
}

function reportError(e: unknown): number {
  if (e instanceof UsageError) {
    process.stderr.write(`error: ${e.message}\n(see weerbaar portfolio --help)\n`);
    return EXIT_USAGE;
  }
  const message = e instanceof Error ? e.message : String(e);
  process.stderr.write(`error: ${message}\n`);
  if (!(e instanceof UserError)) {
    if (process.env.WEERBAAR_DEBUG && e instanceof Error) process.stderr.write(`${e.stack}\n`);
    return 70;
  }
  return 1;
}

async function portfolio(opts: CliOptions, hooks: PortfolioHooks): Promise<void> {
  if (opts.budget === undefined) throw new UsageError('missing --budget <euros>');
  const problems: Problem[] = [];
  const numberFlag = (
    flag: string,
    raw: string | undefined,
    check: (v: number) => boolean,
    what: string,
  ): number | undefined => {
    if (raw === undefined) return undefined;
    const v = NUMBER.test(raw) ? Number(raw) : NaN;
    if (!Number.isFinite(v) || !check(v)) {
      problems.push({ item: flag, field: '', message: `must be ${what}, got ${JSON.stringify(raw)}` });
      return undefined;
    }
    return v;
  };
  const budget = numberFlag('--budget', opts.budget, (v) => v >= 0, 'a number of euros ≥ 0');
  const years = numberFlag('--years', opts.years, (v) => v >= 0, 'a number ≥ 0');
  const samples = numberFlag(
    '--samples',
    opts.samples,
    (v) => Number.isInteger(v) && v >= 0 && v <= 10_000,
    'an integer from 0 to 10000',
  );
  const iterations = numberFlag(
    '--iterations',
    opts.iterations,
    (v) => Number.isInteger(v) && v >= 1,
    'an integer ≥ 1',
  );
  const workers = numberFlag('--workers', opts.workers, (v) => Number.isInteger(v) && v >= 1, 'an integer ≥ 1');
  const horizonHours = numberFlag('--horizon-hours', opts.horizonHours, (v) => v > 0, 'a number > 0');
  const stepHours = numberFlag('--step-hours', opts.stepHours, (v) => v > 0, 'a number > 0');
  const scenarios = opts.scenario === undefined ? null : opts.scenario.split(',').map((s) => s.trim());
  if (scenarios?.some((s) => s === ''))
    problems.push({
      item: '--scenario',
      field: '',
      message: `must be a comma-separated list of scenario ids, got ${JSON.stringify(opts.scenario)}`,
    });
  if (opts.iterations !== undefined && (opts.seed === undefined || opts.seed === ''))
    problems.push({ item: '--seed', field: '', message: 'is required with --iterations' });
  if (opts.iterations === undefined) {
    for (const [flag, v] of [
      ['--seed', opts.seed],
      ['--workers', opts.workers],
      ['--horizon-hours', opts.horizonHours],
      ['--step-hours', opts.stepHours],
    ] as const) {
      if (v !== undefined) problems.push({ item: flag, field: '', message: 'only applies with --iterations' });
    }
  }
  if (problems.length) throw new ValidationError(problems);

  let model: Model;
  if (opts.model !== undefined) model = await (await import('../model/validate.js')).readModelFile(opts.model);
  else if (hooks.loadModelFromGraph) model = await hooks.loadModelFromGraph();
  else throw new UserError('no model: pass --model <file.json>', 'BAD_USER_INPUT');

  const { analysePortfolio } = await import('../analysis/portfolio.js');
  const asFlags = (e: unknown): never => {
    if (e instanceof ValidationError) {
      const flag: Record<string, string> = {
        budget: '--budget',
        years: '--years',
        samples: '--samples',
        scenarios: '--scenario',
        iterations: '--iterations',
        seed: '--seed',
        workers: '--workers',
        horizonHours: '--horizon-hours',
        stepHours: '--step-hours',
      };
      throw new ValidationError(
        e.problems.map((p) => {
          const base = p.field.replace(/\[\d+\]$/, '');
          return p.item === 'options' && flag[base] ? { item: flag[base]!, field: '', message: p.message } : p;
        }),
      );
    }
    throw e;
  };
  const result: Record<string, unknown> = (await analysePortfolio(model, {
    budget: budget!,
    scenarios,
    ...(years !== undefined ? { years } : {}),
    ...(samples !== undefined ? { samples } : {}),
  }).catch(asFlags)) as unknown as Record<string, unknown>;

  if (iterations !== undefined) {
    const { evaluateMeasureSets } = await import('../simulation/paired.js');
    const chosen = result.chosen as string[];
    const sets = [{ id: 'chosen', measures: chosen }];
    const seen = new Set([chosen.join(',')]);
    for (const p of (result.robustness as { profiles: { id: string; chosen: string[] }[] }).profiles) {
      const key = p.chosen.join(',');
      if (seen.has(key)) continue;
      seen.add(key);
      sets.push({ id: `profile:${p.id}`, measures: p.chosen });
    }
    const simulated = await evaluateMeasureSets(model, sets, {
      scenarios: result.scenarios as string[],
      iterations,
      seed: opts.seed!,
      ...(workers !== undefined ? { workers } : {}),
      ...(horizonHours !== undefined ? { horizonHours } : {}),
      ...(stepHours !== undefined ? { stepHours } : {}),
    }).catch(asFlags);
    result.simulated = simulated;
  }
  const json = `${JSON.stringify(result, null, 2)}\n`;
  if (opts.out !== undefined) {
    try {
      await writeFile(opts.out, json);
    } catch (e) {
      throw new UserError(
        `--out ${opts.out}: cannot write (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`,
        'BAD_USER_INPUT',
      );
    }
    process.stderr.write(
      `portfolio of ${(result.chosen as string[]).length} measures, cost ${result.cost} → ${opts.out}\n`,
    );
  } else process.stdout.write(json);
}
