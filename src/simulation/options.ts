// The options of a simulation run, declared once: this zod schema gives their type, their defaults, the messages
// that refuse bad values, the `weerbaar simulate` flags and the GraphQL SimulationInput.
import { availableParallelism } from 'node:os';
import { z } from 'zod';
import type { Problem } from '../domain/errors.js';

export const MAX_ITERATIONS = 1e9;
export const MAX_STEPS = 1e7;
export const MAX_WORKERS = 256;

import { COUNTERFACTUALS, type Counterfactual } from './types.js';
export { COUNTERFACTUALS, type Counterfactual };

/** What an option accepts and how it is offered to a user. */
export interface OptionMeta {
  /** The accepted values in words: messages read "must be <expected>, got <value>". Enums spell their values. */
  expected?: string;
  /** One line of help (CLI and GraphQL description). */
  help: string;
  /** The CLI flag's value placeholder, e.g. `<n>`. */
  placeholder?: string;
  /** Help of the negated CLI flag (booleans: `--no-<flag>`). */
  negatedHelp?: string;
  /** Shown instead of the default in help, when the default is computed. */
  defaultHelp?: string;
  /** GraphQL scalar when it is not the one the zod type gives (an id, or a seed typed as text). */
  graphql?: 'ID' | 'String';
  /** Help per enum value. */
  values?: Record<string, string>;
}
interface Def {
  type: string;
  innerType?: z.ZodType;
  in?: z.ZodType;
  options?: z.ZodType[];
  entries?: object;
}
const def = (s: z.ZodType): Def => (s as unknown as { _zod: { def: Def } })._zod.def;

/** The schema under optional/default/transform wrappers. */
function baseOf(s: z.ZodType): z.ZodType {
  for (let cur = s; ;) {
    const d = def(cur);
    if (d.innerType && (d.type === 'optional' || d.type === 'default' || d.type === 'nullable')) cur = d.innerType;
    else if (d.type === 'pipe' && d.in) cur = d.in;
    else return cur;
  }
}

const meta = z.registry<OptionMeta>();

const integer = (min: number, max: number) =>
  z
    .int()
    .min(min)
    .max(max)
    .register(meta, { expected: `an integer ≥ ${min} and ≤ ${max}`, help: '' });
const positive = () => z.number().gt(0).register(meta, { expected: 'a number > 0', help: '' });
const option = <T extends z.ZodType>(schema: T, m: OptionMeta): T => {
  const inner = meta.get(schema) ?? meta.get(baseOf(schema));
  meta.add(schema, { ...inner, ...m });
  return schema;
};

/** Workers when none are asked for: the number of cores (at most MAX_WORKERS). */
export const defaultWorkers = () => Math.max(1, Math.min(MAX_WORKERS, availableParallelism()));

const fields = {
  scenario: option(z.string().min(1), {
    expected: 'a scenario id',
    help: 'scenario id',
    placeholder: '<id>',
    graphql: 'ID',
  }),
  iterations: option(integer(1, MAX_ITERATIONS), {
    help: 'number of iterations (the cap with a target relative error)',
    placeholder: '<n>',
  }),
  seed: option(z.union([z.string().min(1), z.number()]).transform(String), {
    expected: 'a non-empty string or a finite number',
    help: 'seed of the run',
    placeholder: '<s>',
    graphql: 'String',
  }),
  workers: option(integer(1, MAX_WORKERS).default(defaultWorkers), {
    help: 'worker threads',
    defaultHelp: 'number of cores; 1 runs in-process',
    placeholder: '<w>',
  }),
  horizonHours: option(positive().default(168), { help: 'simulated hours', placeholder: '<h>' }),
  stepHours: option(positive().default(1), { help: 'hours per step', placeholder: '<dt>' }),
  disruptedThreshold: option(z.number().gt(0).max(1).default(0.05), {
    expected: 'a number in (0, 1]',
    placeholder: '<q>',
    help: 'peak inoperability from which a service counts as disrupted',
  }),
  targetRelativeError: option(
    positive()
      .optional()
      .transform((v) => v ?? null),
    {
      help: 'stop once the 95% half-width of the mean total impact is below e × mean',
      placeholder: '<e>',
    },
  ),
  counterfactual: option(z.enum(COUNTERFACTUALS).default('none'), {
    help: '"close-gaps": replay with capabilities topped up and report avoidedImpact',
    placeholder: '<mode>',
    values: { 'close-gaps': 'replay with every capability topped up to its demand' },
  }),
  timeline: option(z.boolean().default(true), {
    expected: 'true or false',
    help: 'also report the mean inoperability through time (result.timeline; ~22 MB of JSON for 5,000 services)',
    negatedHelp: 'leave out result.timeline',
  }),
};

export const simulationOptionsSchema = z.strictObject(fields);

/** Options as given: only scenario, iterations and seed are required. */
export type SimulationOptions = z.input<typeof simulationOptionsSchema>;
/** Options with every default filled in. */
export type ResolvedSimulationOptions = z.output<typeof simulationOptionsSchema>;
export type SimulationOptionName = keyof typeof fields;
export const OPTION_NAMES = Object.keys(fields) as SimulationOptionName[];

export function shown(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number') return String(v);
  const s = JSON.stringify(v);
  return s === undefined ? String(v) : s;
}

/** An option as the CLI and GraphQL offer it. */
export interface OptionField extends OptionMeta {
  name: SimulationOptionName;
  /** `--horizon-hours` for horizonHours. */
  flag: string;
  type: 'Int' | 'Float' | 'String' | 'ID' | 'Boolean' | 'Enum';
  /** Enum values. */
  enumValues?: readonly string[];
  required: boolean;
  /** A constant default (a computed one is described by defaultHelp). */
  defaultValue?: unknown;
  expected: string;
}

function describe(name: SimulationOptionName): OptionField {
  const schema = fields[name] as z.ZodType;
  const m = meta.get(schema)!;
  const base = baseOf(schema);
  const d = def(base);
  const enumValues = d.type === 'enum' ? (Object.values(d.entries!) as string[]) : undefined;
  const type =
    m.graphql ??
    (d.type === 'number'
      ? (base as z.ZodNumber).isInt
        ? 'Int'
        : 'Float'
      : d.type === 'boolean'
        ? 'Boolean'
        : enumValues
          ? 'Enum'
          : 'String');
  const outer = def(schema);
  const defaultValue =
    outer.type === 'default' && !m.defaultHelp
      ? (outer as unknown as { defaultValue: unknown }).defaultValue
      : undefined;
  return {
    ...m,
    name,
    type,
    required: !schema.safeParse(undefined).success,
    flag: `--${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`,
    expected: m.expected ?? (enumValues ? enumValues.map((v) => JSON.stringify(v)).join(' or ') : ''),
    ...(enumValues && { enumValues }),
    ...(defaultValue !== undefined && { defaultValue }),
  };
}

/** Every option, in declaration order, as the CLI and the GraphQL input offer it. */
export const OPTION_FIELDS: readonly OptionField[] = OPTION_NAMES.map(describe);
const byName = new Map(OPTION_FIELDS.map((f) => [f.name as string, f]));

/** Defaults filled in when an option is left out (workers: the number of cores). */
export const DEFAULTS = Object.fromEntries(
  OPTION_FIELDS.flatMap((f) => (f.defaultValue === undefined ? [] : [[f.name, f.defaultValue]])),
) as Pick<
  ResolvedSimulationOptions,
  'horizonHours' | 'stepHours' | 'disruptedThreshold' | 'counterfactual' | 'timeline'
>;

/**
 * Checks options against the schema and fills in the defaults. Problems name the option in `field` (item
 * `options`) and quote the value: "must be an integer ≥ 1 and ≤ 1000000000, got 0". An option given as
 * undefined counts as left out.
 */
export function parseSimulationOptions(options: unknown): {
  value: ResolvedSimulationOptions | null;
  problems: Problem[];
} {
  const given =
    options && typeof options === 'object' && !Array.isArray(options)
      ? Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined))
      : options;
  const r = simulationOptionsSchema.safeParse(given, {
    error: (iss) => {
      const name = String(iss.path?.[0] ?? '');
      const expected = name ? byName.get(name)?.expected : 'an object';
      return expected ? `must be ${expected}, got ${shown(iss.input)}` : undefined;
    },
  });
  if (r.success) {
    // The horizon holds at least one step, and not too many.
    const { horizonHours, stepHours } = r.data;
    const stepGiven = (given as { stepHours?: unknown }).stepHours !== undefined;
    const bad = (field: string, message: string) => ({ value: null, problems: [{ item: 'options', field, message }] });
    if (stepHours > horizonHours) {
      return stepGiven
        ? bad('stepHours', `must not exceed the horizon (${horizonHours} h), got ${stepHours}`)
        : bad('horizonHours', `must be at least one step (${stepHours} h), got ${horizonHours}`);
    }
    if (horizonHours / stepHours > MAX_STEPS) {
      const steps = Math.ceil(horizonHours / stepHours);
      return bad('stepHours', `gives ${steps} steps over the horizon; at most ${MAX_STEPS} are allowed`);
    }
    return { value: r.data, problems: [] };
  }
  const problems = r.error.issues.flatMap((iss): Problem[] =>
    iss.code === 'unrecognized_keys'
      ? iss.keys.map((k) => ({ item: 'options', field: k, message: 'unknown option' }))
      : [{ item: 'options', field: String(iss.path[0] ?? ''), message: iss.message }],
  );
  return { value: null, problems };
}
