// The specialised step loop (kernel/step.ts, one module instance per engine) gives the generic loop's numbers to the
// bit.
import { describe, expect, it } from 'vitest';
import { validateModel } from '../../src/model/validate.js';
import { generateModel } from '../../src/simulation/generate.js';
import { compileModel } from '../../src/simulation/compile.js';
import { createEngine, createFastEngine } from '../../src/simulation/kernel/engine.js';

const compile = (services: number, dependencies: number, seed: string, stepHours = 1) =>
  compileModel(validateModel(generateModel({ services, dependencies, seed, delayedShare: 0.4 })), {
    scenario: 'generated',
    horizonHours: 60,
    stepHours,
    disruptedThreshold: 0.05,
  });

describe('specialised step', () => {
  it('is installed (the build is present) and gives bit-identical records, timeline and counterfactuals', async () => {
    const m = compile(200, 1000, 'spec');
    const generic = createEngine(m, 'same', true, true);
    const fast = await createFastEngine(m, 'same', true, true);
    expect(generic.specialised).toBe(false);
    expect(fast.specialised).toBe(true);
    const a = generic.runChunk(0, 25);
    const b = fast.runChunk(0, 25);
    expect(b).toEqual(a);
    // Non-trivial: services were disrupted and some capability fell short.
    expect(
      a.some(
        (v, k) =>
          k % generic.layout.stride >= generic.layout.servicePeak &&
          k % generic.layout.stride < generic.layout.servicePeak + 200 &&
          v > 0.05,
      ),
    ).toBe(true);
  });

  it('binds each engine to its own arrays, also when several are built at once', async () => {
    const models = [compile(50, 200, 'a'), compile(80, 300, 'b', 2), compile(120, 700, 'c')];
    const engines = await Promise.all(models.map((m, k) => createFastEngine(m, `s${k}`, false, false)));
    for (const [k, m] of models.entries()) {
      expect(engines[k]!.specialised).toBe(true);
      // Interleave runs so that a shared module instance would mix up the states.
      const fast = engines[k]!.runChunk(3, 7);
      const reference = createEngine(m, `s${k}`, false, false).runChunk(3, 7);
      expect(fast).toEqual(reference);
    }
  });
});
