// Runs a chunk of iterations (by index) into flat records: the unit of work for a worker or the in-process loop.
import { recordLayout, type CompiledModel, type RecordLayout } from './compiled.js';
import { createWorkspace, drawIteration, runDynamics, writeRecord, TOP_UP_ALL, TOP_UP_NONE } from './iterate.js';

export interface Engine {
  layout: RecordLayout;
  /** Iterations start … start+count−1, one record of layout.stride numbers each. */
  runChunk(start: number, count: number): Float64Array;
}

export function createEngine(m: CompiledModel, seed: string, counterfactual: boolean): Engine {
  const ws = createWorkspace(m);
  const layout = recordLayout(m, counterfactual);
  return {
    layout,
    runChunk(start, count) {
      const out = new Float64Array(count * layout.stride);
      for (let n = 0; n < count; n++) {
        const offset = n * layout.stride;
        drawIteration(m, ws, seed, start + n);
        const total = runDynamics(m, ws, TOP_UP_NONE);
        writeRecord(ws, total, layout, out, offset);
        if (!counterfactual) continue;
        // Paired replays: the same draws, one capability (then all) topped up to its demand.
        // A capability that never fell short in this iteration cannot change anything when topped
        // up (coverage was already 1 at every step), so its replay would equal the baseline exactly.
        let anyShort = false;
        for (let c = 0; c < m.nCapabilities; c++) {
          const short = out[offset + layout.capabilityShortfall + c]! > 0;
          anyShort ||= short;
          out[offset + layout.closedOne + c] = short ? runDynamics(m, ws, c) : total;
        }
        out[offset + layout.closedAll] = anyShort ? runDynamics(m, ws, TOP_UP_ALL) : total;
      }
      return out;
    },
  };
}
