// The timeline: mean inoperability per service and sector at up to ~200 recorded steps, summed in iteration order.

/** At most this many recorded time points (t = 0 and the final state included). */
export const TIMELINE_MAX_POINTS = 200;

/**
 * The steps recorded for the timeline over N steps: every step when N + 1 ≤ TIMELINE_MAX_POINTS, else
 * every `stride`-th step with stride = ⌈N / (max − 1)⌉ (whole steps, evenly), always with t = 0 and t = N.
 */
export function timelineSteps(steps: number, maxPoints = TIMELINE_MAX_POINTS): Int32Array {
  const stride = Math.max(1, Math.ceil(steps / (maxPoints - 1)));
  const out: number[] = [];
  for (let t = 0; t < steps; t += stride) out.push(t);
  out.push(steps);
  return Int32Array.from(out);
}

/**
 * Sums per-iteration timeline rows (points × width numbers each) strictly in iteration order: chunks
 * may arrive in any order (workers finish when they finish), so a chunk waits until every earlier
 * iteration has been added. The sum is then ((0 + x_0) + x_1) + … whatever the number of workers —
 * the same order in which the other statistics' means are taken — and so bit-identical.
 */
export class TimelineAccumulator {
  readonly sum: Float64Array;
  /** Iterations added so far (0 … next − 1). */
  next = 0;
  private readonly pending = new Map<number, { count: number; rows: Float64Array }>();

  /** `consumed` is told of every chunk's rows once they have been added (their buffer may then be reused). */
  constructor(
    readonly rowLength: number,
    private readonly consumed: (rows: Float64Array) => void = () => {},
  ) {
    this.sum = new Float64Array(rowLength);
  }

  /** Rows of iterations start … start + count − 1 (count × rowLength numbers). */
  add(start: number, count: number, rows: Float64Array): void {
    this.pending.set(start, { count, rows });
    for (let chunk = this.pending.get(this.next); chunk; chunk = this.pending.get(this.next)) {
      this.pending.delete(this.next);
      addRows(this.sum, chunk.rows, chunk.count, this.rowLength);
      this.next += chunk.count;
      this.consumed(chunk.rows);
    }
  }

  /** Chunks received but waiting for an earlier one. */
  get waiting(): number {
    return this.pending.size;
  }
}

/** sum += each of `count` rows, row after row (kept apart so that the loop sees only locals). */
function addRows(sum: Float64Array, rows: Float64Array, count: number, rowLength: number): void {
  for (let k = 0; k < count; k++) {
    const off = k * rowLength;
    for (let x = 0; x < rowLength; x++) sum[x] += rows[off + x]!;
  }
}
