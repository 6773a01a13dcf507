// The kernel's hot loops in WebAssembly (AssemblyScript): an iteration's draws (drawIteration of ../iterate.ts) and
// one time step (observe + propagate of ../iterate.ts, fused), on arrays that live in this instance's memory. Same
// floating-point operations in the same order as the TypeScript (WebAssembly never fuses a multiply and an add), so
// the results are bit-identical (docs/engine.md, "Kernels").

// Byte addresses of the arrays in memory, set once per instance by bind().
let nS: i32 = 0;
let activeStart: usize = 0;
let activeOffset: usize = 0;
let activeStrength: usize = 0;
/** The dependent service of each transmitting edge (this module's own: written by draw(), read by step()). */
let activeTarget: usize = 0;
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
  activeTargetAt: usize,
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
  activeTarget = activeTargetAt;
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
 *
 * In three passes rather than one loop per service with an inner loop over its edges: the sum Σ_j a_ij e_ij q_j is
 * gathered into row `nxt` (which nothing in this step reads: docs/engine.md) over all transmitting edges in one flat
 * loop, so there is no inner loop whose varying length the processor mispredicts at every service. Each service's
 * sum still starts at 0 and adds its edges in the same order, so the numbers are those of ../iterate.ts to the bit.
 */
export function step(cur: i32, base: i32, nxt: i32, nxtMirror: i32): void {
  const n = nS;
  const h = hist;
  const now = h + ((<usize>cur) << 3);
  const from = h + ((<usize>base) << 3);
  const to = h + ((<usize>nxt) << 3);
  const toMirror = h + ((<usize>nxtMirror) << 3);
  const pk = peak;
  const down = downtime;
  const sums = sectorSum;
  const sectors = serviceSector;
  const threshold = thr;
  const hours = dt;
  for (let i: i32 = 0; i < n; i++) {
    const at = (<usize>i) << 3;
    const qi = load<f64>(now + at);
    if (qi > load<f64>(pk + at)) store<f64>(pk + at, qi);
    if (qi >= threshold) store<f64>(down + at, load<f64>(down + at) + hours);
    const sector = sums + ((<usize>load<i32>(sectors + ((<usize>i) << 2))) << 3);
    store<f64>(sector, load<f64>(sector) + qi);
    store<f64>(to + at, 0);
  }
  const edges = load<i32>(activeStart + ((<usize>n) << 2));
  const offsets = activeOffset;
  const strengths = activeStrength;
  const targets = activeTarget;
  for (let e: i32 = 0; e < edges; e++) {
    const x = <usize>e;
    const sum = to + ((<usize>load<i32>(targets + (x << 2))) << 3);
    const source = from + ((<usize>load<i32>(offsets + (x << 2))) << 3);
    store<f64>(sum, load<f64>(sum) + load<f64>(strengths + (x << 3)) * load<f64>(source));
  }
  const rec = recovery;
  const pass = passThrough;
  const sh = shock;
  for (let i: i32 = 0; i < n; i++) {
    const at = (<usize>i) << 3;
    const qi = load<f64>(now + at);
    let v = qi + load<f64>(rec + at) * (load<f64>(pass + at) * load<f64>(to + at) + load<f64>(sh + at) - qi);
    v = v < 0 ? 0 : v > 1 ? 1 : v;
    store<f64>(to + at, v);
    store<f64>(toMirror + at, v);
  }
}

// The draws: the model's dependency and holding arrays, and the workspace's draw scratch and holder flags.
let nDeps: i32 = 0;
let nHoldings: i32 = 0;
let depStart: usize = 0;
let depSource: usize = 0;
let depStrength: usize = 0;
let depProbability: usize = 0;
let depDelay: usize = 0;
let depDrawOrder: usize = 0;
let holdingReadiness: usize = 0;
let depDraw: usize = 0;
let holderPresent: usize = 0;

/** Tells this instance where the arrays of the draws are (byte addresses); bind() must have run. */
export function bindDraws(
  dependencies: i32,
  holdings: i32,
  depStartAt: usize,
  depSourceAt: usize,
  depStrengthAt: usize,
  depProbabilityAt: usize,
  depDelayAt: usize,
  depDrawOrderAt: usize,
  holdingReadinessAt: usize,
  depDrawAt: usize,
  holderPresentAt: usize,
): void {
  nDeps = dependencies;
  nHoldings = holdings;
  depStart = depStartAt;
  depSource = depSourceAt;
  depStrength = depStrengthAt;
  depProbability = depProbabilityAt;
  depDelay = depDelayAt;
  depDrawOrder = depDrawOrderAt;
  holdingReadiness = holdingReadinessAt;
  depDraw = depDrawAt;
  holderPresent = holderPresentAt;
}

/**
 * One iteration's draws from the Alea state (s0, s1, s2, c) of its stream (seedrandom's Alea: t = 2091639·s0 +
 * c·2⁻³², then s0 ← s1, s1 ← s2, c ← ⌊t⌋, s2 ← t − c, the number drawn): one per dependency in model order, then
 * one per holding; then the compact list of transmitting edges. As drawIteration in ../iterate.ts.
 */
export function draw(s0: f64, s1: f64, s2: f64, c: f64): void {
  const draws = depDraw;
  const deps = nDeps;
  for (let k: i32 = 0; k < deps; k++) {
    const t = 2091639.0 * s0 + c * 2.3283064365386963e-10;
    s0 = s1;
    s1 = s2;
    c = trunc<f64>(t); // t | 0 (t lies in [0, 2091640): truncation without a round trip through i32)
    s2 = t - c;
    store<f64>(draws + ((<usize>k) << 3), s2);
  }
  const present = holderPresent;
  const readiness = holdingReadiness;
  for (let h: i32 = 0; h < nHoldings; h++) {
    const t = 2091639.0 * s0 + c * 2.3283064365386963e-10;
    s0 = s1;
    s1 = s2;
    c = trunc<f64>(t);
    s2 = t - c;
    store<u8>(present + <usize>h, s2 < load<f64>(readiness + ((<usize>h) << 3)) ? 1 : 0);
  }
  const n = nS;
  const starts = depStart;
  const order = depDrawOrder;
  const probability = depProbability;
  const source = depSource;
  const delay = depDelay;
  const strength = depStrength;
  const activeStarts = activeStart;
  const offsets = activeOffset;
  const strengths = activeStrength;
  const targets = activeTarget;
  let m: i32 = 0;
  store<i32>(activeStarts, 0);
  let e = load<i32>(starts);
  for (let i: i32 = 0; i < n; i++) {
    const end = load<i32>(starts + ((<usize>(i + 1)) << 2));
    // Branch-free: every edge is written at the next free place, which advances only for a transmitting one (a
    // draw below the probability is a coin toss the processor cannot predict). m ≤ e, so the writes stay in bounds.
    for (; e < end; e++) {
      const x = <usize>e;
      const u = load<f64>(draws + ((<usize>load<i32>(order + (x << 2))) << 3));
      const at = <usize>m;
      store<i32>(offsets + (at << 2), load<i32>(source + (x << 2)) - load<i32>(delay + (x << 2)) * n);
      store<f64>(strengths + (at << 3), load<f64>(strength + (x << 3)));
      store<i32>(targets + (at << 2), i);
      m += <i32>(u < load<f64>(probability + (x << 3)));
    }
    store<i32>(activeStarts + ((<usize>(i + 1)) << 2), m);
  }
}
