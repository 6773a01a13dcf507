// The hot loop of one time step in WebAssembly (AssemblyScript): observe + propagate of ../iterate.ts, fused, on
// arrays that live in this instance's memory. Same floating-point operations in the same order as the TypeScript
// loops (WebAssembly never fuses a multiply and an add), so the results are bit-identical (docs/engine.md).

// Byte addresses of the arrays in memory, set once per instance by bind().
let nS: i32 = 0;
let activeStart: usize = 0;
let activeOffset: usize = 0;
let activeStrength: usize = 0;
let hist: usize = 0;
let recovery: usize = 0;
let passThrough: usize = 0;
let shock: usize = 0;
let peak: usize = 0;
let downtime: usize = 0;
let sectorSum: usize = 0;
let serviceSector: usize = 0;
let thr: f64 = 0;
let dt: f64 = 0;

/** Tells this instance where its arrays are (byte addresses) and the two scalars of the step. */
export function bind(
  services: i32,
  activeStartAt: usize,
  activeOffsetAt: usize,
  activeStrengthAt: usize,
  historyAt: usize,
  recoveryAt: usize,
  passThroughAt: usize,
  shockAt: usize,
  peakAt: usize,
  downtimeAt: usize,
  sectorSumAt: usize,
  serviceSectorAt: usize,
  disruptedThreshold: f64,
  stepHours: f64,
): void {
  nS = services;
  activeStart = activeStartAt;
  activeOffset = activeOffsetAt;
  activeStrength = activeStrengthAt;
  hist = historyAt;
  recovery = recoveryAt;
  passThrough = passThroughAt;
  shock = shockAt;
  peak = peakAt;
  downtime = downtimeAt;
  sectorSum = sectorSumAt;
  serviceSector = serviceSectorAt;
  thr = disruptedThreshold;
  dt = stepHours;
}

/**
 * Bookkeeping of q(t) at row `cur` (peak, downtime, sector sums) and the pinned update into rows `nxt` and
 * `nxtMirror`, reading q(t − d) at `base` + offset. Rows and offsets count elements, as in ../iterate.ts.
 */
export function step(cur: i32, base: i32, nxt: i32, nxtMirror: i32): void {
  const n = nS;
  const starts = activeStart;
  const offsets = activeOffset;
  const strengths = activeStrength;
  const h = hist;
  const rec = recovery;
  const pass = passThrough;
  const sh = shock;
  const pk = peak;
  const down = downtime;
  const sums = sectorSum;
  const sectors = serviceSector;
  const threshold = thr;
  const hours = dt;
  const now = h + ((<usize>cur) << 3);
  const from = h + ((<usize>base) << 3);
  const to = h + ((<usize>nxt) << 3);
  const toMirror = h + ((<usize>nxtMirror) << 3);
  let e = load<i32>(starts);
  for (let i: i32 = 0; i < n; i++) {
    const at = (<usize>i) << 3;
    const qi = load<f64>(now + at);
    if (qi > load<f64>(pk + at)) store<f64>(pk + at, qi);
    if (qi >= threshold) store<f64>(down + at, load<f64>(down + at) + hours);
    const sector = sums + ((<usize>load<i32>(sectors + ((<usize>i) << 2))) << 3);
    store<f64>(sector, load<f64>(sector) + qi);
    let sum: f64 = 0;
    const end = load<i32>(starts + ((<usize>(i + 1)) << 2));
    for (; e < end; e++) {
      const source = from + ((<usize>load<i32>(offsets + ((<usize>e) << 2))) << 3);
      sum += load<f64>(strengths + ((<usize>e) << 3)) * load<f64>(source);
    }
    let v = qi + load<f64>(rec + at) * (load<f64>(pass + at) * sum + load<f64>(sh + at) - qi);
    v = v < 0 ? 0 : v > 1 ? 1 : v;
    store<f64>(to + at, v);
    store<f64>(toMirror + at, v);
  }
}
