// Worker threads sharing a block of iterations through shared memory (SimulationPool.runRange, the path of runs
// without the timeline): the same records, to the bit, as in-process, whatever the threads, grain and block.
import { describe, expect, it } from 'vitest';
import { validateModel } from '../../src/model/validate.js';
import { generateModel } from '../../src/simulation/generate.js';
import { compileModel } from '../../src/simulation/compile.js';
import { recordLayout } from '../../src/simulation/kernel/compiled.js';
import { createFastEngine } from '../../src/simulation/kernel/engine.js';
import { SimulationPool, sharedInit } from '../../src/simulation/pool.js';
import { runSimulation, type SimulationResult } from '../../src/simulation/run.js';

const medium = validateModel(generateModel({ services: 300, dependencies: 1500, seed: 'ranges' }));

function comparable(r: SimulationResult) {
  const { elapsedMs: _e, workers: _w, ...meta } = r.meta;
  return { ...r, meta };
}

describe('iterations shared by worker threads (no timeline)', () => {
  it('gives bit-identical results with 1, 2 and 3 workers, with the counterfactual', async () => {
    const options = {
      scenario: 'generated',
      iterations: 50,
      seed: 'shared',
      counterfactual: 'close-gaps' as const,
      timeline: false,
    };
    const one = await runSimulation(medium, { ...options, workers: 1 });
    const two = await runSimulation(medium, { ...options, workers: 2 });
    const three = await runSimulation(medium, { ...options, workers: 3 });
    expect(comparable(two)).toEqual(comparable(one));
    expect(comparable(three)).toEqual(comparable(one));
    expect(one.totalImpact.halfWidth95).toBeGreaterThan(0);
    // The same as with the timeline (chunks in buffers of their own), apart from the timeline itself.
    const withTimeline = await runSimulation(medium, { ...options, workers: 2, timeline: true });
    expect({ ...comparable(withTimeline), timeline: null }).toEqual(comparable(two));
  });

  it('stops at the target relative error at the same iteration as in-process', async () => {
    const options = {
      scenario: 'generated',
      iterations: 3000,
      seed: 'stop-shared',
      targetRelativeError: 0.02,
      horizonHours: 48,
      timeline: false,
    };
    const one = await runSimulation(medium, { ...options, workers: 1 });
    const two = await runSimulation(medium, { ...options, workers: 2 });
    expect(one.meta.converged).toBe(true);
    expect(one.meta.iterations).toBeLessThan(3000);
    expect(comparable(two)).toEqual(comparable(one));
  });

  it('writes every record of a block in its place, for any grain, block and number of threads', async () => {
    const compiled = compileModel(medium, {
      scenario: 'generated',
      horizonHours: 24,
      stepHours: 1,
      disruptedThreshold: 0.05,
    });
    const { stride } = recordLayout(compiled, false);
    const expected = (await createFastEngine(compiled, 'grain', false)).runChunk(0, 23);
    for (const threads of [2, 3]) {
      const pool = new SimulationPool(threads);
      try {
        pool.setRun(sharedInit(compiled, 'grain', false, false));
        for (const grain of [1, 4, 100]) {
          const records = new Float64Array(new SharedArrayBuffer(23 * stride * 8)).fill(-1);
          const seen: number[] = [];
          // Two blocks, as with a target relative error: 0–9, then 10–22.
          await pool.runRange({ from: 0, to: 10, grain, records: records.buffer as SharedArrayBuffer });
          await pool.runRange(
            { from: 10, to: 23, grain, records: records.buffer as SharedArrayBuffer },
            undefined,
            (n) => seen.push(n),
          );
          expect(Buffer.from(records.buffer).equals(Buffer.from(expected.buffer))).toBe(true);
          expect(seen.at(-1)).toBe(13);
        }
      } finally {
        await pool.destroy();
      }
    }
  });

  it('reports progress up to the total', async () => {
    const seen: number[] = [];
    await runSimulation(
      medium,
      { scenario: 'generated', iterations: 40, seed: 1, workers: 2, timeline: false },
      { onProgress: (done, total) => (seen.push(done), expect(total).toBe(40)) },
    );
    expect(seen.at(-1)).toBe(40);
    expect([...seen].sort((a, b) => a - b)).toEqual(seen);
    // Cancelling a shared block is tested in parallel.test.ts (2 workers, timeline false).
  });

  it('rejects with a message naming the block when a worker fails', async () => {
    const compiled = compileModel(medium, {
      scenario: 'generated',
      horizonHours: 10,
      stepHours: 1,
      disruptedThreshold: 0.05,
    });
    const pool = new SimulationPool(2, new URL('./fixtures/crashing-worker.mjs', import.meta.url));
    pool.setRun(sharedInit(compiled, '1', false, false));
    try {
      const records = new SharedArrayBuffer(8);
      await expect(pool.runRange({ from: 0, to: 8, grain: 1, records })).rejects.toThrow(
        /simulation worker failed on iterations 0–7: engine exploded/,
      );
    } finally {
      await pool.destroy();
    }
  });
});
