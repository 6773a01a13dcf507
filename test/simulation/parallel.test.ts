// Reproducibility across workers, the stopping rule, cancellation and crashed workers.
import { describe, expect, it } from 'vitest';
import { validateModel } from '../../src/model/validate.js';
import { generateModel } from '../../src/simulation/generate.js';
import { compileModel } from '../../src/simulation/compile.js';
import { SimulationPool, sharedInit } from '../../src/simulation/pool.js';
import { runSimulation, type SimulationResult } from '../../src/simulation/run.js';

const medium = validateModel(generateModel({ services: 300, dependencies: 1500, seed: 'parallel' }));

/** The result without what legitimately differs between runs: the clock and the worker count. */
function comparable(r: SimulationResult) {
  const { elapsedMs: _e, workers: _w, ...meta } = r.meta;
  return { ...r, meta };
}

describe('parallel runs', () => {
  it('gives bit-identical results with 1 and 2 workers', async () => {
    const options = { scenario: 'generated', iterations: 60, seed: 'same', counterfactual: 'close-gaps' as const };
    const one = await runSimulation(medium, { ...options, workers: 1 });
    const two = await runSimulation(medium, { ...options, workers: 2 });
    expect(two.meta.workers).toBe(2);
    expect(comparable(two)).toEqual(comparable(one));
    // Not trivially equal: the run has spread and uncertainty to reproduce.
    expect(one.totalImpact.halfWidth95).toBeGreaterThan(0);
  });

  it('gives the same results with the WebAssembly step in 1 worker as with the TypeScript step in 2', async () => {
    const options = { scenario: 'generated', iterations: 40, seed: 'kernels', counterfactual: 'close-gaps' as const };
    const wasm = await runSimulation(medium, { ...options, workers: 1 });
    const before = process.env.WEERBAAR_KERNEL;
    process.env.WEERBAAR_KERNEL = 'ts'; // read by each worker thread's engine (kernel/engine.ts)
    try {
      const ts = await runSimulation(medium, { ...options, workers: 2 });
      expect(comparable(ts)).toEqual(comparable(wasm));
    } finally {
      if (before === undefined) delete process.env.WEERBAAR_KERNEL;
      else process.env.WEERBAAR_KERNEL = before;
    }
  });

  it('depends on the seed', async () => {
    const a = await runSimulation(medium, { scenario: 'generated', iterations: 20, seed: 'a', workers: 1 });
    const b = await runSimulation(medium, { scenario: 'generated', iterations: 20, seed: 'b', workers: 1 });
    expect(a.totalImpact.mean).not.toBe(b.totalImpact.mean);
  });

  it('stops at the target relative error, at the same iteration for any number of workers', async () => {
    const options = {
      scenario: 'generated',
      iterations: 5000,
      seed: 'stop',
      targetRelativeError: 0.02,
      horizonHours: 48,
    };
    const one = await runSimulation(medium, { ...options, workers: 1 });
    const two = await runSimulation(medium, { ...options, workers: 2 });
    expect(one.meta.converged).toBe(true);
    expect(one.meta.iterations % 100).toBe(0);
    expect(one.meta.iterations).toBeLessThan(5000);
    expect(one.totalImpact.halfWidth95!).toBeLessThan(0.02 * one.totalImpact.mean);
    expect(comparable(two)).toEqual(comparable(one));
  });

  it('runs to the cap when the target is out of reach', async () => {
    const r = await runSimulation(medium, {
      scenario: 'generated',
      iterations: 150,
      seed: 'cap',
      targetRelativeError: 1e-6,
      workers: 1,
      horizonHours: 24,
    });
    expect(r.meta.iterations).toBe(150);
    expect(r.meta.converged).toBe(false);
  });

  it.each([
    [1, true],
    [2, true],
    [2, false],
  ])(
    'stops promptly when cancelled (%i workers, timeline %s) and rejects with an AbortError',
    async (workers, timeline) => {
      const big = validateModel(generateModel({ services: 2000, dependencies: 12000, seed: 'abort' }));
      const abort = new AbortController();
      let progressed = 0;
      const started = Date.now();
      const run = runSimulation(
        big,
        { scenario: 'generated', iterations: 5000, seed: 1, workers, timeline },
        {
          signal: abort.signal,
          onProgress: (done) => {
            progressed = done;
            if (done > 0) abort.abort();
          },
        },
      );
      await expect(run).rejects.toMatchObject({ name: 'AbortError' });
      expect(progressed).toBeGreaterThan(0);
      expect(progressed).toBeLessThan(5000);
      expect(Date.now() - started).toBeLessThan(20_000);
    },
  );

  it('reports progress up to the total', async () => {
    const seen: number[] = [];
    await runSimulation(
      medium,
      { scenario: 'generated', iterations: 40, seed: 1, workers: 2 },
      {
        onProgress: (done, total) => {
          seen.push(done);
          expect(total).toBe(40);
        },
      },
    );
    expect(seen.at(-1)).toBe(40);
  });

  it('rejects with a message when a worker throws or its thread dies, without taking the process down', async () => {
    const compiled = compileModel(medium, {
      scenario: 'generated',
      horizonHours: 10,
      stepHours: 1,
      disruptedThreshold: 0.05,
    });
    const pool = new SimulationPool(2, new URL('./fixtures/crashing-worker.mjs', import.meta.url));
    pool.setRun(sharedInit(compiled, '1', false, false));
    try {
      await expect(pool.run({ start: 0, count: 1, buffer: new SharedArrayBuffer(8) })).rejects.toThrow(
        /simulation worker failed on iterations 0–0: engine exploded/,
      );
      await expect(pool.run({ start: 1, count: 1, buffer: new SharedArrayBuffer(8) })).rejects.toThrow(
        /simulation worker failed on iterations 1–1/,
      );
    } finally {
      await pool.destroy();
    }
  });
});
