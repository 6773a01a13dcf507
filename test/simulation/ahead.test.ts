// Iterations started before the model is validated (startAhead): kept only when the validated model compiles to the
// same arrays, else dropped and run again; the result is the same to the bit either way.
import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { validateModel, withDefaults } from '../../src/model/validate.js';
import { compileModel } from '../../src/simulation/compile.js';
import { generateModel } from '../../src/simulation/generate.js';
import { SimulationPool } from '../../src/simulation/pool.js';
import { runSimulation, sameCompiled, startAhead, type SimulationResult } from '../../src/simulation/run.js';

const doc = generateModel({ services: 300, dependencies: 1500, seed: 'ahead' });
const model = validateModel(doc);
const options = { scenario: 'generated', iterations: 40, seed: 'ahead', workers: 2, timeline: false };

function comparable(r: SimulationResult) {
  const { elapsedMs: _e, workers: _w, ...meta } = r.meta;
  return { ...r, meta };
}

describe('iterations started ahead of validation', () => {
  it('fills in what validation fills in, without changing the document', () => {
    const before = JSON.stringify(doc);
    const filled = withDefaults(doc) as typeof doc;
    expect(JSON.stringify(doc)).toBe(before);
    // The generated model leaves the criteria's weight out; validation makes it 1.
    expect(doc.impactCriteria!.some((c) => !('weight' in c))).toBe(true);
    expect(filled.impactCriteria!.every((c) => c.weight === 1)).toBe(true);
    const opts = { scenario: 'generated', horizonHours: 168, stepHours: 1, disruptedThreshold: 0.05 };
    expect(sameCompiled(compileModel(filled as never, opts), compileModel(model, opts))).toBe(true);
    expect(withDefaults({ services: [{ id: 's' }] })).toMatchObject({
      services: [{ id: 's', recoveryRate: 1 }],
      tasks: [],
    });
  });

  it('tells compiled models apart by any array element, number or id', () => {
    const opts = { scenario: 'generated', horizonHours: 24, stepHours: 1, disruptedThreshold: 0.05 };
    const a = compileModel(model, opts);
    expect(sameCompiled(a, compileModel(model, opts))).toBe(true);
    expect(sameCompiled(a, compileModel(model, { ...opts, horizonHours: 25 }))).toBe(false);
    const b = compileModel(model, opts);
    b.depStrength[7]! += 1e-12;
    expect(sameCompiled(a, b)).toBe(false);
    const c = compileModel(model, opts);
    c.ids.services[0] = 'other';
    expect(sameCompiled(a, c)).toBe(false);
    expect(sameCompiled(0, -0)).toBe(false);
    expect(sameCompiled(new Int32Array(2), new Float32Array(2))).toBe(false);
  });

  it('keeps the iterations when the validated model compiles the same, with the same result', async () => {
    const plain = await runSimulation(model, options);
    for (const counterfactual of ['none', 'close-gaps'] as const) {
      const expected = counterfactual === 'none' ? plain : await runSimulation(model, { ...options, counterfactual });
      const pool = new SimulationPool(2);
      const ahead = startAhead(withDefaults(doc), { ...options, counterfactual }, pool);
      expect(ahead).not.toBeNull();
      const r = await runSimulation(model, { ...options, counterfactual }, { pool, ahead });
      // Taken over (runSimulation follows its progress), not run again.
      expect(ahead!.onProgress).not.toBeNull();
      expect(comparable(r)).toEqual(comparable(expected));
    }
  });

  it('drops them and runs again when the validated model compiles differently', async () => {
    const plain = await runSimulation(model, options);
    const changed = structuredClone(doc);
    changed.dependencies![0]!.strength = changed.dependencies![0]!.strength! / 2;
    const other = await runSimulation(validateModel(changed), options);
    expect(other.totalImpact.mean).not.toBe(plain.totalImpact.mean);
    const pool = new SimulationPool(2);
    const ahead = startAhead(withDefaults(changed), options, pool);
    expect(ahead).not.toBeNull();
    const r = await runSimulation(model, options, { pool, ahead });
    expect(ahead!.onProgress).toBeNull();
    expect(comparable(r)).toEqual(comparable(plain));
    // Other options than those it started with: dropped as well.
    const pool2 = new SimulationPool(2);
    const ahead2 = startAhead(withDefaults(doc), { ...options, seed: 'other' }, pool2);
    const r2 = await runSimulation(model, options, { pool: pool2, ahead: ahead2 });
    expect(ahead2!.onProgress).toBeNull();
    expect(comparable(r2)).toEqual(comparable(plain));
  });

  it('starts nothing where the threads would not share one block, or the document is not plain', async () => {
    const pool = new SimulationPool(2);
    try {
      const filled = withDefaults(doc);
      expect(startAhead(filled, { ...options, timeline: true }, pool)).toBeNull();
      expect(startAhead(filled, { ...options, targetRelativeError: 0.05 }, pool)).toBeNull();
      expect(startAhead(filled, { ...options, workers: 3 }, pool)).toBeNull();
      expect(startAhead(filled, { ...options, iterations: 0 }, pool)).toBeNull();
      // Without the defaults filled in, the criteria's weights are missing: not plain numbers.
      expect(startAhead(doc, options, pool)).toBeNull();
      expect(startAhead([], options, pool)).toBeNull();
      expect(startAhead({ services: 'none' }, options, pool)).toBeNull();
    } finally {
      await pool.destroy();
    }
  });

  it('still refuses a malformed model in the CLI with 2 workers, naming the item and field', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'weerbaar-ahead-'));
    const bad = join(dir, 'bad.json');
    const m = structuredClone(doc);
    m.dependencies![3]!.probability = 1.5;
    await writeFile(bad, JSON.stringify(m));
    const cli = fileURLToPath(new URL('./fixtures/cli.mjs', import.meta.url));
    const args = ['simulate', '--model', bad, '--scenario', 'generated', '--iterations', '400', '--seed', '1'];
    const { code, stderr } = await new Promise<{ code: number; stderr: string }>((resolve) =>
      execFile(process.execPath, [cli, ...args, '--workers', '2'], (error, _stdout, stderr) =>
        resolve({ code: error ? Number(error.code) : 0, stderr }),
      ),
    );
    expect(code).toBe(1);
    expect(stderr).toMatch(/dependencies\[3\] \([^)]*\)\.probability/);
  });
});
