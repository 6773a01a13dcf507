// The WebAssembly kernel (kernel/assembly/kernel.ts, built to kernel.wasm by `npm run build`): an iteration's draws and
// the hot loop of a time step, on arrays that live in the instance's own memory. Why and how it is checked:
// docs/engine.md ("Kernels").
import { readFileSync } from 'node:fs';
import type { CompiledModel } from './compiled.js';
import type { Workspace } from './iterate.js';

/** WebAssembly memory is addressed with 32 bits: at most 65,536 pages of 64 KiB. */
const PAGE = 65_536;
const MAX_PAGES = 65_536;

/**
 * The compiled kernel. From dist/ it is the sibling kernel.wasm; when this module runs from TypeScript source
 * (vitest), the build output in dist/simulation/kernel/ (`npm test` builds first, as for the workers).
 */
export function wasmUrl(): URL {
  const here = import.meta.url;
  return here.endsWith('.ts')
    ? new URL('../../../dist/simulation/kernel/kernel.wasm', here)
    : new URL('./kernel.wasm', here);
}

let compiled: WebAssembly.Module | null | undefined;

/** The kernel module, compiled once per thread; null when kernel.wasm is missing or does not compile. */
function kernelModule(): WebAssembly.Module | null {
  if (compiled === undefined) {
    try {
      compiled = new WebAssembly.Module(readFileSync(wasmUrl()));
    } catch {
      compiled = null;
    }
  }
  return compiled;
}

interface KernelExports {
  bind(
    services: number,
    activeStart: number,
    activeOffset: number,
    activeStrength: number,
    activeTarget: number,
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
  bindDraws(
    dependencies: number,
    holdings: number,
    depStart: number,
    depSource: number,
    depStrength: number,
    depProbability: number,
    depDelay: number,
    depDrawOrder: number,
    holdingReadiness: number,
    depDraw: number,
    holderPresent: number,
  ): void;
  draw(this: void, s0: number, s1: number, s2: number, c: number): void;
}

/** Where the kernel's arrays come from: plain typed arrays, or views on one WebAssembly memory (wasmArena). */
export interface Arena {
  f64(length: number): Float64Array;
  i32(length: number): Int32Array;
  u8(length: number): Uint8Array;
}

export const heapArena: Arena = {
  f64: (length) => new Float64Array(length),
  i32: (length) => new Int32Array(length),
  u8: (length) => new Uint8Array(length),
};

/** Bytes the kernel's arrays take for this model (each array rounded up to 8 bytes). */
export function kernelBytes(m: CompiledModel): number {
  const nS = m.nServices;
  const deps = m.depSource.length;
  const holdings = m.holdingCapability.length;
  const rows = m.maxDelay + 2;
  const f64 = (n: number) => n * 8;
  const i32 = (n: number) => Math.ceil((n * 4) / 8) * 8;
  const u8 = (n: number) => Math.ceil(n / 8) * 8;
  return (
    // The workspace's (createWorkspace).
    f64(deps) + // depDraw
    i32(nS + 1) + // activeStart
    i32(deps) + // activeOffset
    f64(deps) + // activeStrength
    u8(holdings) + // holderPresent
    f64(2 * rows * nS) + // history
    f64(nS) * 4 + // passThrough, shock, peak, downtime
    f64(m.nSectors) + // sectorSum
    // Copies of the model's (withWasmKernel).
    f64(nS) + // recovery
    i32(nS) + // serviceSector
    i32(nS + 1) + // depStart
    i32(deps) * 3 + // depSource, depDelay, depDrawOrder
    f64(deps) * 2 + // depStrength, depProbability
    f64(holdings) + // holdingReadiness
    // The kernel's own.
    i32(deps) // activeTarget
  );
}

interface WasmArena extends Arena {
  memory: WebAssembly.Memory;
  /** Byte address of an array made by this arena. */
  address: (a: Float64Array | Int32Array | Uint8Array) => number;
  /** A copy of `a` in this memory. */
  copy: <T extends Float64Array | Int32Array>(a: T) => T;
}

/**
 * A WebAssembly memory large enough for the kernel's arrays of this model, handing out views in order; null when
 * the arrays do not fit in 32-bit memory or cannot be allocated (the engine then runs the TypeScript kernel).
 * The first page is left to the module; the memory never grows, so the views stay valid.
 */
function wasmArena(m: CompiledModel): WasmArena | null {
  const pages = 1 + Math.ceil(kernelBytes(m) / PAGE);
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
  const f64 = (length: number) => new Float64Array(memory.buffer, take(length * 8), length);
  const i32 = (length: number) => new Int32Array(memory.buffer, take(length * 4), length);
  return {
    memory,
    f64,
    i32,
    u8: (length) => new Uint8Array(memory.buffer, take(length), length),
    address: (a) => {
      if (a.buffer !== memory.buffer) throw new Error('internal: array is not in the WebAssembly memory');
      return a.byteOffset;
    },
    copy: <T extends Float64Array | Int32Array>(a: T): T => {
      const c = (a instanceof Float64Array ? f64(a.length) : i32(a.length)) as T;
      c.set(a);
      return c;
    },
  };
}

/**
 * Runs `build` with an arena in a fresh WebAssembly memory and installs the WebAssembly draws and step on the
 * workspace it returns. Returns the workspace and whether they are installed; without kernel.wasm, or for a model
 * whose arrays do not fit, `build` gets plain arrays and the workspace keeps the TypeScript loops.
 */
export function withWasmKernel(m: CompiledModel, build: (arena: Arena) => Workspace): { ws: Workspace; wasm: boolean } {
  const module = kernelModule();
  const arena = module ? wasmArena(m) : null;
  if (!module || !arena) return { ws: build(heapArena), wasm: false };
  const ws = build(arena);
  const { address: at, copy } = arena;
  const instance = new WebAssembly.Instance(module, { env: { memory: arena.memory } });
  const kernel = instance.exports as unknown as KernelExports;
  kernel.bind(
    m.nServices,
    at(ws.activeStart),
    at(ws.activeOffset),
    at(ws.activeStrength),
    at(arena.i32(m.depSource.length)), // activeTarget
    at(ws.history),
    at(copy(m.recovery)),
    at(ws.passThrough),
    at(ws.shock),
    at(ws.servicePeak),
    at(ws.serviceDowntime),
    at(ws.sectorSum),
    at(copy(m.serviceSector)),
    m.disruptedThreshold,
    m.stepHours,
  );
  kernel.bindDraws(
    m.depSource.length,
    m.holdingCapability.length,
    at(copy(m.depStart)),
    at(copy(m.depSource)),
    at(copy(m.depStrength)),
    at(copy(m.depProbability)),
    at(copy(m.depDelay)),
    at(copy(m.depDrawOrder)),
    at(copy(m.holdingReadiness)),
    at(ws.depDraw),
    at(ws.holderPresent),
  );
  ws.step = kernel.step;
  ws.draw = kernel.draw;
  return { ws, wasm: true };
}
