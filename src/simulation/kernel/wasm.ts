// The WebAssembly step (kernel/assembly/step.ts, built to step.wasm by `npm run build`): the hot loop of a time step
// on arrays that live in the instance's own memory. Why and how it is checked: docs/engine.md ("Kernels").
import { readFileSync } from 'node:fs';
import type { CompiledModel } from './compiled.js';
import type { Workspace } from './iterate.js';

/** WebAssembly memory is addressed with 32 bits: at most 65,536 pages of 64 KiB. */
const PAGE = 65_536;
const MAX_PAGES = 65_536;

/**
 * The compiled step. From dist/ it is the sibling step.wasm; when this module runs from TypeScript source
 * (vitest), the build output in dist/simulation/kernel/ (`npm test` builds first, as for the workers).
 */
export function wasmUrl(): URL {
  const here = import.meta.url;
  return here.endsWith('.ts')
    ? new URL('../../../dist/simulation/kernel/step.wasm', here)
    : new URL('./step.wasm', here);
}

let compiled: WebAssembly.Module | null | undefined;

/** The step module, compiled once per thread; null when step.wasm is missing or does not compile. */
function stepModule(): WebAssembly.Module | null {
  if (compiled === undefined) {
    try {
      compiled = new WebAssembly.Module(readFileSync(wasmUrl()));
    } catch {
      compiled = null;
    }
  }
  return compiled;
}

interface StepExports {
  bind(
    services: number,
    activeStart: number,
    activeOffset: number,
    activeStrength: number,
    history: number,
    recovery: number,
    passThrough: number,
    shock: number,
    peak: number,
    downtime: number,
    sectorSum: number,
    serviceSector: number,
    disruptedThreshold: number,
    stepHours: number,
  ): void;
  step(this: void, cur: number, base: number, nxt: number, nxtMirror: number): void;
}

/** Where the step's arrays come from: plain typed arrays, or views on one WebAssembly memory (wasmArena). */
export interface Arena {
  f64(length: number): Float64Array;
  i32(length: number): Int32Array;
}

export const heapArena: Arena = {
  f64: (length) => new Float64Array(length),
  i32: (length) => new Int32Array(length),
};

/** Bytes the step's arrays take for this model (each array rounded up to 8 bytes). */
export function stepBytes(m: CompiledModel): number {
  const nS = m.nServices;
  const deps = m.depSource.length;
  const rows = m.maxDelay + 2;
  const f64 = (n: number) => n * 8;
  const i32 = (n: number) => Math.ceil((n * 4) / 8) * 8;
  return (
    i32(nS + 1) + // activeStart
    i32(deps) + // activeOffset
    f64(deps) + // activeStrength
    f64(2 * rows * nS) + // history
    f64(nS) * 5 + // recovery, passThrough, shock, peak, downtime
    f64(m.nSectors) + // sectorSum
    i32(nS) // serviceSector
  );
}

interface WasmArena extends Arena {
  memory: WebAssembly.Memory;
  /** Byte address of an array made by this arena. */
  address(a: Float64Array | Int32Array): number;
}

/**
 * A WebAssembly memory large enough for the step's arrays of this model, handing out views in order; null when the
 * module is missing or the arrays do not fit in 32-bit memory (the engine then runs the TypeScript step).
 * The first page is left to the module; the memory never grows, so the views stay valid.
 */
function wasmArena(m: CompiledModel): WasmArena | null {
  const pages = 1 + Math.ceil(stepBytes(m) / PAGE);
  if (pages > MAX_PAGES) return null;
  let memory: WebAssembly.Memory;
  try {
    memory = new WebAssembly.Memory({ initial: pages, maximum: pages });
  } catch {
    return null;
  }
  let next = PAGE;
  const take = (bytes: number) => {
    const at = next;
    next += Math.ceil(bytes / 8) * 8;
    return at;
  };
  return {
    memory,
    f64: (length) => new Float64Array(memory.buffer, take(length * 8), length),
    i32: (length) => new Int32Array(memory.buffer, take(length * 4), length),
    address: (a) => {
      if (a.buffer !== memory.buffer) throw new Error('internal: array is not in the WebAssembly memory');
      return a.byteOffset;
    },
  };
}

/**
 * Runs `build` with an arena in a fresh WebAssembly memory and installs the WebAssembly step on the workspace it
 * returns. Returns the workspace and whether the step is installed; without step.wasm, or for a model whose arrays
 * do not fit, `build` gets plain arrays and the workspace keeps the TypeScript step.
 */
export function withWasmStep(m: CompiledModel, build: (arena: Arena) => Workspace): { ws: Workspace; wasm: boolean } {
  const module = stepModule();
  const arena = module ? wasmArena(m) : null;
  if (!module || !arena) return { ws: build(heapArena), wasm: false };
  const ws = build(arena);
  const recovery = arena.f64(m.nServices);
  recovery.set(m.recovery);
  const serviceSector = arena.i32(m.nServices);
  serviceSector.set(m.serviceSector);
  const instance = new WebAssembly.Instance(module, { env: { memory: arena.memory } });
  const exports = instance.exports as unknown as StepExports;
  exports.bind(
    m.nServices,
    arena.address(ws.activeStart),
    arena.address(ws.activeOffset),
    arena.address(ws.activeStrength),
    arena.address(ws.history),
    arena.address(recovery),
    arena.address(ws.passThrough),
    arena.address(ws.shock),
    arena.address(ws.servicePeak),
    arena.address(ws.serviceDowntime),
    arena.address(ws.sectorSum),
    arena.address(serviceSector),
    m.disruptedThreshold,
    m.stepHours,
  );
  ws.step = exports.step;
  return { ws, wasm: true };
}
