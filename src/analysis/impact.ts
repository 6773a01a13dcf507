// The impact yardstick: a criterion's value → class A–E and a continuous score on the 0–5 class scale; the weighted
// total.
import type { ImpactCriterion } from '../model/schema.js';

export type ImpactClass = 'A' | 'B' | 'C' | 'D' | 'E';
export const IMPACT_CLASSES: readonly ImpactClass[] = ['A', 'B', 'C', 'D', 'E'];

/** Class of a value given the lower bounds of A–E; null when below class A (no noticeable impact). */
export function impactClass(value: number, thresholds: readonly number[]): ImpactClass | null {
  for (let k = 4; k >= 0; k--) if (value >= thresholds[k]!) return IMPACT_CLASSES[k]!;
  return null;
}

/**
 * Continuous position on the class scale: 0 for no impact, k+1 at the lower bound of class k (A = 1 … E = 5),
 * linear between bounds, capped at 5. Keeps ranking stable where classes are coarse.
 */
export function impactScore(value: number, thresholds: readonly number[]): number {
  if (!(value > 0)) return 0;
  const t = thresholds;
  if (value < t[0]!) return value / t[0]!;
  for (let k = 0; k < 4; k++) {
    if (value < t[k + 1]!) return k + 1 + (value - t[k]!) / (t[k + 1]! - t[k]!);
  }
  return 5;
}

/** Score of a class given directly (an expert class with no value): the class's lower bound, A = 1 … E = 5. */
export function classScore(cls: ImpactClass | 'X'): number {
  return cls === 'X' ? 0 : IMPACT_CLASSES.indexOf(cls) + 1;
}

/** Weighted mean of scores on the 0–5 class scale. `scores[i]` belongs to `criteria[i]`. */
export function weightedImpact(
  criteria: readonly Pick<ImpactCriterion, 'weight'>[],
  scores: ArrayLike<number>,
): number {
  let sum = 0;
  let w = 0;
  for (let i = 0; i < criteria.length; i++) {
    sum += criteria[i]!.weight * scores[i]!;
    w += criteria[i]!.weight;
  }
  return w > 0 ? sum / w : 0;
}
