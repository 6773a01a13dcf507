// Statistics over per-iteration records: exact quantiles (sorted), means, probabilities, confidence half-widths.
import { IMPACT_CLASSES, impactClass } from '../../analysis/impact.js';
import type { CompiledModel, RecordLayout } from './compiled.js';
import type {
  CapabilityStats,
  CriterionStats,
  EscalationStats,
  InoperabilityStats,
  MeanP90,
  SimulationResult,
  Summary,
} from '../types.js';

/** Quantile of sorted values with linear interpolation between order statistics (R type 7, numpy's default). */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return 0;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

export function mean(values: ArrayLike<number>): number {
  let s = 0;
  for (let k = 0; k < values.length; k++) s += values[k]!;
  return values.length ? s / values.length : 0;
}

/** 1.96 · s / √n with the sample standard deviation; null with fewer than two values. */
export function halfWidth95(values: ArrayLike<number>): number | null {
  const n = values.length;
  if (n < 2) return null;
  const m = mean(values);
  let ss = 0;
  for (let k = 0; k < n; k++) ss += (values[k]! - m) ** 2;
  return 1.96 * Math.sqrt(ss / (n - 1) / n);
}

/**
 * The first `n` records (iteration-major, `stride` numbers each) transposed to columns, in blocks of
 * columns so that both the reads and the writes stay in cache (a plain strided gather per column is
 * several times slower on large models).
 */
function transpose(records: Float64Array, n: number, stride: number): Float64Array {
  const cols = new Float64Array(n * stride);
  const BLOCK = 128;
  for (let c0 = 0; c0 < stride; c0 += BLOCK) {
    const c1 = Math.min(stride, c0 + BLOCK);
    for (let k = 0; k < n; k++) {
      const row = k * stride;
      for (let c = c0; c < c1; c++) cols[c * n + k] = records[row + c]!;
    }
  }
  return cols;
}

/**
 * Whether `a` is already in the order Float64Array.prototype.sort gives (ascending, −0 before +0, NaN last;
 * anything unusual counts as unsorted). Many columns are constant (a service never down: downtime 0 in
 * every iteration), and sorting 200 numbers costs ~7 µs, thousands of times over on a large model.
 */
function isSorted(a: Float64Array): boolean {
  for (let k = 1; k < a.length; k++) {
    const x = a[k - 1]!;
    const y = a[k]!;
    if (x < y) continue;
    if (x === y && (x !== 0 || 1 / x <= 1 / y)) continue;
    return false;
  }
  return true;
}

/** Sorts a column of the scratch transpose in place (its original order is no longer needed) and returns it. */
function sortInPlace(a: Float64Array): Float64Array {
  return isSorted(a) ? a : a.sort();
}

/**
 * Rearranges a[lo … hi) so that a[k] holds the value sorted order would put there, with nothing larger
 * before it and nothing smaller after it (quickselect, Hoare partition around a median of three).
 */
function select(a: Float64Array, lo: number, hi: number, k: number): void {
  let l = lo;
  let r = hi - 1;
  while (r > l) {
    const x = a[l]!;
    const y = a[(l + r) >> 1]!;
    const z = a[r]!;
    const p = x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
    let i = l;
    let j = r;
    while (i <= j) {
      while (a[i]! < p) i++;
      while (a[j]! > p) j--;
      if (i <= j) {
        const t = a[i]!;
        a[i] = a[j]!;
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) r = j;
    else if (k >= i) l = i;
    else return; // j < k < i: a[k] equals the pivot, in place
  }
}

/** Whether every value is an ordinary number other than −0 (where `<` orders exactly as sort() does). */
function plain(a: Float64Array): boolean {
  for (let k = 0; k < a.length; k++) {
    const v = a[k]!;
    if (v !== v || (v === 0 && 1 / v < 0)) return false;
  }
  return true;
}

/**
 * Quantiles (R type 7) of `values` at ascending probabilities `ps`, equal to quantileSorted of the sorted
 * values: only the order statistics they read are selected (cheaper than sorting; thousands of columns on
 * a large model). Rearranges `values`. Columns that are already sorted, or hold NaN or −0, are sorted instead.
 */
export function quantilesInPlace(values: Float64Array, ps: readonly number[]): number[] {
  const n = values.length;
  if (n === 0) return ps.map(() => 0);
  if (isSorted(values) || !plain(values)) {
    const sorted = sortInPlace(values);
    return ps.map((p) => quantileSorted(sorted, p));
  }
  let from = 0;
  return ps.map((p) => {
    const h = (n - 1) * p;
    const lo = Math.floor(h);
    if (lo >= from) {
      select(values, from, n, lo);
      from = lo + 1;
    }
    const a = values[lo]!;
    // The next order statistic is the smallest value after lo (everything there is ≥ a[lo]).
    let b = a;
    if (lo + 1 < n) {
      b = values[lo + 1]!;
      for (let k = lo + 2; k < n; k++) if (values[k]! < b) b = values[k]!;
    }
    return a + (h - lo) * (b - a);
  });
}

const SUMMARY_PS = [0.5, 0.9, 0.99] as const;
const P90 = [0.9] as const;

/** Mean first (in iteration order), then the quantiles, rearranging the column of the scratch transpose. */
function summary(values: Float64Array): Summary {
  const m = mean(values);
  const [p50, p90, p99] = quantilesInPlace(values, SUMMARY_PS) as [number, number, number];
  return { mean: m, p50, p90, p99 };
}

function meanP90(values: Float64Array): MeanP90 {
  const m = mean(values);
  return { mean: m, p90: quantilesInPlace(values, P90)[0]! };
}

function share(values: Float64Array, test: (v: number) => boolean): number {
  let k = 0;
  for (const v of values) if (test(v)) k++;
  return values.length ? k / values.length : 0;
}

/** The per-item statistics of a result: everything but meta and the timeline. */
export type Aggregate = Pick<
  SimulationResult,
  'services' | 'sectors' | 'capabilities' | 'criteria' | 'escalations' | 'totalImpact' | 'allGapsClosed'
>;

/** Probability of crossing and the distribution of the first crossing hour, from a column of hours (−1: never). */
function escalation(id: string, threshold: number, hours: Float64Array): EscalationStats {
  const n = hours.length;
  const counts = new Map<number, number>();
  const crossed: number[] = [];
  for (const h of hours) {
    if (h < 0) continue;
    crossed.push(h);
    counts.set(h, (counts.get(h) ?? 0) + 1);
  }
  return {
    id,
    threshold,
    probabilityCrossed: n ? crossed.length / n : 0,
    firstHour: crossed.length ? summary(Float64Array.from(crossed)) : null,
    distribution: [...counts.entries()].sort((a, b) => a[0] - b[0]).map(([hour, k]) => ({ hour, probability: k / n })),
  };
}

/** Everything the result reports, from the first `n` records. */
export function aggregate(
  m: CompiledModel,
  layout: RecordLayout,
  records: Float64Array,
  n: number,
  scoreOf: (criterion: number, value: number) => number,
): Aggregate {
  const columns = transpose(records, n, layout.stride);
  const col = (offset: number) => columns.subarray(offset * n, offset * n + n);
  const thr = m.disruptedThreshold;
  const inoperability = (ids: string[], finalAt: number, peakAt: number, downAt: number): InoperabilityStats[] =>
    ids.map((id, i) => {
      const peak = col(peakAt + i);
      return {
        id,
        finalInoperability: summary(col(finalAt + i)),
        peakInoperability: summary(peak),
        probabilityDisrupted: share(peak, (v) => v >= thr),
        downtimeHours: meanP90(col(downAt + i)),
      };
    });
  const total = col(layout.total);
  const totalMean = mean(total);
  const capabilities = m.ids.capabilities.map((id, c): CapabilityStats => {
    const short = col(layout.capabilityShortfall + c);
    return {
      id,
      probabilityShortfall: share(short, (v) => v > 0),
      shortfall: meanP90(short),
      shortfallUnitHours: meanP90(col(layout.capabilityShortfallHours + c)),
      avoidedImpact: layout.closedOne >= 0 ? totalMean - mean(col(layout.closedOne + c)) : null,
    };
  });
  const criteria = m.ids.criteria.map((id, c): CriterionStats => {
    const values = col(layout.criterionValue + c);
    const thresholds = Array.from(m.criterionThresholds.subarray(5 * c, 5 * c + 5));
    const counts = { A: 0, B: 0, C: 0, D: 0, E: 0 };
    let scoreSum = 0;
    for (const v of values) {
      const cls = impactClass(v, thresholds);
      if (cls) counts[cls]++;
      scoreSum += scoreOf(c, v);
    }
    const classProbabilities = { A: 0, B: 0, C: 0, D: 0, E: 0 };
    for (const k of IMPACT_CLASSES) classProbabilities[k] = n ? counts[k] / n : 0;
    const avg = mean(values);
    return {
      id,
      mean: avg,
      p90: quantilesInPlace(values, P90)[0]!,
      classProbabilities,
      meanScore: n ? scoreSum / n : 0,
    };
  });
  const closedAllMean = layout.closedAll >= 0 ? mean(col(layout.closedAll)) : null;
  return {
    services: inoperability(m.ids.services, layout.serviceFinal, layout.servicePeak, layout.serviceDowntime),
    sectors: inoperability(m.ids.sectors, layout.sectorFinal, layout.sectorPeak, layout.sectorDowntime),
    capabilities,
    criteria,
    escalations: m.ids.escalations.map((id, x) =>
      escalation(id, m.escalationThreshold[x]!, col(layout.escalationHour + x)),
    ),
    totalImpact: { mean: totalMean, halfWidth95: halfWidth95(total), p90: quantileSorted(total.slice().sort(), 0.9) },
    allGapsClosed:
      closedAllMean === null ? null : { totalImpactMean: closedAllMean, avoidedImpact: totalMean - closedAllMean },
  };
}
