// The horizons argument of riskAssessment and gapAnalysis: only scenarios of the given horizons
// (docs/model.md#signals).
import { BadInputError } from '../domain/errors.js';
import { HORIZONS } from '../model/schema.js';

export const HORIZONS_DESCRIPTION =
  `Only scenarios with one of these horizons (${HORIZONS.join(', ')}); ` +
  'a scenario without a horizon is left out. Default: every horizon, and scenarios without one.';

/** Checks the horizons named and keeps the scenarios of those horizons; `null` keeps every scenario. */
export function filterHorizons<S extends object>(
  field: string,
  horizons: readonly string[] | null | undefined,
  scenarios: readonly S[],
): S[] {
  if (horizons == null) return [...scenarios];
  horizons.forEach((h, i) => {
    if (!(HORIZONS as readonly string[]).includes(h)) {
      throw new BadInputError(
        `${field}: horizons[${i}]: unknown horizon "${h}"; expected one of ${HORIZONS.join(', ')}`,
      );
    }
  });
  return scenarios.filter((s) => {
    const h = (s as { horizon?: unknown }).horizon;
    return typeof h === 'string' && horizons.includes(h);
  });
}
