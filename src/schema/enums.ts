// GraphQL enums made from the constants the model, the analyses and the engine use, so that a value the server
// does not know is refused by GraphQL itself, and a new value is one edit in its constant.
import { builder } from './builder.js';
import { CLASSIFICATIONS, HORIZONS, MEASURE_STATUSES, PHASES } from '../model/schema.js';
import { DECISION_KINDS } from '../analysis/cycle.js';
import { CYCLE_STATUSES } from '../graph/cycle-repository.js';
import { WEIGHT_PROFILES } from '../analysis/profiles.js';
import { RISK_METHODS } from '../analysis/risk.js';
import { RUN_STATUSES } from '../graph/run-repository.js';
import { COUNTERFACTUALS, OPTION_FIELDS } from '../simulation/options.js';

/** A GraphQL name for a value: `close-gaps` → `closeGaps`; names that are already valid stay as they are. */
const enumName = (value: string) => value.replace(/[-\s]+(\w)/g, (_, c: string) => c.toUpperCase());

/** An enum whose GraphQL values are the constant's values (renamed only where GraphQL needs it). */
function enumOf<const T extends readonly string[]>(
  name: string,
  values: T,
  description: string,
  help: Record<string, string> = {},
) {
  const entries = values.map((v) => [enumName(v), { value: v, ...(help[v] && { description: help[v] }) }]);
  const byName = Object.fromEntries(entries) as { [K in T[number]]: { value: K } };
  return builder.enumType(name, { description, values: byName });
}

export const RiskMethodEnum = enumOf(
  'RiskMethod',
  RISK_METHODS,
  'How the impact criteria are aggregated to one impact score.',
);
export const PhaseEnum = enumOf('Phase', PHASES, 'A phase of the safety chain.');
export const HorizonEnum = enumOf('Horizon', HORIZONS, 'When a scenario may come about (docs/model.md#signals).');
// The weight profiles are fixed by weerbaar (src/analysis/profiles.ts), not by the model: an enum, like the methods.
const PROFILE_IDS = WEIGHT_PROFILES.map((p) => p.id);
export const WeightProfileIdEnum = enumOf(
  'WeightProfileId',
  PROFILE_IDS,
  'A named weight profile of the risk ranking (riskProfiles lists them).',
  Object.fromEntries(WEIGHT_PROFILES.map((p) => [p.id, p.description])),
);
export type Classification = (typeof CLASSIFICATIONS)[number];
export const ClassificationEnum = enumOf('Classification', CLASSIFICATIONS, 'Who may see an item (docs/security.md).');
export const RunStatusEnum = enumOf('SimulationStatus', RUN_STATUSES, 'Where a simulation run is.');
export const CounterfactualEnum = enumOf(
  'Counterfactual',
  COUNTERFACTUALS,
  'A replay of every iteration with changed capabilities.',
  OPTION_FIELDS.find((f) => f.name === 'counterfactual')?.values,
);
export const MeasureStatusEnum = enumOf('MeasureStatus', MEASURE_STATUSES, 'Where a measure is (docs/portfolio.md).');
export const CycleStatusEnum = enumOf(
  'CycleStatus',
  CYCLE_STATUSES,
  'Open while decisions are recorded, closed once frozen.',
);
export const DecisionKindEnum = enumOf(
  'CycleDecisionKind',
  DECISION_KINDS,
  'What the cabinet decided: a scenario given priority, a measure decided, or a new status of a measure.',
);

/**
 * The GraphQL enum whose values are exactly `values` (in any order), for fields the model format declares as a z.enum
 * (src/schema/zod-fields.ts): phases, horizons, classifications and measure statuses are enums wherever they appear,
 * in types and inputs. Other value lists of the format (kinds of party, roles, instruments, …) stay strings with the
 * format's own spelling (docs/architecture.md).
 */
export function enumFor(values: readonly string[] | undefined): ReturnType<typeof enumOf> | undefined {
  if (!values) return undefined;
  const key = [...values].sort().join('|');
  const known: [readonly string[], ReturnType<typeof enumOf>][] = [
    [PHASES, PhaseEnum],
    [HORIZONS, HorizonEnum],
    [CLASSIFICATIONS, ClassificationEnum],
    [MEASURE_STATUSES, MeasureStatusEnum],
  ];
  return known.find(([v]) => [...v].sort().join('|') === key)?.[1];
}
