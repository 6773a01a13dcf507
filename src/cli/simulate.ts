// `weerbaar simulate`: parse and check arguments or a saved definition, run the Monte Carlo engine, write the result
// JSON.
import { writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { Command } from 'commander';
import { BadInputError, UsageError, ValidationError, type Problem } from '../domain/errors.js';
import type { Model } from '../model/schema.js';
import { runSimulation, validateSimulationOptions } from '../simulation/run.js';
import { SimulationPool } from '../simulation/pool.js';
import { timing } from '../simulation/timing.js';
import { OPTION_FIELDS } from '../simulation/options.js';
import { report, usageErrors } from './run.js';
import type { SimulationResult } from '../simulation/types.js';
import type { SimulationOptions } from '../simulation/options.js';

export interface SimulateHooks {
  /** Loads the model from Neo4j when no --model is given. */
  loadModelFromGraph?: () => Promise<Model>;
  /** Stores a run of a graph model as a SimulationRun; returns its id. */
  saveRun?: (record: { scenario: string; parameters: object; result: SimulationResult }) => Promise<string>;
}

/** Option name → its flag, so that messages name what the user typed (all from the options' schema). */
const FLAGS: Record<string, string> = Object.fromEntries(OPTION_FIELDS.map((f) => [f.name, f.flag]));
const NUMERIC = new Set<string>(OPTION_FIELDS.filter((f) => f.type === 'Int' || f.type === 'Float').map((f) => f.name));
const DEFINITION_KEYS = new Set(['$schema', 'name', 'description', 'model', 'out', ...Object.keys(FLAGS)]);

/** Flags as commander gives them: option values as typed, booleans as true/false/undefined. */
type CliOptions = {
  model?: string;
  out?: string;
  progress: boolean;
  /** Run the chunks on `weerbaar worker` processes through this Redis (default REDIS_URL); not a simulation option. */
  redis?: string;
} & Record<string, string | boolean | undefined>;

/**
 * Model validation (the model's schema takes a while to build) is imported when needed, after the worker
 * threads have been started, so that loading it overlaps their start-up.
 */
const validation = () => import('../model/validate.js');

/** A decimal number as typed on the command line; anything else stays a string so validation names it. */
function parseNumber(raw: string): number | string {
  return /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/.test(raw) ? Number(raw) : raw;
}

export function registerSimulate(program: Command, hooks: SimulateHooks = {}): Command {
  const cmd = usageErrors(
    program
      .command('simulate')
      .description(
        'Monte Carlo cascade simulation of one scenario: spread, inoperability, capability shortfalls and impact',
      )
      .argument(
        '[definition]',
        'a saved simulation definition, e.g. simulations/blackout.sim.json (flags override its fields)',
      )
      .option('--model <file.json>', 'model file; without it the model is read from Neo4j'),
  );
  for (const f of OPTION_FIELDS) {
    if (f.type === 'Boolean') continue;
    const byDefault = f.defaultHelp ?? (f.defaultValue !== undefined ? String(f.defaultValue) : undefined);
    cmd.option(`${f.flag} ${f.placeholder ?? '<value>'}`, `${f.help}${byDefault ? ` (default ${byDefault})` : ''}`);
  }
  cmd
    .option('--out <file>', 'write the result JSON here instead of stdout')
    .option('--redis <url>', 'run the chunks on `weerbaar worker` processes through this Redis (default: REDIS_URL)')
    .option('--no-progress', 'no progress bar');
  // Booleans: --x and --no-x; left out, the CLI leaves them off (the timeline costs much JSON) unless a definition
  // turns them on.
  for (const f of OPTION_FIELDS) {
    if (f.type !== 'Boolean') continue;
    cmd
      .option(f.flag, f.help)
      .option(
        `--no-${f.flag.slice(2)}`,
        `${f.negatedHelp ?? `not ${f.name}`} (the default; overrides "${f.name}": true in a definition)`,
      );
  }
  cmd.action(async (definition: string | undefined, opts: CliOptions) => {
    const abort = new AbortController();
    const onSigint = () => abort.abort();
    process.once('SIGINT', onSigint);
    try {
      await simulate(definition, opts, hooks, abort.signal);
    } catch (e) {
      process.exitCode = report(e);
    } finally {
      process.off('SIGINT', onSigint);
    }
  });
  return cmd;
}

async function simulate(
  definition: string | undefined,
  opts: CliOptions,
  hooks: SimulateHooks,
  signal: AbortSignal,
): Promise<void> {
  // Merge: the definition file first, flags over it. Remember where each value came from for messages.
  const options: Record<string, unknown> = {};
  const origin: Record<string, string> = {};
  let modelPath: string | undefined;
  let out = opts.out;
  if (definition !== undefined) {
    const doc = await (await validation()).readJsonFile(definition);
    if (!doc || typeof doc !== 'object' || Array.isArray(doc)) {
      throw new BadInputError(
        `${definition}: must be a JSON object with scenario, iterations, seed and optional model and options`,
      );
    }
    const problems: Problem[] = [];
    for (const [k, v] of Object.entries(doc as Record<string, unknown>)) {
      if (!DEFINITION_KEYS.has(k))
        problems.push({
          item: definition,
          field: k,
          message: `unknown field; expected one of ${[...DEFINITION_KEYS].join(', ')}`,
        });
      else if (k === 'model' || k === 'out') {
        if (typeof v !== 'string' || v === '')
          problems.push({ item: definition, field: k, message: `must be a file path, got ${JSON.stringify(v)}` });
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
    const raw = opts[k];
    if (raw === undefined || typeof raw === 'boolean') continue;
    options[k] = NUMERIC.has(k) ? parseNumber(raw) : raw;
    origin[k] = FLAGS[k]!;
    typed[k] = raw;
  }
  // Booleans (the timeline) are off in the CLI unless asked for (--timeline, or "timeline": true in a definition).
  for (const f of OPTION_FIELDS.filter((o) => o.type === 'Boolean')) {
    const flag = opts[f.name];
    if (typeof flag === 'boolean') {
      options[f.name] = flag;
      origin[f.name] = flag ? f.flag : `--no-${f.flag.slice(2)}`;
    } else options[f.name] ??= false;
  }
  if (opts.model !== undefined) modelPath = opts.model;

  const missing = OPTION_FIELDS.filter((f) => f.required && options[f.name] === undefined).map((f) => f.flag);
  if (missing.length)
    throw new UsageError(
      `missing ${missing.join(', ')}${definition ? ` (neither given as a flag nor in ${definition})` : ''}`,
    );

  // Check the options before loading anything, then again with the model (scenario, memory).
  const named = (e: unknown): never => {
    if (e instanceof ValidationError) {
      throw new ValidationError(
        e.problems.map((p) => ({
          item: origin[p.field] ?? FLAGS[p.field] ?? p.field,
          field: '',
          message: asTyped(p.field, p.message),
        })),
      );
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
  try {
    workers = validateSimulationOptions(options).workers;
  } catch (e) {
    named(e);
  }
  if (modelPath === undefined && !hooks.loadModelFromGraph) {
    throw new BadInputError(
      'no model: pass --model <file.json> ' + '(reading the model from Neo4j is not available in this build)',
    );
  }

  // Start the worker threads now, so that their start-up (thread, modules) overlaps reading and validating the
  // model; runSimulation takes the pool over and ends it. Ended here if the run never starts.
  timing('options checked');
  // With --redis (or REDIS_URL) the chunks go to `weerbaar worker` processes; the result is the same.
  const redis = opts.redis ?? process.env.REDIS_URL;
  const executor = redis
    ? (await import('../simulation/queue/executor.js')).queueExecutorFrom(redis, opts.redis ? '--redis' : 'REDIS_URL')
    : undefined;
  let pool: SimulationPool | undefined = workers > 1 && !executor ? new SimulationPool(workers) : undefined;
  let model: Model;
  let fromGraph = false;
  try {
    if (modelPath !== undefined) model = await (await validation()).readModelFile(modelPath);
    else {
      model = await hooks.loadModelFromGraph!();
      fromGraph = true;
    }
    timing('model read and validated');
    try {
      validateSimulationOptions(options, model);
    } catch (e) {
      named(e);
    }
  } catch (e) {
    await pool?.destroy();
    await executor?.close();
    throw e;
  }

  const cliProgress = opts.progress && process.stderr.isTTY ? (await import('cli-progress')).default : null;
  const bar = cliProgress
    ? new cliProgress.SingleBar(
        {
          stream: process.stderr,
          format:
            'simulate [{bar}] {percentage}% | {value}/{total} iterations | {duration_formatted} ' +
            'elapsed, ETA {eta_formatted}',
          hideCursor: true,
          clearOnComplete: true,
        },
        cliProgress.Presets.shades_classic,
      )
    : null;
  let result: SimulationResult;
  try {
    bar?.start(Number(options.iterations), 0);
    const handedOver = pool;
    pool = undefined;
    result = await runSimulation(model, options as unknown as SimulationOptions, {
      signal,
      ...(handedOver ? { pool: handedOver } : {}),
      ...(executor ? { executor } : {}),
      onProgress: (done, total) => {
        bar?.setTotal(total);
        bar?.update(done);
      },
    });
  } finally {
    bar?.stop();
    await pool?.destroy();
    await executor?.close();
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
      const why = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
      throw new BadInputError(`--out ${out}: cannot write (${why})`);
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
    ? `{\n    "hours": ${JSON.stringify(timeline.hours)},\n    "services": ` +
      `${series(timeline.services)},\n    "sectors": ${series(timeline.sectors)}\n  }`
    : 'null';
  return `${head.slice(0, -2)},\n  "timeline": ${body}\n}`;
}
