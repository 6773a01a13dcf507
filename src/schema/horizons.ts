// The horizons argument of riskAssessment and gapAnalysis: only scenarios of the given horizons
// (docs/model.md#signals).
import { HORIZONS } from '../model/schema.js';

export const HORIZONS_DESCRIPTION =
  `Only scenarios with one of these horizons (${HORIZONS.join(', ')}); ` +
  'a scenario without a horizon is left out. Default: every horizon, and scenarios without one.';

/**
 * Keeps the scenarios of the horizons named; `null` keeps every scenario. The horizons are values of the `Horizon`
 * enum, so GraphQL itself refuses one it does not know.
 */
export function filterHorizons<S extends object>(
  horizons: readonly string[] | null | undefined,
  scenarios: readonly S[],
): S[] {
  if (horizons == null) return [...scenarios];
  return scenarios.filter((s) => {
    const h = (s as { horizon?: unknown }).horizon;
    return typeof h === 'string' && horizons.includes(h);
  });
}
