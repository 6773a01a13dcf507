// Runs a chunk of iterations (by index) into flat records: the unit of work for a worker or the in-process loop.
import { impactScore, weightedImpact } from '../../analysis/impact.js';
import { recordLayout, type CompiledModel, type RecordLayout } from './compiled.js';
import {
  createWorkspace,
  drawIteration,
  runDynamics,
  timelineRowLength,
  writeRecord,
  TOP_UP_ALL,
  TOP_UP_NONE,
} from './iterate.js';
import { specialise } from './specialise.js';
import { withWasmKernel } from './wasm.js';
import type { Workspace } from './iterate.js';

/**
 * Which loops run an iteration's draws and time steps: WebAssembly (kernel/assembly/kernel.ts), the TypeScript step
 * specialised to the engine's arrays (kernel/step.ts), or the generic TypeScript loops of iterate.ts. Same numbers
 * to the bit.
 */
export type KernelKind = 'wasm' | 'specialised' | 'generic';

/**
 * The kernel createFastEngine tries first: `WEERBAAR_KERNEL=wasm` (the default) or `ts` (the TypeScript step, the
 * reference the WebAssembly one is tested against). Anything else is refused, naming the variable.
 */
export function preferredKernel(value = process.env.WEERBAAR_KERNEL): 'wasm' | 'ts' {
  if (value === undefined || value === '' || value === 'wasm') return 'wasm';
  if (value === 'ts') return 'ts';
  throw new Error(`WEERBAAR_KERNEL: must be "wasm" or "ts", got ${JSON.stringify(value)}`);
}

export interface Engine {
  layout: RecordLayout;
  /** Numbers per iteration in the timeline rows (0 without the timeline). */
  timelineRow: number;
  /**
   * Iterations start … start+count−1: first count records of layout.stride numbers each, then (with
   * the timeline) count timeline rows of timelineRow numbers each, in one buffer: the front of `into`
   * when it is long enough (every number is overwritten), else a new one.
   */
  runChunk(start: number, count: number, into?: Float64Array): Float64Array;
  /** The loops that run the draws and the time steps (createFastEngine installs faster ones than the generic). */
  kernel: KernelKind;
}

/**
 * createEngine with faster loops: the WebAssembly draws and step, else (no kernel.wasm, a model too large for 32-bit
 * memory, or `kernel: 'ts'`) the TypeScript step specialised to the engine's arrays, else the generic loops.
 */
export async function createFastEngine(
  m: CompiledModel,
  seed: string,
  counterfactual: boolean,
  timeline = false,
  kernel: 'wasm' | 'ts' = preferredKernel(),
): Promise<Engine> {
  const { ws, wasm } =
    kernel === 'wasm'
      ? withWasmKernel(m, (arena) => createWorkspace(m, arena))
      : { ws: createWorkspace(m), wasm: false };
  const engine = createEngine(m, seed, counterfactual, timeline, ws);
  engine.kernel = wasm ? 'wasm' : (await specialise(m, ws)) ? 'specialised' : 'generic';
  return engine;
}

export function createEngine(
  m: CompiledModel,
  seed: string,
  counterfactual: boolean,
  timeline = false,
  ws: Workspace = createWorkspace(m),
): Engine {
  const layout = recordLayout(m, counterfactual);
  const timelineRow = timeline ? timelineRowLength(m) : 0;
  const mitigates = new Uint8Array(m.nCapabilities);
  for (const c of m.mitigationCapability) mitigates[c] = 1;
  const criteria = Array.from(m.criterionWeight, (weight) => ({ weight }));
  const thresholds = Array.from({ length: m.nCriteria }, (_, k) =>
    Array.from(m.criterionThresholds.subarray(5 * k, 5 * k + 5)),
  );
  const values = new Float64Array(m.nCriteria);
  const scores = new Float64Array(m.nCriteria);

  /**
   * Total impact with capability c topped up, for a capability that mitigates nothing: topping it up
   * changes only its own shortfall, so the replay equals the baseline minus that shortfall's impact
   * (perUnitHour × shortfall unit-hours), up to the order of floating-point additions.
   */
  const withoutShortfallImpact = (out: Float64Array, offset: number, c: number): number => {
    for (let k = 0; k < m.nCriteria; k++) values[k] = out[offset + layout.criterionValue + k]!;
    const hours = out[offset + layout.capabilityShortfallHours + c]!;
    for (let x = 0; x < m.capabilityConsequenceCapability.length; x++) {
      if (m.capabilityConsequenceCapability[x] === c)
        values[m.capabilityConsequenceCriterion[x]!] -= m.capabilityConsequenceRate[x]! * hours;
    }
    for (let k = 0; k < m.nCriteria; k++) scores[k] = impactScore(Math.max(0, values[k]!), thresholds[k]!);
    return weightedImpact(criteria, scores);
  };

  return {
    layout,
    timelineRow,
    kernel: 'generic',
    runChunk(start, count, into) {
      const length = count * (layout.stride + timelineRow);
      const out = into && into.length >= length ? into.subarray(0, length) : new Float64Array(length);
      const rows = timeline ? out : null;
      for (let n = 0; n < count; n++) {
        const offset = n * layout.stride;
        drawIteration(m, ws, seed, start + n);
        const total = runDynamics(m, ws, TOP_UP_NONE, rows, count * layout.stride + n * timelineRow);
        writeRecord(ws, total, layout, out, offset);
        if (!counterfactual) continue;
        // Paired replays: the same draws, one capability (then all) topped up to its demand.
        // A capability that never fell short in this iteration cannot change anything when topped
        // up (coverage was already 1 at every step), so its replay would equal the baseline exactly.
        let anyShort = false;
        for (let c = 0; c < m.nCapabilities; c++) {
          const short = out[offset + layout.capabilityShortfall + c]! > 0;
          anyShort ||= short;
          out[offset + layout.closedOne + c] = !short
            ? total
            : mitigates[c]
              ? runDynamics(m, ws, c)
              : withoutShortfallImpact(out, offset, c);
        }
        out[offset + layout.closedAll] = anyShort ? runDynamics(m, ws, TOP_UP_ALL) : total;
      }
      return out;
    },
  };
}
