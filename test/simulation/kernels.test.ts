// The kernels (docs/engine.md, "Kernels"): the WebAssembly draws and step (kernel/assembly/kernel.ts) and the
// TypeScript step specialised to one engine (kernel/step.ts) give the generic loops' numbers to the bit.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { validateModel } from '../../src/model/validate.js';
import { generateModel } from '../../src/simulation/generate.js';
import { compileModel } from '../../src/simulation/compile.js';
import { createEngine, createFastEngine, preferredKernel } from '../../src/simulation/kernel/engine.js';
import { heapArena, kernelBytes, withWasmKernel, type Arena } from '../../src/simulation/kernel/wasm.js';
import { createWorkspace, drawIteration } from '../../src/simulation/kernel/iterate.js';

const compile = (services: number, dependencies: number, seed: string, stepHours = 1, horizonHours = 60) =>
  compileModel(validateModel(generateModel({ services, dependencies, seed, delayedShare: 0.4 })), {
    scenario: 'generated',
    horizonHours,
    stepHours,
    disruptedThreshold: 0.05,
  });

/** Byte for byte: NaN, −0 and every last bit count. */
const bytes = (a: Float64Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

const defaultModel = () => {
  const file = fileURLToPath(new URL('../../simulations/nederland.json', import.meta.url));
  const model = validateModel(JSON.parse(readFileSync(file, 'utf8')), file);
  const scenario = model.scenarios.find((s) => /blackout/.test(s.id))!.id;
  return compileModel(model, { scenario, horizonHours: 168, stepHours: 1, disruptedThreshold: 0.05 });
};

describe('step kernels', () => {
  it('WebAssembly and specialised TypeScript steps are installed and match the generic loops bit for bit', async () => {
    const m = compile(200, 1000, 'spec');
    const generic = createEngine(m, 'same', true, true);
    const ts = await createFastEngine(m, 'same', true, true, 'ts');
    const wasm = await createFastEngine(m, 'same', true, true, 'wasm');
    expect([generic.kernel, ts.kernel, wasm.kernel]).toEqual(['generic', 'specialised', 'wasm']);
    const a = generic.runChunk(0, 25);
    expect(bytes(ts.runChunk(0, 25)).equals(bytes(a))).toBe(true);
    expect(bytes(wasm.runChunk(0, 25)).equals(bytes(a))).toBe(true);
    // Non-trivial: services were disrupted and some capability fell short.
    const { stride, servicePeak, capabilityShortfall } = generic.layout;
    const peaks = (k: number) => a.subarray(k * stride + servicePeak, k * stride + servicePeak + 200);
    expect(Array.from({ length: 25 }, (_, k) => peaks(k).filter((v) => v > 0.05).length).some((n) => n > 20)).toBe(
      true,
    );
    const short = (v: number, k: number) =>
      k % stride >= capabilityShortfall && k % stride < capabilityShortfall + m.nCapabilities && v > 0;
    expect(a.some(short)).toBe(true);
  });

  it('match on the default model, at 2-hour steps and with long delays', async () => {
    for (const m of [defaultModel(), compile(300, 2000, 'two', 2, 120), compile(150, 900, 'long', 1, 400)]) {
      const reference = createEngine(m, 'x', true, true).runChunk(5, 12);
      const wasm = await createFastEngine(m, 'x', true, true, 'wasm');
      expect(wasm.kernel).toBe('wasm');
      expect(bytes(wasm.runChunk(5, 12)).equals(bytes(reference))).toBe(true);
    }
  });

  it('bind each engine to its own arrays, also when several are built at once', async () => {
    const models = [compile(50, 200, 'a'), compile(80, 300, 'b', 2), compile(120, 700, 'c')];
    for (const kernel of ['wasm', 'ts'] as const) {
      const engines = await Promise.all(models.map((m, k) => createFastEngine(m, `s${k}`, false, false, kernel)));
      for (const [k, m] of models.entries()) {
        expect(engines[k]!.kernel).toBe(kernel === 'wasm' ? 'wasm' : 'specialised');
        // Interleave runs so that a shared instance or memory would mix up the states.
        const fast = engines[k]!.runChunk(3, 7);
        const reference = createEngine(m, `s${k}`, false, false).runChunk(3, 7);
        expect(bytes(fast).equals(bytes(reference))).toBe(true);
      }
    }
  });

  it('draws the same numbers and transmitting edges as the TypeScript draws', () => {
    const m = compile(400, 2500, 'draws');
    const plain = createWorkspace(m);
    const { ws, wasm } = withWasmKernel(m, (arena) => createWorkspace(m, arena));
    expect(wasm).toBe(true);
    for (const index of [0, 1, 77]) {
      drawIteration(m, plain, 'd', index);
      drawIteration(m, ws, 'd', index);
      expect(bytes(ws.depDraw).equals(bytes(plain.depDraw))).toBe(true);
      expect(Buffer.from(ws.holderPresent).equals(Buffer.from(plain.holderPresent))).toBe(true);
      expect(Buffer.from(ws.activeStart.buffer, ws.activeStart.byteOffset, ws.activeStart.byteLength)).toEqual(
        Buffer.from(plain.activeStart.buffer, plain.activeStart.byteOffset, plain.activeStart.byteLength),
      );
      const edges = plain.activeStart[m.nServices]!;
      // Some edges transmit and some do not: the draws decide.
      expect(edges).toBeGreaterThan(0);
      expect(edges).toBeLessThan(m.depSource.length);
      expect(ws.activeOffset.subarray(0, edges)).toEqual(plain.activeOffset.subarray(0, edges));
      expect(bytes(ws.activeStrength.subarray(0, edges)).equals(bytes(plain.activeStrength.subarray(0, edges)))).toBe(
        true,
      );
    }
  });

  it('falls back to plain arrays (the TypeScript kernel) when a model does not fit in 32-bit memory', () => {
    // 1,000 services with a 300,000-step delay: a history ring of 2 × 300,002 × 1,000 × 8 bytes = 4.8 GB.
    const m = { ...compile(10, 20, 'huge'), nServices: 1000, maxDelay: 300_000 };
    expect(kernelBytes(m)).toBeGreaterThan(2 ** 32);
    let given: Arena | null = null;
    const stop = new Error('stop before allocating');
    expect(() =>
      withWasmKernel(m, (arena) => {
        given = arena;
        throw stop;
      }),
    ).toThrow(stop);
    expect(given).toBe(heapArena);
    // A model that fits gets the WebAssembly memory.
    const small = compile(10, 20, 'fits');
    expect(withWasmKernel(small, (arena) => createWorkspace(small, arena)).wasm).toBe(true);
  });

  it('counts the WebAssembly memory a model needs, and WEERBAAR_KERNEL names its values', () => {
    const m = compile(10, 20, 'size');
    const rows = m.maxDelay + 2;
    const holdings = m.holdingCapability.length;
    const i32 = (n: number) => Math.ceil(n / 2) * 8;
    const u8 = (n: number) => Math.ceil(n / 8) * 8;
    const workspace = 20 * 8 + i32(11) + i32(20) + 20 * 8 + u8(holdings) + 2 * rows * 10 * 8 + 4 * 10 * 8;
    const copies = 10 * 8 + i32(10) + i32(11) + 3 * i32(20) + 2 * 20 * 8 + holdings * 8;
    const own = i32(20); // each transmitting edge's dependent service
    expect(kernelBytes(m)).toBe(workspace + m.nSectors * 8 + copies + own);
    expect(preferredKernel(undefined)).toBe('wasm');
    expect(preferredKernel('ts')).toBe('ts');
    expect(() => preferredKernel('fast')).toThrow('WEERBAAR_KERNEL: must be "wasm" or "ts", got "fast"');
  });
});
