// Benchmark of the portfolio analysis on the default model: the exact best portfolio (HiGHS) over all scenarios at a
// few budgets, the robustness check over weight profiles and samples, and the paired simulation of the chosen set
// with 1,000 iterations per scenario (1 worker and all cores).
import { availableParallelism, cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';

const dist = (p) => new URL(`../dist/${p}`, import.meta.url).href;
const { readModelFile } = await import(dist('model/validate.js'));
const { analysePortfolio, bestPortfolio, portfolioProblem, loadSolver } = await import(dist('analysis/portfolio.js'));
const { evaluateMeasureSets } = await import(dist('simulation/paired.js'));

const cores = availableParallelism();
const fmt = (x, d = 0) => x.toFixed(d);
console.log(
  `machine: ${cores} cores (nproc), ${cpus()[0]?.model ?? 'unknown CPU'}, node ${process.version}, ` +
    `load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
);

const model = await readModelFile(fileURLToPath(new URL('../simulations/nederland.json', import.meta.url)));
const scenarios = model.scenarios.map((s) => s.id);
console.log(`model: ${model.measures.length} measures, ${model.effects.length} effects, ${scenarios.length} scenarios`);

/** Median wall time of `runs` calls of fn, in ms. */
async function median(runs, fn) {
  const times = [];
  let last;
  for (let r = 0; r < runs; r++) {
    const t = performance.now();
    last = await fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(times.length / 2)], last };
}

let t = performance.now();
await loadSolver();
console.log(`HiGHS load (WebAssembly): ${fmt(performance.now() - t)} ms`);

const problem = portfolioProblem(model, { scenarios });
for (const budget of [50e6, 250e6, 1e9]) {
  const { ms, last } = await median(5, () => bestPortfolio(problem, budget));
  console.log(
    `static best portfolio, budget €${budget / 1e6} m: ${fmt(ms)} ms (median of 5), ${last.chosen.length} measures, ` +
      `cost €${fmt(last.cost / 1e6, 1)} m, value ${last.value.toExponential(4)}`,
  );
}
{
  const { ms, last } = await median(3, () => analysePortfolio(model, { budget: 250e6, scenarios }));
  const counts = { core: 0, borderline: 0, exterior: 0 };
  for (const m of last.measures) counts[m.label]++;
  console.log(
    `portfolio with robustness (5 profiles + ${last.robustness.samples} sampled weight sets), budget €250 m: ` +
      `${fmt(ms)} ms (median of 3); core ${counts.core}, borderline ${counts.borderline}, exterior ${counts.exterior}`,
  );

  for (const workers of [1, cores]) {
    t = performance.now();
    const sim = await evaluateMeasureSets(model, [{ id: 'chosen', measures: last.chosen }], {
      scenarios,
      iterations: 1000,
      seed: 'bench',
      workers,
    });
    const ms2 = performance.now() - t;
    const s = sim.sets[0];
    console.log(
      `paired simulation of the chosen set, 1,000 iterations × ${scenarios.length} scenarios × 2 runs, ` +
        `${workers} worker(s): ${fmt(ms2)} ms ` +
        `(${fmt((ms2 * 1e3) / (2 * 1000 * scenarios.length), 1)} µs per iteration); ` +
        `simulated value ${s.value.mean.toExponential(4)} ± ${s.value.halfWidth95?.toExponential(2)}, ` +
        `static ${last.value.toExponential(4)}`,
    );
  }
}
