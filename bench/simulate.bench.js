// Benchmark of the cascade engine: iterations/s and ns per dependency-step, 1 worker and all cores, beside a plain
// reference loop.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import seedrandom from 'seedrandom';

const dist = (p) => new URL(`../dist/${p}`, import.meta.url).href;
const { validateModel } = await import(dist('model/validate.js'));
const { generateModel } = await import(dist('simulation/generate.js'));
const { runSimulation } = await import(dist('simulation/run.js'));
const { compileModel } = await import(dist('simulation/compile.js'));
const { createEngine, createFastEngine } = await import(dist('simulation/kernel/engine.js'));
const { iterationStream } = await import(dist('simulation/kernel/rng.js'));
const { arrivalHours, holdingRegion, TravelTimes } = await import(dist('analysis/regions.js'));

const cores = availableParallelism();
/** Kernel CPU ns per dependency-step by model label (the WebAssembly step's, compared with C below). */
const kernelCpuNs = {};
const fmt = (x, d = 2) => x.toFixed(d);
console.log(
  `machine: ${cores} cores (nproc), ${cpus()[0]?.model ?? 'unknown CPU'}, node ${process.version}, ` +
    `load average ${loadavg()
      .map((l) => fmt(l))
      .join(' ')}`,
);

// --- random numbers: why Alea ---------------------------------------------------------------
{
  const n = 5e6;
  const time = (name, next) => {
    let s = 0;
    const t = performance.now();
    for (let k = 0; k < n; k++) s += next();
    const ns = ((performance.now() - t) * 1e6) / n;
    console.log(`rng ${name.padEnd(22)} ${fmt(ns)} ns/number${s < 0 ? '!' : ''}`);
  };
  time('seedrandom alea', seedrandom.alea('bench'));
  time('seedrandom xor4096', seedrandom.xor4096('bench'));
  time('seedrandom (ARC4)', seedrandom('bench'));
  time('Math.random', Math.random);
}

// --- a plain reference loop of the same dynamics ------------------------------------------------
/** The pinned dynamics written the obvious way on objects and nested arrays; returns q(N) per iteration. */
function referenceIteration(model, scenario, seed, index, horizonHours, dt) {
  const N = Math.ceil(horizonHours / dt - 1e-9);
  const next = iterationStream(seed, index);
  const u = model.dependencies.map(() => next());
  const present = model.holdings.map((h) => next() < h.readiness);
  // Arrival: mobilisation plus travel from the holding's region to the nearest affected one (docs/model.md).
  const travel = new TravelTimes(model.regions, model.travelTimes);
  const affected = model.scenarios.find((s) => s.id === scenario)?.regions ?? null;
  const partyRegion = new Map(model.parties.map((p) => [p.id, p.region]));
  const arrival = model.holdings.map((h) =>
    arrivalHours(h.mobilisationHours, holdingRegion(h, partyRegion.get(h.party)), affected, travel),
  );
  const at = new Map(model.services.map((s, i) => [s.id, i]));
  const services = model.services.map((s) => ({
    k: dt === 1 ? s.recoveryRate : 1 - Math.pow(1 - s.recoveryRate, dt),
    inputs: [],
  }));
  model.dependencies.forEach((d, i) => {
    if (u[i] < d.probability)
      services[at.get(d.from)].inputs.push({
        j: at.get(d.to),
        a: d.strength,
        d: Math.min(N, Math.round(d.delayHours / dt)),
      });
  });
  const history = [model.services.map(() => 0)];
  for (let t = 0; t < N; t++) {
    const q = history[t];
    const shock = model.services.map(() => 0);
    for (const x of model.disruptions) {
      const from = Math.max(0, Math.ceil(x.startHour / dt - 1e-9));
      const until =
        x.durationHours === undefined ? Infinity : Math.max(0, Math.ceil((x.startHour + x.durationHours) / dt - 1e-9));
      if (x.scenario === scenario && t >= from && t < until)
        shock[at.get(x.service)] = Math.max(shock[at.get(x.service)], x.inoperability);
    }
    const taskDemand = {};
    for (const task of model.tasks) taskDemand[task.id] = 0;
    for (const r of model.requirements) if (r.scenario === scenario) taskDemand[r.task] += r.demand;
    for (const g of model.triggers) taskDemand[g.task] += g.demandPerInoperabilityHour * q[at.get(g.service)] * dt;
    const demand = {};
    const available = {};
    for (const c of model.capabilities) {
      demand[c.id] = 0;
      available[c.id] = 0;
    }
    for (const n of model.needs) demand[n.capability] += taskDemand[n.task] * n.perUnit;
    model.holdings.forEach((h, i) => {
      if (present[i] && t >= Math.ceil(arrival[i] / dt - 1e-9)) available[h.capability] += h.capacity;
    });
    const coverage = {};
    for (const c of model.capabilities) {
      const d = demand[c.id],
        a = available[c.id];
      coverage[c.id] = d > 0 ? (a >= d ? 1 : a / d) : a > 0 ? 1 : 0;
    }
    const pass = model.services.map(() => 1);
    for (const m of model.mitigations) pass[at.get(m.service)] *= 1 - m.reduction * coverage[m.capability];
    history.push(
      services.map((s, i) => {
        let sum = 0;
        for (const e of s.inputs) sum += e.a * (t - e.d >= 0 ? history[t - e.d][e.j] : 0);
        const v = q[i] + s.k * (pass[i] * sum + shock[i] - q[i]);
        return Math.min(1, Math.max(0, v));
      }),
    );
  }
  return history[N];
}

async function benchModel(label, model, scenario, iterations) {
  const deps = model.dependencies.length;
  const depSteps = (n) => deps * 168 * n;
  console.log(
    `\n${label}: ${model.services.length} services, ${deps} dependencies, scenario ` +
      `${scenario}, ${iterations} iterations × 168 h`,
  );
  for (const workers of [...new Set([1, cores])]) {
    // Without the timeline, as the CLI runs by default (API jobs keep it; the CLI lines below show both).
    await runSimulation(model, {
      scenario,
      iterations: Math.min(iterations, 20),
      seed: 'warm',
      workers,
      timeline: false,
    }); // warm-up
    const r = await runSimulation(model, { scenario, iterations, seed: 'bench', workers, timeline: false });
    const ms = r.meta.elapsedMs;
    console.log(
      `  engine, ${workers} worker${workers > 1 ? 's' : ' '}: ${fmt(ms, 0).padStart(6)} ms ` +
        ` ${fmt((iterations * 1000) / ms, 1).padStart(8)} iterations/s  ` +
        `${fmt((ms * 1e6) / depSteps(iterations)).padStart(6)} ns/dependency-step`,
    );
  }
  // The kernel alone (no pool, no statistics): what a worker spends per dependency-step with each step loop — the
  // generic TypeScript loops, the TypeScript step specialised to the engine, and the WebAssembly step (what runs by
  // default); wall and CPU time of this thread. The last one's CPU time is the one compared with C below.
  const compiled = compileModel(model, { scenario, horizonHours: 168, stepHours: 1, disruptedThreshold: 0.05 });
  let records;
  let engine;
  for (const [name, want, make] of [
    ['generic', 'generic', async () => createEngine(compiled, 'bench', false)],
    ['TypeScript', 'specialised', () => createFastEngine(compiled, 'bench', false, false, 'ts')],
    ['WebAssembly', 'wasm', () => createFastEngine(compiled, 'bench', false, false, 'wasm')],
  ]) {
    engine = await make();
    engine.runChunk(0, Math.min(iterations, 10));
    const t = performance.now();
    const cpu = process.cpuUsage();
    const out = engine.runChunk(0, iterations);
    const ms = performance.now() - t;
    const c = process.cpuUsage(cpu);
    const cpuMs = (c.user + c.system) / 1000;
    if (records && Buffer.compare(Buffer.from(out.buffer), Buffer.from(records.buffer)) !== 0)
      console.log(`  !! the ${name} kernel differs from the generic one`);
    records = out;
    kernelCpuNs[label] = (cpuMs * 1e6) / depSteps(iterations);
    console.log(
      `  kernel only, ${name.padEnd(11)}  ${fmt(ms, 0).padStart(6)} ms  ` +
        `${fmt((iterations * 1000) / ms, 1).padStart(8)} iterations/s  ` +
        `${fmt((ms * 1e6) / depSteps(iterations)).padStart(6)} ns/dependency-step wall, ` +
        `${fmt(kernelCpuNs[label])} CPU${engine.kernel === want ? '' : ` (NOT ${want}: got ${engine.kernel}; built?)`}`,
    );
  }
  let t;
  let ms;
  const refIterations = Math.max(1, Math.min(iterations, Math.round(2e8 / depSteps(1) / 10)));
  t = performance.now();
  let maxDiff = 0;
  for (let i = 0; i < refIterations; i++) {
    const q = referenceIteration(model, scenario, 'bench', i, 168, 1);
    for (let s = 0; s < q.length; s++)
      maxDiff = Math.max(maxDiff, Math.abs(q[s] - records[i * engine.layout.stride + engine.layout.serviceFinal + s]));
  }
  ms = performance.now() - t;
  console.log(
    `  reference loop (objects): ${fmt(ms, 0).padStart(6)} ms  ` +
      `${fmt((refIterations * 1000) / ms, 1).padStart(8)} iterations/s  ` +
      `${fmt((ms * 1e6) / depSteps(refIterations)).padStart(6)} ns/dependency-step  ` +
      `(${refIterations} iterations; max |q_engine − q_reference| = ${maxDiff})`,
  );
}

const nederland = fileURLToPath(new URL('../simulations/nederland.json', import.meta.url));
if (existsSync(nederland)) {
  try {
    const model = validateModel(JSON.parse(readFileSync(nederland, 'utf8')), nederland);
    const scenario = model.scenarios.find((s) => /blackout/.test(s.id))?.id ?? model.scenarios[0]?.id;
    if (scenario) await benchModel('default model (simulations/nederland.json)', model, scenario, 2000);
  } catch (e) {
    console.log(`\ndefault model skipped: ${e.message.split('\n')[0]}`);
  }
} else {
  console.log('\ndefault model skipped: simulations/nederland.json not found');
}

const input = generateModel({ services: 5000, dependencies: 30000, seed: 'bench' });
await benchModel('generated model', validateModel(input), 'generated', 200);

const dir = mkdtempSync(join(tmpdir(), 'weerbaar-bench-'));

// --- the same dynamics in C (bench/reference.c), single-threaded, on the same compiled model -------------
/** The compiled model as bench/reference.c reads it: per array an int32 count, an int32 element size, the data. */
function dumpCompiled(c, file) {
  const parts = [];
  const add = (arr) => {
    parts.push(
      Buffer.from(Int32Array.of(arr.length, arr.BYTES_PER_ELEMENT).buffer),
      Buffer.from(arr.buffer, arr.byteOffset, arr.byteLength),
    );
  };
  add(Int32Array.of(c.nServices, c.nSectors, c.nTasks, c.nCapabilities, c.nCriteria, c.steps, c.maxDelay));
  add(Float64Array.of(c.stepHours, c.disruptedThreshold));
  for (const k of [
    'recovery',
    'serviceSector',
    'sectorSize',
    'depStart',
    'depSource',
    'depStrength',
    'depProbability',
    'depDelay',
    'depDrawOrder',
    'shockService',
    'shockLevel',
    'shockFrom',
    'shockUntil',
    'taskBaseDemand',
    'triggerService',
    'triggerTask',
    'triggerRate',
    'needTask',
    'needCapability',
    'needPerUnit',
    'holdingCapability',
    'holdingCapacity',
    'holdingReadiness',
    'holdingFromStep',
    'mitigationCapability',
    'mitigationService',
    'mitigationReduction',
    'serviceConsequenceService',
    'serviceConsequenceCriterion',
    'serviceConsequenceRate',
    'capabilityConsequenceCapability',
    'capabilityConsequenceCriterion',
    'capabilityConsequenceRate',
  ])
    add(c[k]);
  writeFileSync(file, Buffer.concat(parts));
}
let cNs = null;
/** The C reference's best wall time in ms (the target: the whole CLI process within 1.5× of it). */
let cWall = null;
/** The compiled C reference and its model dump, for the side-by-side pairs at the end. */
let cRun = null;
{
  const source = fileURLToPath(new URL('./reference.c', import.meta.url));
  const exe = join(dir, 'reference');
  let compiled = false;
  try {
    // Timed: as a user compiles for speed. -march=native lets gcc contract a * b + c into fused multiply-adds,
    // which round once instead of twice, so the bit-for-bit cross-check uses a build without contraction.
    execFileSync('gcc', ['-O2', '-march=native', '-o', exe, source, '-lm'], { stdio: ['ignore', 'ignore', 'pipe'] });
    execFileSync('gcc', ['-O2', '-march=native', '-ffp-contract=off', '-o', `${exe}-exact`, source, '-lm'], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    compiled = true;
  } catch (e) {
    console.log(
      `\nC reference skipped: ` +
        `${e.code === 'ENOENT' ? 'no gcc' : `gcc failed: ${e.stderr?.toString().split('\n')[0] ?? e.message}`}`,
    );
  }
  if (compiled) {
    const model = validateModel(input);
    const c = compileModel(model, { scenario: 'generated', horizonHours: 168, stepHours: 1, disruptedThreshold: 0.05 });
    const bin = join(dir, 'model.bin');
    dumpCompiled(c, bin);
    // Cross-check: q(N) of the first iterations, bit for bit against the engine.
    const check = 5;
    execFileSync(`${exe}-exact`, [bin, 'bench', String(check), join(dir, 'final.bin')]);
    const finals = new Float64Array(readFileSync(join(dir, 'final.bin')).buffer.slice(0));
    const engine = createEngine(c, 'bench', false);
    const records = engine.runChunk(0, check);
    let maxDiff = 0;
    for (let i = 0; i < check; i++) {
      for (let s = 0; s < c.nServices; s++)
        maxDiff = Math.max(
          maxDiff,
          Math.abs(finals[i * c.nServices + s] - records[i * engine.layout.stride + engine.layout.serviceFinal + s]),
        );
    }
    const runs = [];
    for (let k = 0; k < 3; k++) {
      const line = execFileSync(exe, [bin, 'bench', '200']).toString();
      const [, wall, cpu] = /([\d.]+) ms wall ([\d.]+) ms cpu/.exec(line);
      runs.push({ wall: Number(wall), cpu: Number(cpu) });
    }
    cRun = () => Number(/([\d.]+) ms wall/.exec(execFileSync(exe, [bin, 'bench', '200']).toString())[1]);
    const best = runs.reduce((a, b) => (b.cpu < a.cpu ? b : a));
    cWall = Math.min(...runs.map((r) => r.wall));
    cNs = (best.cpu * 1e6) / (30000 * 168 * 200);
    console.log(
      `\nC reference (gcc -O2 -march=native, 1 thread), generated model, 200 iterations: ` +
        `${runs.map((r) => `${fmt(r.wall / 1000)} s`).join(', ')} wall; best ` +
        `${fmt(best.cpu / 1000)} s CPU = ${fmt(cNs)} ns/dependency-step (max |q_C − ` +
        `q_engine| over ${check} iterations = ${maxDiff}, built with -ffp-contract=off)`,
    );
    const js = kernelCpuNs['generated model'];
    if (js) console.log(`  engine kernel (WebAssembly step, 1 thread) / C, CPU per dependency-step: ${fmt(js / cNs)}×`);
    // Side by side: C, then the kernel in this thread on the same model, seed and iterations, alternated so that
    // both meet the same load; CPU time of each, as a ratio per pair.
    const wasmEngine = await createFastEngine(c, 'bench', false, false, 'wasm');
    wasmEngine.runChunk(0, 10);
    const kernelRatios = [];
    for (let k = 0; k < 5; k++) {
      const line = execFileSync(exe, [bin, 'bench', '200']).toString();
      const cCpu = Number(/([\d.]+) ms cpu/.exec(line)[1]);
      const cpu = process.cpuUsage();
      wasmEngine.runChunk(0, 200);
      const used = process.cpuUsage(cpu);
      kernelRatios.push((used.user + used.system) / 1000 / cCpu);
    }
    kernelRatios.sort((a, b) => a - b);
    console.log(
      `  side by side, 5 pairs (C, then the WebAssembly kernel, 200 iterations each), kernel / C CPU time: ` +
        `median ${fmt(kernelRatios[2])}× (${kernelRatios.map((r) => fmt(r)).join(', ')}; load average ` +
        `${fmt(loadavg()[0])})`,
    );
  }
}

// --- the whole CLI process, as an analyst runs it ---------------------------------------------
const modelFile = join(dir, 'generated.json');
writeFileSync(modelFile, JSON.stringify(input));
const bin = fileURLToPath(new URL('../bin/weerbaar.js', import.meta.url));
const cli = join(dir, 'cli.mjs');
writeFileSync(
  cli,
  `import { Command } from 'commander';\nimport { registerSimulate } from ` +
    `${JSON.stringify(dist('cli/simulate.js'))};\nconst p = new Command('weerbaar'); ` +
    `registerSimulate(p); await p.parseAsync(process.argv);\n`,
);
// commander resolves from the repository, so run the stand-in from there when bin/weerbaar.js cannot simulate offline.
const entry = existsSync(bin) ? bin : cli;
// The timeline is off by default in the CLI; --timeline adds ~22 MB of JSON for this model. Median of
// BENCH_CLI_RUNS (default 5) runs each; 0 skips these lines (the side-by-side pairs below still run).
const cliRuns = Number(process.env.BENCH_CLI_RUNS ?? 5);
/** The `weerbaar simulate` command line of the CLI runs: the generated model, 200 iterations, seed 1. */
const cliArgs = (workers, extra = []) => [
  entry,
  ...['simulate', '--model', modelFile, '--scenario', 'generated', '--iterations', '200', '--seed', '1'],
  ...['--workers', String(workers), ...extra, '--out', join(dir, 'out.json')],
];

for (const [workers, extra] of cliRuns > 0
  ? [
      [2, []],
      [2, ['--timeline']],
      [1, []],
    ]
  : []) {
  const args = cliArgs(workers, extra);
  try {
    const times = [];
    for (let k = 0; k < cliRuns; k++) {
      const t = performance.now();
      execFileSync(process.execPath, args, {
        stdio: ['ignore', 'ignore', 'pipe'],
        cwd: fileURLToPath(new URL('..', import.meta.url)),
      });
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    const ms = times[Math.floor(times.length / 2)];
    const engineMs = JSON.parse(readFileSync(join(dir, 'out.json'), 'utf8')).meta.elapsedMs;
    const cCpuSeconds = (cNs * 30000 * 168 * 200) / 1e9;
    const ofWall = cWall ? `, ${fmt(ms / cWall)}× its best wall time` : '';
    console.log(
      `\nCLI process, generated model, 200 iterations, ${workers} ` +
        `worker${workers > 1 ? 's' : ''}${extra.length ? ` ${extra.join(' ')}` : ''}: ` +
        `${fmt(ms / 1000)} s wall, median of ${cliRuns} ` +
        `(${times.map((x) => fmt(x / 1000)).join(', ')}; engine of the last run ` +
        `${fmt(engineMs / 1000)} s; the rest is node start-up, reading and validating the ` +
        `35k-item model, writing the JSON); ${fmt((ms * 1e6) / (30000 * 168 * 200))} ns per ` +
        `dependency-step overall${cNs ? `; ${fmt(ms / 1e3 / cCpuSeconds)}× the C reference's CPU time${ofWall}` : ''}`,
    );
  } catch (e) {
    console.log(`\nCLI process failed: ${e.stderr?.toString() ?? e.message}`);
  }
}

// --- side by side: C and the whole CLI process (2 workers) alternated, so both meet the same load -------------
if (cRun && process.env.BENCH_PAIRS !== '0') {
  const pairs = Number(process.env.BENCH_PAIRS ?? 5);
  const args = cliArgs(2);
  const ratios = [];
  console.log(
    `\nSide by side, ${pairs} pairs (C reference 1 thread, then \`weerbaar simulate\` 2 workers, 200 iterations):`,
  );
  for (let k = 0; k < pairs; k++) {
    const before = loadavg()[0];
    const c = cRun();
    const t = performance.now();
    execFileSync(process.execPath, args, {
      stdio: ['ignore', 'ignore', 'pipe'],
      cwd: fileURLToPath(new URL('..', import.meta.url)),
    });
    const w = performance.now() - t;
    ratios.push(w / c);
    console.log(
      `  pair ${k + 1}: C ${fmt(c / 1000)} s, weerbaar ${fmt(w / 1000)} s, ${fmt(w / c)}× ` +
        `(load average ${fmt(before)} → ${fmt(loadavg()[0])})`,
    );
  }
  ratios.sort((a, b) => a - b);
  console.log(
    `  median ${fmt(ratios[Math.floor(ratios.length / 2)])}× (range ${fmt(ratios[0])}–${fmt(ratios.at(-1))}×)`,
  );
}

// BENCH_KEEP=1 keeps the generated model, the C reference and the outputs for runs by hand.
if (process.env.BENCH_KEEP === '1') console.log(`\nkept: ${dir}`);
else rmSync(dir, { recursive: true, force: true });
