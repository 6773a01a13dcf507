// `weerbaar simulate`: parse and check arguments or a saved definition, run the Monte Carlo engine, write the result JSON.
import { writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { Command } from 'commander';
import { UserError, ValidationError, type Problem } from '../domain/errors.js';
import type { Model } from '../model/schema.js';
import { runSimulation, validateSimulationOptions } from '../simulation/run.js';
import { SimulationPool } from '../simulation/pool.js';
import { timing } from '../simulation/timing.js';
import type { SimulationOptions, SimulationResult } from '../simulation/types.js';

export interface SimulateHooks {
  /** Loads the model from Neo4j when no --model is given. */
  loadModelFromGraph?: () => Promise<Model>;
  /** Stores a run of a graph model as a SimulationRun; returns its id. */
  saveRun?: (record: { scenario: string; parameters: object; result: SimulationResult }) => Promise<string>;
}

/** Option name in SimulationOptions → its flag, so that messages name what the user typed. */
const FLAGS: Record<string, string> = {
  scenario: '--scenario', iterations: '--iterations', seed: '--seed', workers: '--workers',
  horizonHours: '--horizon-hours', stepHours: '--step-hours', disruptedThreshold: '--disrupted-threshold',
  targetRelativeError: '--target-relative-error', counterfactual: '--counterfactual', timeline: '--timeline',
};
const NUMERIC = ['iterations', 'workers', 'horizonHours', 'stepHours', 'disruptedThreshold', 'targetRelativeError'] as const;
const DEFINITION_KEYS = new Set(['$schema', 'name', 'description', 'model', 'out', ...Object.keys(FLAGS)]);

/** Exit status of a usage error (unknown flag, missing argument); bad values exit with 1. */
const EXIT_USAGE = 2;

interface CliOptions {
  model?: string;
  scenario?: string;
  iterations?: string;
  seed?: string;
  workers?: string;
  horizonHours?: string;
  stepHours?: string;
  disruptedThreshold?: string;
  targetRelativeError?: string;
  counterfactual?: string;
  out?: string;
  progress: boolean;
  /** true with --timeline, false with --no-timeline, undefined with neither (then off unless the definition says true). */
  timeline?: boolean;
}

/**
 * Model validation (zod and the schema take ~60 ms to load) is imported when needed, after the worker
 * threads have been started, so that loading it overlaps their start-up.
 */
const validation = () => import('../model/validate.js');

class UsageError extends UserError {
  constructor(message: string) {
    super(message, 'BAD_USER_INPUT');
  }
}

/** A decimal number as typed on the command line; anything else stays a string so validation names it. */
function parseNumber(raw: string): number | string {
  return /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/.test(raw) ? Number(raw) : raw;
}

export function registerSimulate(program: Command, hooks: SimulateHooks = {}): Command {
  const cmd = program
    .command('simulate')
    .description('Monte Carlo cascade simulation of one scenario: spread, inoperability, capability shortfalls and impact')
    .argument('[definition]', 'a saved simulation definition, e.g. simulations/blackout.sim.json (flags override its fields)')
    .option('--model <file.json>', 'model file; without it the model is read from Neo4j')
    .option('--scenario <id>', 'scenario id')
    .option('--iterations <n>', 'number of iterations (the cap with --target-relative-error)')
    .option('--seed <s>', 'seed of the run')
    .option('--workers <w>', 'worker threads (default: number of cores; 1 runs in-process)')
    .option('--horizon-hours <h>', 'simulated hours (default 168)')
    .option('--step-hours <dt>', 'hours per step (default 1)')
    .option('--disrupted-threshold <q>', 'peak inoperability from which a service counts as disrupted (default 0.05)')
    .option('--target-relative-error <e>', 'stop once the 95% half-width of the mean total impact is below e × mean')
    .option('--counterfactual <mode>', '"close-gaps": replay with capabilities topped up and report avoidedImpact')
    .option('--out <file>', 'write the result JSON here instead of stdout')
    .option('--no-progress', 'no progress bar')
    .option('--timeline', 'also report the mean inoperability through time (result.timeline; ~22 MB of JSON for 5,000 services)')
    .option('--no-timeline', 'leave out result.timeline (the default; overrides "timeline": true in a definition)')
    .exitOverride((err) => {
      // Commander has printed the message; usage errors exit with 2, help with 0.
      process.exit(err.exitCode === 0 ? 0 : EXIT_USAGE);
    })
    .action(async (definition: string | undefined, opts: CliOptions) => {
      const abort = new AbortController();
      const onSigint = () => abort.abort();
      process.once('SIGINT', onSigint);
      try {
        await simulate(definition, opts, hooks, abort.signal);
      } catch (e) {
        process.exitCode = reportError(e);
      } finally {
        process.off('SIGINT', onSigint);
      }
    });
  return cmd;
}

function reportError(e: unknown): number {
  if (e instanceof UsageError) {
    process.stderr.write(`error: ${e.message}\n(see weerbaar simulate --help)\n`);
    return EXIT_USAGE;
  }
  if (e instanceof Error && e.name === 'AbortError') {
    process.stderr.write('simulation cancelled\n');
    return 130;
  }
  const message = e instanceof Error ? e.message : String(e);
  process.stderr.write(`error: ${message}\n`);
  if (!(e instanceof UserError) && process.env.WEERBAAR_DEBUG && e instanceof Error) process.stderr.write(`${e.stack}\n`);
  return 1;
}

async function simulate(definition: string | undefined, opts: CliOptions, hooks: SimulateHooks, signal: AbortSignal): Promise<void> {
  // Merge: the definition file first, flags over it. Remember where each value came from for messages.
  const options: Record<string, unknown> = {};
  const origin: Record<string, string> = {};
  let modelPath: string | undefined;
  let out = opts.out;
  if (definition !== undefined) {
    const doc = await (await validation()).readJsonFile(definition);
    if (!doc || typeof doc !== 'object' || Array.isArray(doc)) throw new UserError(`${definition}: must be a JSON object with scenario, iterations, seed and optional model and options`, 'BAD_USER_INPUT');
    const problems: Problem[] = [];
    for (const [k, v] of Object.entries(doc as Record<string, unknown>)) {
      if (!DEFINITION_KEYS.has(k)) problems.push({ item: definition, field: k, message: `unknown field; expected one of ${[...DEFINITION_KEYS].join(', ')}` });
      else if (k === 'model' || k === 'out') {
        if (typeof v !== 'string' || v === '') problems.push({ item: definition, field: k, message: `must be a file path, got ${JSON.stringify(v)}` });
        // Paths in a definition are relative to the definition file.
        else if (k === 'model') modelPath = resolve(dirname(definition), v);
        else out ??= resolve(dirname(definition), v);
      } else if (k in FLAGS) {
        options[k] = v;
        origin[k] = `${definition}: ${k}`;
      }
    }
    if (problems.length) throw new ValidationError(problems);
  }
  /** What the user typed for each flag, quoted back in messages. */
  const typed: Record<string, string> = {};
  for (const k of Object.keys(FLAGS)) {
    const raw = opts[k as keyof CliOptions];
    if (raw === undefined || typeof raw === 'boolean') continue;
    options[k] = (NUMERIC as readonly string[]).includes(k) ? parseNumber(raw) : raw;
    origin[k] = FLAGS[k]!;
    typed[k] = raw;
  }
  // The timeline is off in the CLI unless asked for (--timeline, or "timeline": true in a definition).
  if (opts.timeline !== undefined) {
    options.timeline = opts.timeline;
    origin.timeline = opts.timeline ? '--timeline' : '--no-timeline';
  } else options.timeline ??= false;
  if (opts.model !== undefined) modelPath = opts.model;

  const missing = ['scenario', 'iterations', 'seed'].filter((k) => options[k] === undefined).map((k) => FLAGS[k]!);
  if (missing.length) throw new UsageError(`missing ${missing.join(', ')}${definition ? ` (neither given as a flag nor in ${definition})` : ''}`);

  // Check the options before loading anything, then again with the model (scenario, memory).
  const named = (e: unknown): never => {
    if (e instanceof ValidationError) {
      throw new ValidationError(e.problems.map((p) => ({ item: origin[p.field] ?? (FLAGS[p.field] ?? p.field), field: '', message: asTyped(p.field, p.message) })));
    }
    throw e;
  };
  // Validation shows the parsed value ("got 0"); for a flag, quote what was typed instead ("got \"0\"").
  const asTyped = (field: string, message: string): string => {
    const raw = typed[field];
    if (raw === undefined) return message;
    const parsed = options[field];
    const shownParsed = typeof parsed === 'string' ? JSON.stringify(parsed) : String(parsed);
    const tail = `got ${shownParsed}`;
    return message.endsWith(tail) ? `${message.slice(0, -tail.length)}got ${JSON.stringify(raw)}` : message;
  };
  let workers = 1;
  try { workers = validateSimulationOptions(options).workers; } catch (e) { named(e); }
  if (modelPath === undefined && !hooks.loadModelFromGraph) throw new UserError('no model: pass --model <file.json> (reading the model from Neo4j is not available in this build)', 'BAD_USER_INPUT');

  // Start the worker threads now, so that their start-up (thread, modules) overlaps reading and validating the
  // model; runSimulation takes the pool over and ends it. Ended here if the run never starts.
  timing('options checked');
  let pool: SimulationPool | undefined = workers > 1 ? new SimulationPool(workers) : undefined;
  let model: Model;
  let fromGraph = false;
  try {
    if (modelPath !== undefined) model = await (await validation()).readModelFile(modelPath);
    else { model = await hooks.loadModelFromGraph!(); fromGraph = true; }
    timing('model read and validated');
    try { validateSimulationOptions(options, model); } catch (e) { named(e); }
  } catch (e) {
    await pool?.destroy();
    throw e;
  }

  const cliProgress = opts.progress && process.stderr.isTTY ? (await import('cli-progress')).default : null;
  const bar = cliProgress
    ? new cliProgress.SingleBar({
      stream: process.stderr,
      format: 'simulate [{bar}] {percentage}% | {value}/{total} iterations | {duration_formatted} elapsed, ETA {eta_formatted}',
      hideCursor: true,
      clearOnComplete: true,
    }, cliProgress.Presets.shades_classic)
    : null;
  let result: SimulationResult;
  try {
    bar?.start(Number(options.iterations), 0);
    const handedOver = pool;
    pool = undefined;
    result = await runSimulation(model, options as unknown as SimulationOptions, {
      signal,
      ...(handedOver ? { pool: handedOver } : {}),
      onProgress: (done, total) => { bar?.setTotal(total); bar?.update(done); },
    });
  } finally {
    bar?.stop();
    await pool?.destroy();
  }

  let runId: string | undefined;
  if (fromGraph && hooks.saveRun) {
    const parameters = { ...options, seed: result.meta.seed, workers: result.meta.workers };
    runId = await hooks.saveRun({ scenario: result.meta.scenario, parameters, result });
    process.stderr.write(`stored as SimulationRun ${runId}\n`);
  }
  const json = `${resultJson(runId ? { ...result, meta: { ...result.meta, runId } } : result)}\n`;
  timing('result JSON made');
  if (out !== undefined) {
    try {
      await writeFile(out, json);
      timing('result written');
    } catch (e) {
      throw new UserError(`--out ${out}: cannot write (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`, 'BAD_USER_INPUT');
    }
    process.stderr.write(`${result.meta.iterations} iterations in ${result.meta.elapsedMs} ms → ${out}\n`);
  } else {
    process.stdout.write(json);
  }
}

/**
 * The result as indented JSON, except that each timeline series is written on one line: indenting
 * would put every one of services × ~200 numbers on a line of its own.
 */
export function resultJson(result: Omit<SimulationResult, 'meta'> & { meta: object }): string {
  const { timeline, ...rest } = result;
  const head = JSON.stringify(rest, null, 2);
  const series = (list: { id: string; meanInoperability: number[] }[]) =>
    list.length ? `[\n${list.map((x) => `      ${JSON.stringify(x)}`).join(',\n')}\n    ]` : '[]';
  const body = timeline
    ? `{\n    "hours": ${JSON.stringify(timeline.hours)},\n    "services": ${series(timeline.services)},\n    "sectors": ${series(timeline.sectors)}\n  }`
    : 'null';
  return `${head.slice(0, -2)},\n  "timeline": ${body}\n}`;
}
