// The hot loop of one time step, specialised to one workspace: a fresh instance of this module per engine.
//
// Why a module instance per engine: V8's optimising compiler treats a module-level `const` as a constant,
// so the typed arrays below become constants in the machine code (their data pointer and length are
// embedded, and the map check that V8 otherwise repeats on every element access inside the loop — a
// loop's interrupt check discards what it knew — disappears). On the 5,000-service benchmark model that
// halves the time per dependency-step compared with the same loop taking the arrays as arguments
// (bench/simulate.bench.js; docs/engine.md). specialise.ts imports this file once per workspace with a
// distinct query string, after placing the workspace in a global slot that the module takes at
// evaluation. The loop is `observe` + `propagate` of iterate.ts fused; it performs the same floating-point
// operations in the same order, so results are bit-identical (tested).
import { KERNEL_SLOT, type KernelArrays } from './slot.js';

const slots = globalThis as unknown as Record<symbol, KernelArrays | undefined>;
const arrays = slots[KERNEL_SLOT];
if (!arrays) throw new Error('kernel/step.js: imported without a workspace in its slot (use specialise())');
slots[KERNEL_SLOT] = undefined;

/** The workspace this instance was built for (specialise() checks it got its own instance). */
export const bound: KernelArrays = arrays;

const nS = arrays.nServices;
const activeStart = arrays.activeStart;
const activeOffset = arrays.activeOffset;
const activeStrength = arrays.activeStrength;
const hist = arrays.history;
const recovery = arrays.recovery;
const passThrough = arrays.passThrough;
const shock = arrays.shock;
const peak = arrays.servicePeak;
const downtime = arrays.serviceDowntime;
const sectorSum = arrays.sectorSum;
const serviceSector = arrays.serviceSector;
const thr = arrays.disruptedThreshold;
const dt = arrays.stepHours;

/**
 * Bookkeeping of q(t) at row `cur` (peak, downtime, sector sums) and the pinned update into rows `nxt`
 * and `nxtMirror`, reading q(t − d) at `base` + offset: iterate.ts's observe() then propagate(), fused.
 */
export function step(cur: number, base: number, nxt: number, nxtMirror: number): void {
  let e = activeStart[0]!;
  for (let i = 0; i < nS; i++) {
    const qi = hist[cur + i]!;
    if (qi > peak[i]!) peak[i] = qi;
    if (qi >= thr) downtime[i] += dt;
    sectorSum[serviceSector[i]!] += qi;
    let sum = 0;
    const end = activeStart[i + 1]!;
    for (; e < end; e++) sum += activeStrength[e]! * hist[base + activeOffset[e]!]!;
    let v = qi + recovery[i]! * (passThrough[i]! * sum + shock[i]! - qi);
    v = v < 0 ? 0 : v > 1 ? 1 : v;
    hist[nxt + i] = v;
    hist[nxtMirror + i] = v;
  }
}
