// The interchange format (docs/model.md#format): one zod schema is the source of truth for types, validation and the
// published JSON Schema.
import { z } from 'zod';
import { MODEL_LISTS, type ModelList } from './kinds.js';

export const CLASSIFICATIONS = ['public', 'restricted', 'confidential'] as const;
export const PHASES = ['proaction', 'prevention', 'preparation', 'response', 'aftercare'] as const;
export const PARTY_KINDS = [
  'ministry',
  'safety-region',
  'municipality',
  'company',
  'ngo',
  'international',
  'other-government',
] as const;
export const ROLES = ['lead', 'support'] as const;
export const CLASSES = ['A', 'B', 'C', 'D', 'E'] as const;
export const HORIZONS = ['short', 'medium', 'long'] as const;
export const CLUSTERS = ['classic', 'socio-economic', 'natural'] as const;
export const NATURES = ['security', 'safety'] as const;
export const INSTRUMENTS = ['policy', 'legislation', 'investment', 'exercise', 'agreement', 'organisation'] as const;
export const MEASURE_STATUSES = ['proposed', 'decided', 'in-progress', 'done', 'dropped'] as const;
export type MeasureStatus = (typeof MEASURE_STATUSES)[number];
export const DIRECTIONS = ['rising', 'stable', 'falling'] as const;

const id = z
  .string()
  .min(1, 'must be a non-empty string')
  .max(200, 'must be at most 200 characters')
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9_.:-]*$/,
    'must start with a letter or digit and contain only letters, digits, "_", ".", ":" and "-"',
  );
const text = z.string().max(10_000);
const unit = z.number().min(0, 'must be between 0 and 1').max(1, 'must be between 0 and 1');
/** A calendar day, YYYY-MM-DD, that exists. */
const DAY_FORMAT = /^\d{4}-\d{2}-\d{2}$/;
export const isoDay = z
  .string()
  .regex(DAY_FORMAT, 'must be a date YYYY-MM-DD')
  .refine(
    (d) => !DAY_FORMAT.test(d) || (!Number.isNaN(Date.parse(d)) && new Date(d).toISOString().slice(0, 10) === d),
    'must be a date that exists',
  );
const nonNegative = z.number().min(0, 'must be ≥ 0').refine(Number.isFinite, 'must be finite');

/** Fields every node may carry: provenance and openness. */
const nodeBase = {
  id,
  name: z.string().min(1, 'must be a non-empty string').max(500),
  description: text.optional(),
  /** Seed section or public reference the item comes from. */
  source: text.optional(),
  /** True when the item's numbers are planning assumptions rather than published figures. */
  assumption: z.boolean().optional(),
  classification: z.enum(CLASSIFICATIONS).optional(),
  /** The party that owns a restricted or confidential item and may see it. */
  owner: id.optional(),
};
/** Fields every relationship may carry. */
const relBase = {
  source: text.optional(),
  assumption: z.boolean().optional(),
  classification: z.enum(CLASSIFICATIONS).optional(),
};

export const VitalInterest = z.strictObject({ ...nodeBase });
export const ImpactCriterion = z.strictObject({
  ...nodeBase,
  /** Number in the national risk assessment method, e.g. "2.1". */
  code: z.string().max(20).optional(),
  vitalInterest: id,
  unit: z.string().min(1).max(100),
  /** Lower bounds of classes A–E in the criterion's unit, strictly increasing. */
  thresholds: z
    .array(nonNegative)
    .length(5, 'must list exactly 5 lower bounds, for classes A to E')
    .refine((t) => t.every((v, i) => i === 0 || v > t[i - 1]!), 'must be strictly increasing'),
  weight: nonNegative.default(1),
});
export const Threat = z.strictObject({
  ...nodeBase,
  cluster: z.enum(CLUSTERS).optional(),
  nature: z.enum(NATURES).optional(),
});
export const IncidentCategory = z.strictObject({
  ...nodeBase,
  threats: z.array(id).min(1, 'must name at least one threat'),
});
export const Scenario = z.strictObject({
  ...nodeBase,
  incidentCategory: id.optional(),
  horizon: z.enum(HORIZONS).optional(),
  likelihoodClass: z.enum(CLASSES).optional(),
  /** Probability of the scenario within five years. */
  likelihood: unit.optional(),
  /** The affected regions (ids); capacity elsewhere arrives after the travel time to the nearest of them. */
  regions: z.array(id).optional(),
});
/** An observation between two assessments (horizon scanning, docs/model.md#signals). */
export const Signal = z.strictObject({
  ...nodeBase,
  observedOn: isoDay,
  horizon: z.enum(HORIZONS),
  direction: z.enum(DIRECTIONS),
  /** 1 (weak) to 5 (strong). */
  strength: z
    .number()
    .min(1, 'must be from 1 to 5')
    .max(5, 'must be from 1 to 5')
    .refine(Number.isInteger, 'must be a whole number from 1 to 5'),
  threats: z.array(id).default([]),
  incidentCategories: z.array(id).default([]),
  scenarios: z.array(id).default([]),
  /** Where the observation was published: required, a signal is only as good as its source. */
  source: text.min(1, 'must name where the signal was observed'),
});
/** A dated change of a scenario's likelihood, with its justification and the signals behind it. */
export const LikelihoodRevision = z.strictObject({
  ...nodeBase,
  scenario: id,
  date: isoDay,
  likelihoodClass: z.enum(CLASSES).optional(),
  likelihood: unit.optional(),
  justification: text.min(1, 'must say why the likelihood changed'),
  signals: z.array(id).default([]),
});
export const Sector = z.strictObject({ ...nodeBase });
export const Service = z.strictObject({
  ...nodeBase,
  sector: id,
  /** k_i per step of one hour: the DIIM recovery coefficient. */
  recoveryRate: z.number().gt(0, 'must be in (0, 1]').max(1, 'must be in (0, 1]').default(1),
  /** Inoperability from which the government lead takes over from the operator (the seed's agreed disruption level). */
  escalationThreshold: z.number().gt(0, 'must be in (0, 1]').max(1, 'must be in (0, 1]').optional(),
});
export const Task = z.strictObject({
  ...nodeBase,
  phase: z.enum(PHASES),
  unit: z.string().max(100).optional(),
});
export const Capability = z.strictObject({ ...nodeBase, unit: z.string().min(1).max(100) });
export const Party = z.strictObject({
  ...nodeBase,
  kind: z.enum(PARTY_KINDS),
  /** The region the party sits in; none for national and international parties. */
  region: id.optional(),
});
/** A decision to strengthen capabilities (policy, legislation or a concrete measure), carried out by its `lead`. */
export const Measure = z.strictObject({
  ...nodeBase,
  /** The party that carries the measure out (`owner` stays the visibility owner). */
  lead: id,
  instrument: z.enum(INSTRUMENTS),
  /** Euros, once. */
  costOneOff: nonNegative.default(0),
  /** Euros per year. */
  costPerYear: nonNegative.default(0),
  leadTimeMonths: nonNegative.default(0),
  status: z.enum(MEASURE_STATUSES).default('proposed'),
  /** Which fundamental rights or core values the measure touches and why it is proportionate. */
  rightsImpact: text.optional(),
  /** Safety-chain phases the measure works in. */
  phases: z.array(z.enum(PHASES)).optional(),
});
/** A safety region (veiligheidsregio) or any area where capacity sits and incidents happen, at its centroid. */
export const Region = z.strictObject({
  ...nodeBase,
  lat: z.number().min(-90, 'must be a latitude in [-90, 90]').max(90, 'must be a latitude in [-90, 90]'),
  lon: z.number().min(-180, 'must be a longitude in [-180, 180]').max(180, 'must be a longitude in [-180, 180]'),
});

export const Dependency = z.strictObject({
  ...relBase,
  from: id,
  to: id,
  strength: nonNegative,
  probability: unit.default(1),
  delayHours: nonNegative.default(0),
});
export const Disruption = z.strictObject({
  ...relBase,
  scenario: id,
  service: id,
  inoperability: unit,
  /** Absent: the shock lasts for ever. */
  durationHours: nonNegative.optional(),
  startHour: nonNegative.default(0),
});
export const Requirement = z.strictObject({ ...relBase, scenario: id, task: id, demand: nonNegative });
export const Trigger = z.strictObject({ ...relBase, service: id, task: id, demandPerInoperabilityHour: nonNegative });
export const Need = z.strictObject({ ...relBase, task: id, capability: id, perUnit: nonNegative });
export const Holding = z.strictObject({
  ...relBase,
  party: id,
  capability: id,
  capacity: nonNegative,
  readiness: unit.default(1),
  mobilisationHours: nonNegative.default(0),
  /** Where the capacity sits; default the party's region. */
  region: id.optional(),
});
export const Mitigation = z.strictObject({ ...relBase, capability: id, service: id, reduction: unit });
export const Responsibility = z.strictObject({ ...relBase, party: id, target: id, role: z.enum(ROLES) });
export const Operation = z.strictObject({ ...relBase, party: id, service: id });
export const Score = z.strictObject({
  ...relBase,
  scenario: id,
  criterion: id,
  /** Expert value in the criterion's unit; the class follows from its thresholds. */
  value: nonNegative.optional(),
  /** Expert class when no value is given; X = not applicable. */
  class: z.enum([...CLASSES, 'X']).optional(),
});
/** How a simulated disruption turns into impact: per inoperability-hour of a service or shortfall-unit-hour of a
 * capability. */
export const Consequence = z.strictObject({
  ...relBase,
  from: id,
  criterion: id,
  perUnitHour: nonNegative,
});
/**
 * Carrying out `measure` adds `capacityDelta` to `party`'s holding of `capability` (a new holding at readiness 1 if
 * none). In the graph: (Measure)-[:STRENGTHENS {party, capacityDelta}]->(Capability).
 */
export const Effect = z.strictObject({
  ...relBase,
  measure: id,
  party: id,
  capability: id,
  capacityDelta: nonNegative,
});

/** Travel time between two regions, either way (symmetric); pairs not listed are derived from the coordinates. */
export const TravelTime = z.strictObject({ ...relBase, from: id, to: id, hours: nonNegative });

/**
 * The zod schema of one item of each list of the catalogue (src/model/kinds.ts), in the format's order; the model
 * document, the validator and the GraphQL types are built from this table.
 */
export const ITEM_SCHEMAS = {
  vitalInterests: VitalInterest,
  impactCriteria: ImpactCriterion,
  threats: Threat,
  incidentCategories: IncidentCategory,
  scenarios: Scenario,
  signals: Signal,
  likelihoodRevisions: LikelihoodRevision,
  sectors: Sector,
  services: Service,
  tasks: Task,
  capabilities: Capability,
  parties: Party,
  measures: Measure,
  regions: Region,
  dependencies: Dependency,
  disruptions: Disruption,
  requirements: Requirement,
  triggers: Trigger,
  needs: Need,
  holdings: Holding,
  mitigations: Mitigation,
  responsibilities: Responsibility,
  operations: Operation,
  scores: Score,
  consequences: Consequence,
  effects: Effect,
  travelTimes: TravelTime,
} as const satisfies Record<ModelList, z.ZodObject>;

type Items = typeof ITEM_SCHEMAS;
type Lists = { [K in keyof Items]: z.ZodDefault<z.ZodArray<Items[K]>> };
const lists = Object.fromEntries(MODEL_LISTS.map((l) => [l, z.array(ITEM_SCHEMAS[l]).default([])])) as unknown as Lists;

export const Model = z.strictObject({
  $schema: z.string().optional(),
  name: z.string().max(500).optional(),
  description: text.optional(),
  version: z.string().max(100).optional(),
  ...lists,
});

/** A validated model with every default filled in. */
export type Model = z.output<typeof Model>;
/** A model as written in a file: defaults may be left out. */
export type ModelInput = z.input<typeof Model>;
export type VitalInterest = z.output<typeof VitalInterest>;
export type ImpactCriterion = z.output<typeof ImpactCriterion>;
export type Threat = z.output<typeof Threat>;
export type IncidentCategory = z.output<typeof IncidentCategory>;
export type Scenario = z.output<typeof Scenario>;
export type Signal = z.output<typeof Signal>;
export type LikelihoodRevision = z.output<typeof LikelihoodRevision>;
export type Sector = z.output<typeof Sector>;
export type Service = z.output<typeof Service>;
export type Task = z.output<typeof Task>;
export type Capability = z.output<typeof Capability>;
export type Party = z.output<typeof Party>;
export type Region = z.output<typeof Region>;
export type TravelTime = z.output<typeof TravelTime>;
export type Dependency = z.output<typeof Dependency>;
export type Disruption = z.output<typeof Disruption>;
export type Requirement = z.output<typeof Requirement>;
export type Trigger = z.output<typeof Trigger>;
export type Need = z.output<typeof Need>;
export type Holding = z.output<typeof Holding>;
export type Mitigation = z.output<typeof Mitigation>;
export type Responsibility = z.output<typeof Responsibility>;
export type Operation = z.output<typeof Operation>;
export type Score = z.output<typeof Score>;
export type Consequence = z.output<typeof Consequence>;
export type Measure = z.output<typeof Measure>;
export type Effect = z.output<typeof Effect>;
