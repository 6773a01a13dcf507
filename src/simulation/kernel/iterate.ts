// One Monte Carlo iteration of the cascade (docs/model.md#cascade) on typed arrays: draws, then the time steps. No I/O.
import { impactScore, weightedImpact } from '../../analysis/impact.js';
import type { CompiledModel, RecordLayout } from './compiled.js';
import { iterationStream, iterationState } from './rng.js';
import { timelineSteps } from './timeline.js';
import { heapArena, type Arena } from './wasm.js';

/** No capability topped up. */
export const TOP_UP_NONE = -1;
/** Every capability topped up to its demand (the all-gaps-closed counterfactual). */
export const TOP_UP_ALL = -2;

/** Scratch arrays for one engine, allocated once and reused by every iteration. */
export interface Workspace {
  /** Uniform draws for the dependencies, indexed by the dependency's position in the model. */
  depDraw: Float64Array;
  /** This iteration's transmitting edges (e_ij = 1), compressed like depStart. */
  activeStart: Int32Array;
  /** Offset of q_j(t - d_ij) relative to the mirrored current row: j - d_ij·nServices. */
  activeOffset: Int32Array;
  activeStrength: Float64Array;
  /** Holder present this iteration (readiness draw). */
  holderPresent: Uint8Array;
  /**
   * History ring of H = maxDelay + 2 rows of nServices, stored twice (rows r and r + H hold the same
   * state) so that q_j(t - d) is always at (r + H - d)·n + j: no wrap test in the inner loop.
   */
  history: Float64Array;
  rows: number;
  shock: Float64Array;
  /** 1 − m_i(t): the share of upstream inoperability that passes the mitigation. */
  passThrough: Float64Array;
  mitigatedServices: Int32Array;
  shockedServices: Int32Array;
  taskDemand: Float64Array;
  capabilityDemand: Float64Array;
  capabilityAvailable: Float64Array;
  coverage: Float64Array;
  /** Shortfall of each capability at the current step. */
  stepShortfall: Float64Array;
  sectorSum: Float64Array;
  // Outcomes of the last run of the dynamics.
  serviceFinal: Float64Array;
  servicePeak: Float64Array;
  serviceDowntime: Float64Array;
  sectorFinal: Float64Array;
  sectorPeak: Float64Array;
  sectorDowntime: Float64Array;
  capabilityShortfall: Float64Array;
  capabilityShortfallHours: Float64Array;
  criterionValue: Float64Array;
  /** Per escalating service, the first hour with q ≥ its threshold in the last run; −1 when never. */
  escalationHour: Float64Array;
  criterionScore: Float64Array;
  criteria: { weight: number }[];
  thresholds: number[][];
  /** Steps recorded in the timeline (ascending, from 0 to N). */
  timelineSteps: Int32Array;
  /**
   * observe + propagate specialised to this workspace: the WebAssembly step (kernel/wasm.ts) or the TypeScript one
   * (kernel/step.ts, installed by specialise()); null: the generic loops below. All give the same numbers to the bit.
   */
  step: ((cur: number, base: number, nxt: number, nxtMirror: number) => void) | null;
  /**
   * drawIteration's draws and edge list from the Alea state of the iteration's stream, in WebAssembly
   * (kernel/wasm.ts); null: the TypeScript loops of drawIteration. Both give the same numbers to the bit.
   */
  draw: ((s0: number, s1: number, s2: number, c: number) => void) | null;
}

/**
 * Scratch arrays for model `m`. The arrays the draws and the step read and write come from `arena` (kernel/wasm.ts:
 * the WebAssembly kernel needs them in its memory), in the sizes kernelBytes() counts; the rest are plain.
 */
export function createWorkspace(m: CompiledModel, arena: Arena = heapArena): Workspace {
  const nS = m.nServices;
  const rows = m.maxDelay + 2;
  const uniq = (a: Int32Array) => Int32Array.from(new Set(a));
  const depDraw = arena.f64(m.depSource.length);
  const activeStart = arena.i32(nS + 1);
  const activeOffset = arena.i32(m.depSource.length);
  const activeStrength = arena.f64(m.depSource.length);
  const holderPresent = arena.u8(m.holdingCapability.length);
  const history = arena.f64(2 * rows * nS);
  const passThrough = arena.f64(nS).fill(1);
  const shock = arena.f64(nS);
  const servicePeak = arena.f64(nS);
  const serviceDowntime = arena.f64(nS);
  const sectorSum = arena.f64(m.nSectors);
  return {
    depDraw,
    activeStart,
    activeOffset,
    activeStrength,
    holderPresent,
    history,
    rows,
    shock,
    passThrough,
    mitigatedServices: uniq(m.mitigationService),
    shockedServices: uniq(m.shockService),
    taskDemand: new Float64Array(m.nTasks),
    capabilityDemand: new Float64Array(m.nCapabilities),
    capabilityAvailable: new Float64Array(m.nCapabilities),
    coverage: new Float64Array(m.nCapabilities),
    stepShortfall: new Float64Array(m.nCapabilities),
    sectorSum,
    serviceFinal: new Float64Array(nS),
    servicePeak,
    serviceDowntime,
    sectorFinal: new Float64Array(m.nSectors),
    sectorPeak: new Float64Array(m.nSectors),
    sectorDowntime: new Float64Array(m.nSectors),
    capabilityShortfall: new Float64Array(m.nCapabilities),
    capabilityShortfallHours: new Float64Array(m.nCapabilities),
    criterionValue: new Float64Array(m.nCriteria),
    escalationHour: new Float64Array(m.escalationService.length),
    criterionScore: new Float64Array(m.nCriteria),
    criteria: Array.from(m.criterionWeight, (weight) => ({ weight })),
    thresholds: Array.from({ length: m.nCriteria }, (_, c) =>
      Array.from(m.criterionThresholds.subarray(5 * c, 5 * c + 5)),
    ),
    timelineSteps: timelineSteps(m.steps),
    step: null,
    draw: null,
  };
}

/** Numbers in one iteration's timeline row: per recorded step, q of every service then every sector's mean q. */
export function timelineRowLength(m: Pick<CompiledModel, 'steps' | 'nServices' | 'nSectors'>): number {
  return timelineSteps(m.steps).length * (m.nServices + m.nSectors);
}

/**
 * Draws iteration `index`'s random numbers: first one uniform per dependency in model order (e_ij = 1
 * when it is below the probability), then one per holding in model order (present when below the
 * readiness). Every draw is made even when the probability is 0 or 1, so the stream stays aligned
 * when a probability changes. Then builds the compact list of transmitting edges.
 */
export function drawIteration(m: CompiledModel, ws: Workspace, seed: string, index: number): void {
  if (ws.draw !== null) {
    const { s0, s1, s2, c } = iterationState(seed, index);
    ws.draw(s0, s1, s2, c);
    return;
  }
  const next = iterationStream(seed, index);
  const nDeps = m.depSource.length;
  const draw = ws.depDraw;
  for (let k = 0; k < nDeps; k++) draw[k] = next();
  const present = ws.holderPresent;
  for (let h = 0; h < present.length; h++) present[h] = next() < m.holdingReadiness[h]! ? 1 : 0;

  const nS = m.nServices;
  const { depStart, depSource, depStrength, depProbability, depDelay, depDrawOrder } = m;
  const { activeStart, activeOffset, activeStrength } = ws;
  let n = 0;
  activeStart[0] = 0;
  for (let i = 0; i < nS; i++) {
    const end = depStart[i + 1]!;
    for (let e = depStart[i]!; e < end; e++) {
      if (draw[depDrawOrder[e]!]! < depProbability[e]!) {
        activeOffset[n] = depSource[e]! - depDelay[e]! * nS;
        activeStrength[n] = depStrength[e]!;
        n++;
      }
    }
    activeStart[i + 1] = n;
  }
}

/**
 * Runs the dynamics for the drawn iteration and returns its total weighted impact; outcomes are left
 * in the workspace. `topUp`: TOP_UP_NONE, TOP_UP_ALL, or the index of the one capability whose
 * available capacity is raised to its demand at every step (the close-gaps counterfactual).
 *
 * Step t takes the state q(t) to q(t+1). Within a step, in order: the shocks c(t); task and capability
 * demand from q(t); availability, coverage, shortfall; mitigation m(t); bookkeeping of q(t) (peak,
 * downtime, impact, each state standing for the interval [t·dt, (t+1)·dt)); then the pinned update.
 *
 * With `timeline`, q of every service and the mean q of every sector at the recorded steps
 * (ws.timelineSteps) are written there from `timelineOffset`, point after point (timelineRowLength).
 */
export function runDynamics(
  m: CompiledModel,
  ws: Workspace,
  topUp: number,
  timeline: Float64Array | null = null,
  timelineOffset = 0,
): number {
  const nS = m.nServices;
  const N = m.steps;
  const dt = m.stepHours;
  const thr = m.disruptedThreshold;
  const H = ws.rows;
  const hist = ws.history;
  hist.fill(0); // q(0) = 0, and q(t) = 0 for t < 0: a delayed edge carries nothing before the start.

  const { recovery, serviceSector, sectorSize } = m;
  const { activeStart, activeOffset, activeStrength, shock, passThrough, sectorSum } = ws;
  const { servicePeak, serviceDowntime, sectorPeak, sectorDowntime, criterionValue } = ws;
  const { capabilityShortfall, capabilityShortfallHours } = ws;
  servicePeak.fill(0);
  serviceDowntime.fill(0);
  sectorPeak.fill(0);
  sectorDowntime.fill(0);
  sectorSum.fill(0);
  criterionValue.fill(0);
  capabilityShortfall.fill(0);
  capabilityShortfallHours.fill(0);
  passThrough.fill(1);
  const nEscalations = m.escalationService.length;
  ws.escalationHour.fill(-1);

  const nShocks = m.shockService.length;
  const nCap = m.nCapabilities;
  const nSectors = m.nSectors;
  const nSvcCons = m.serviceConsequenceService.length;

  const width = nS + nSectors;
  const recorded = ws.timelineSteps;
  let point = 0;
  let r = 0;
  for (let t = 0; t < N; t++) {
    const cur = r * nS;
    const base = (r + H) * nS;
    const nr = r + 1 === H ? 0 : r + 1;
    const nxt = nr * nS;
    const nxtMirror = (nr + H) * nS;

    // c_i(t): the largest active shock on i.
    for (let s = 0; s < ws.shockedServices.length; s++) shock[ws.shockedServices[s]!] = 0;
    for (let s = 0; s < nShocks; s++) {
      if (t >= m.shockFrom[s]! && t < m.shockUntil[s]!) {
        const i = m.shockService[s]!;
        if (m.shockLevel[s]! > shock[i]!) shock[i] = m.shockLevel[s]!;
      }
    }

    if (nCap > 0) capabilitiesAt(m, ws, t, cur, topUp);
    if (nEscalations > 0) firstCrossings(m, ws.escalationHour, hist, cur, t * dt);

    // Impact of service inoperability over [t, t+1).
    for (let c = 0; c < nSvcCons; c++) {
      criterionValue[m.serviceConsequenceCriterion[c]!] +=
        m.serviceConsequenceRate[c]! * hist[cur + m.serviceConsequenceService[c]!]! * dt;
    }

    // Bookkeeping of q(t): peak, time above the threshold, sector sums.
    // Then the pinned update of every service into the next row.
    if (ws.step !== null) ws.step(cur, base, nxt, nxtMirror);
    else {
      observe(nS, hist, cur, servicePeak, serviceDowntime, thr, dt, sectorSum, serviceSector);
      propagate(
        nS,
        activeStart,
        activeOffset,
        activeStrength,
        hist,
        cur,
        base,
        nxt,
        nxtMirror,
        recovery,
        passThrough,
        shock,
      );
    }
    // Sector inoperability: the mean of its services' q at the step.
    const record = timeline !== null && recorded[point] === t;
    const at = timelineOffset + point * width;
    for (let s = 0; s < nSectors; s++) {
      const mean = sectorSize[s]! > 0 ? sectorSum[s]! / sectorSize[s]! : 0;
      if (mean > sectorPeak[s]!) sectorPeak[s] = mean;
      if (mean >= thr) sectorDowntime[s] += dt;
      sectorSum[s] = 0;
      if (record) timeline[at + nS + s] = mean;
    }
    if (record) {
      // Row `cur` still holds q(t): the update wrote the next row.
      timeline.set(hist.subarray(cur, cur + nS), at);
      point++;
    }
    r = nr;
  }

  // Final state q(N) counts for the peak and a first crossing but covers no interval inside the horizon.
  const last = r * nS;
  if (nEscalations > 0) firstCrossings(m, ws.escalationHour, hist, last, N * dt);
  const { serviceFinal, sectorFinal } = ws;
  for (let i = 0; i < nS; i++) {
    const q = hist[last + i]!;
    serviceFinal[i] = q;
    if (q > servicePeak[i]!) servicePeak[i] = q;
    sectorSum[serviceSector[i]!] += q;
  }
  for (let s = 0; s < nSectors; s++) {
    const mean = sectorSize[s]! > 0 ? sectorSum[s]! / sectorSize[s]! : 0;
    sectorFinal[s] = mean;
    if (mean > sectorPeak[s]!) sectorPeak[s] = mean;
    sectorSum[s] = 0;
  }
  if (timeline !== null) {
    // The last recorded point is the final state q(N).
    const at = timelineOffset + point * width;
    timeline.set(serviceFinal, at);
    timeline.set(sectorFinal, at + nS);
  }

  const scores = ws.criterionScore;
  for (let c = 0; c < m.nCriteria; c++) scores[c] = impactScore(criterionValue[c]!, ws.thresholds[c]!);
  return weightedImpact(ws.criteria, scores);
}

/** Notes `hour` for every escalating service whose state at row `row` first reaches its threshold. */
function firstCrossings(m: CompiledModel, hours: Float64Array, hist: Float64Array, row: number, hour: number): void {
  for (let x = 0; x < hours.length; x++) {
    if (hours[x]! < 0 && hist[row + m.escalationService[x]!]! >= m.escalationThreshold[x]!) hours[x] = hour;
  }
}

/** Bookkeeping of the state q(t) at row `cur`: peaks, hours at or above the threshold, sector sums. */
function observe(
  nS: number,
  hist: Float64Array,
  cur: number,
  peak: Float64Array,
  downtime: Float64Array,
  thr: number,
  dt: number,
  sectorSum: Float64Array,
  serviceSector: Int32Array,
): void {
  for (let i = 0; i < nS; i++) {
    const qi = hist[cur + i]!;
    if (qi > peak[i]!) peak[i] = qi;
    if (qi >= thr) downtime[i] += dt;
    sectorSum[serviceSector[i]!] += qi;
  }
}

/**
 * The pinned update for every service: q_i(t+1) = clamp01(q_i + k_i[(1 − m_i) Σ_j a_ij e_ij q_j(t − d_ij) + c_i −
 * q_i]). Kept small and separate so the optimiser treats the inner loop on its own.
 */
function propagate(
  nS: number,
  activeStart: Int32Array,
  activeOffset: Int32Array,
  activeStrength: Float64Array,
  hist: Float64Array,
  cur: number,
  base: number,
  nxt: number,
  nxtMirror: number,
  recovery: Float64Array,
  passThrough: Float64Array,
  shock: Float64Array,
): void {
  let e = activeStart[0]!;
  for (let i = 0; i < nS; i++) {
    let sum = 0;
    const end = activeStart[i + 1]!;
    for (; e < end; e++) sum += activeStrength[e]! * hist[base + activeOffset[e]!]!;
    const qi = hist[cur + i]!;
    let v = qi + recovery[i]! * (passThrough[i]! * sum + shock[i]! - qi);
    v = v < 0 ? 0 : v > 1 ? 1 : v;
    hist[nxt + i] = v;
    hist[nxtMirror + i] = v;
  }
}

/**
 * Capabilities at step t from q(t): demand, availability, coverage, shortfall, their impact, and the
 * mitigation pass-through 1 − m_i(t) = Π_c (1 − reduction_c · coverage_c(t)).
 *
 * Coverage = min(1, available / demand). With zero demand nothing is asked of the capability, so it
 * covers fully when any capacity is present (coverage 1) and not at all when none is (0): a mitigating
 * capability works only once a holder is present and mobilised. Topping up raises available to demand;
 * with zero demand there is no gap to close, so a top-up changes nothing there.
 */
function capabilitiesAt(m: CompiledModel, ws: Workspace, t: number, cur: number, topUp: number): void {
  const dt = m.stepHours;
  const hist = ws.history;
  const { taskDemand, capabilityDemand, capabilityAvailable, coverage, stepShortfall, passThrough, criterionValue } =
    ws;
  taskDemand.set(m.taskBaseDemand);
  for (let g = 0; g < m.triggerService.length; g++) {
    taskDemand[m.triggerTask[g]!] += m.triggerRate[g]! * hist[cur + m.triggerService[g]!]! * dt;
  }
  capabilityDemand.fill(0);
  for (let n = 0; n < m.needTask.length; n++) {
    capabilityDemand[m.needCapability[n]!] += taskDemand[m.needTask[n]!]! * m.needPerUnit[n]!;
  }
  // Availability only changes when a holder's mobilisation hour comes; recompute then, in model order.
  if (t === 0 || m.availabilityChanges[t] === 1) {
    capabilityAvailable.fill(0);
    const present = ws.holderPresent;
    for (let h = 0; h < present.length; h++) {
      if (present[h] === 1 && t >= m.holdingFromStep[h]!)
        capabilityAvailable[m.holdingCapability[h]!] += m.holdingCapacity[h]!;
    }
  }
  for (let c = 0; c < m.nCapabilities; c++) {
    const demand = capabilityDemand[c]!;
    let available = capabilityAvailable[c]!;
    if ((topUp === TOP_UP_ALL || topUp === c) && available < demand) available = demand;
    const short = demand > available ? demand - available : 0;
    stepShortfall[c] = short;
    coverage[c] = demand > 0 ? (available >= demand ? 1 : available / demand) : available > 0 ? 1 : 0;
    if (short > ws.capabilityShortfall[c]!) ws.capabilityShortfall[c] = short;
    ws.capabilityShortfallHours[c] += short * dt;
  }
  for (let k = 0; k < m.capabilityConsequenceCapability.length; k++) {
    criterionValue[m.capabilityConsequenceCriterion[k]!] +=
      m.capabilityConsequenceRate[k]! * stepShortfall[m.capabilityConsequenceCapability[k]!]! * dt;
  }
  for (let s = 0; s < ws.mitigatedServices.length; s++) passThrough[ws.mitigatedServices[s]!] = 1;
  for (let k = 0; k < m.mitigationService.length; k++) {
    passThrough[m.mitigationService[k]!] *= 1 - m.mitigationReduction[k]! * coverage[m.mitigationCapability[k]!]!;
  }
}

/** Copies the outcomes of the last runDynamics into `out` at `offset` following `layout`. */
export function writeRecord(
  ws: Workspace,
  total: number,
  layout: RecordLayout,
  out: Float64Array,
  offset: number,
): void {
  out.set(ws.serviceFinal, offset + layout.serviceFinal);
  out.set(ws.servicePeak, offset + layout.servicePeak);
  out.set(ws.serviceDowntime, offset + layout.serviceDowntime);
  out.set(ws.sectorFinal, offset + layout.sectorFinal);
  out.set(ws.sectorPeak, offset + layout.sectorPeak);
  out.set(ws.sectorDowntime, offset + layout.sectorDowntime);
  out.set(ws.capabilityShortfall, offset + layout.capabilityShortfall);
  out.set(ws.capabilityShortfallHours, offset + layout.capabilityShortfallHours);
  out.set(ws.criterionValue, offset + layout.criterionValue);
  out.set(ws.escalationHour, offset + layout.escalationHour);
  out[offset + layout.total] = total;
}
