#!/usr/bin/env node
// Loading benchmark, as a user meets it: generated models (services, 5 × as many dependencies) written to a file and
// loaded with `weerbaar load --model <file> --reset` as a separate process, into the local Neo4j started by
// `weerbaar db start` with the defaults a user gets (heap and page cache sized from the machine's memory).
// Uses its own Neo4j (port BENCH_NEO4J_PORT, default 7689; data in .weerbaar/neo4j-bench, deleted before every load)
// so it never touches development or test data. Every load starts from a freshly started Neo4j, in one of two states:
//   empty    an empty database, as `weerbaar db start` leaves it (the schema is applied by the timed load);
//   started  as `npm start` leaves it before it serves: the schema applied and the default model loaded (`weerbaar
//            load`), so the timed `load --reset` also makes the automatic backup of that model and clears it.
//   BENCH_SIZES=10000,100000,1000000  services per model (default 10000,100000)
//   BENCH_RUNS=2                      loads per size and state (default 1)
//   BENCH_INTO=empty,started          the states to load into (default both)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';

// Never the user's data: the bench deletes its folders, so they are fixed here, not taken from the environment.
process.env.WEERBAAR_NEO4J_PORT = process.env.BENCH_NEO4J_PORT ?? '7689';
process.env.WEERBAAR_NEO4J_HOME = resolve('.weerbaar', 'neo4j-bench');
process.env.WEERBAAR_BACKUP_DIR = resolve('.weerbaar', 'neo4j-bench-backups');
delete process.env.NEO4J_URI;

const { generateModel } = await import('../dist/simulation/generate.js');
const { localServerConfig } = await import('../dist/graph/config.js');
const { writeJsonFile } = await import('../dist/model/json-file.js');

const bin = resolve('bin', 'weerbaar.js');
const sizes = (process.env.BENCH_SIZES ?? '10000,100000').split(',').map(Number);
const runs = Number(process.env.BENCH_RUNS ?? 1);
const intos = (process.env.BENCH_INTO ?? 'empty,started').split(',');
for (const into of intos) {
  if (into !== 'empty' && into !== 'started') throw new Error(`BENCH_INTO: unknown state "${into}" (empty, started)`);
}
const cfg = localServerConfig();
const load = () =>
  loadavg()
    .map((x) => x.toFixed(1))
    .join(' ');
// The CLI's peak resident memory comes from GNU time where it is installed (`/usr/bin/time -f %M`, KiB).
const gnuTime = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
const cli = (args) => {
  const rssFile = gnuTime && join(tmpdir(), `weerbaar-load-rss-${process.pid}`);
  const [command, argv] = rssFile
    ? [gnuTime, ['-o', rssFile, '-f', '%M', process.execPath, bin, ...args]]
    : [process.execPath, [bin, ...args]];
  const t = performance.now();
  const r = spawnSync(command, argv, { encoding: 'utf8', env: process.env, maxBuffer: 1 << 26 });
  const seconds = (performance.now() - t) / 1000;
  if (r.status !== 0) throw new Error(`weerbaar ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  let peakRssMib;
  if (rssFile) {
    peakRssMib = Number(readFileSync(rssFile, 'utf8').trim().split('\n').pop()) / 1024;
    rmSync(rssFile, { force: true });
  }
  return { seconds, stdout: r.stdout, stderr: r.stderr, peakRssMib };
};
// CPU seconds (user + system) the local Neo4j has used so far, from /proc (Linux; undefined elsewhere): on a shared
// machine the wall time depends on the other work, Neo4j's CPU time much less.
const neo4jCpu = () => {
  try {
    const { pid } = JSON.parse(readFileSync(join(cfg.home, 'server.json'), 'utf8'));
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
};
const fresh = (into) => {
  cli(['db', 'stop']);
  rmSync(cfg.home, { recursive: true, force: true });
  rmSync(process.env.WEERBAAR_BACKUP_DIR, { recursive: true, force: true });
  const started = cli(['db', 'start']);
  // What `npm start` does before it serves (src/cli/serve.ts): the schema, and the default model into an empty graph.
  if (into === 'started') started.seconds += cli(['load']).seconds;
  return started;
};

console.log(
  `machine: ${cpus().length} × ${cpus()[0]?.model}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB; ` +
    `Neo4j heap ${cfg.heapMb} MiB, page cache ${cfg.pageCacheMb} MiB (the defaults unless WEERBAAR_NEO4J_* are set)`,
);
const dir = mkdtempSync(join(tmpdir(), 'weerbaar-load-'));
const rows = [];
try {
  for (const services of sizes) {
    const dependencies = services * 5;
    let t = performance.now();
    const file = join(dir, `model-${services}.json`);
    // Written list by list: a 1,000,000-service model (~0.7 GB) is longer than the longest string Node can make.
    await writeJsonFile(file, generateModel({ services, dependencies, seed: 'load-bench' }));
    console.log(
      `\n${services} services / ${dependencies} dependencies: generated and written in ` +
        `${((performance.now() - t) / 1000).toFixed(1)} s (${(statSync(file).size / 2 ** 20).toFixed(0)} MiB)`,
    );
    for (let k = 0; k < runs * intos.length; k++) {
      const run = Math.floor(k / intos.length) + 1;
      const into = intos[k % intos.length];
      const started = fresh(into);
      const before = load();
      const cpu0 = neo4jCpu();
      const r = cli(['load', '--model', file, '--reset']);
      const cpu = neo4jCpu() - cpu0;
      const after = load();
      const line = r.stdout.trim().split('\n').pop();
      const inner = Number(/in ([\d.]+) s/.exec(line)?.[1]);
      const rels = Number(/(\d+) relationships/.exec(line)?.[1]);
      if (!(rels >= dependencies)) throw new Error(`unexpected load output: ${line}`);
      rows.push({
        services,
        dependencies,
        into,
        run,
        wall: r.seconds,
        inner,
        rels,
        cpu,
        rss: r.peakRssMib,
        before,
        after,
      });
      console.log(
        `  run ${run}, into ${into}: ${into === 'started' ? 'db start and default model' : 'db start'} ` +
          `${started.seconds.toFixed(1)} s; ` +
          `weerbaar load --reset ${r.seconds.toFixed(1)} s ` +
          `(process wall; the load itself ${inner.toFixed(1)} s, ${Math.round(rels / inner)} relationships/s; ` +
          `Neo4j CPU ${Number.isNaN(cpu) ? 'n/a' : `${cpu.toFixed(1)} s`}; ` +
          `CLI peak RSS ${r.peakRssMib === undefined ? 'n/a' : `${r.peakRssMib.toFixed(0)} MiB`}); ` +
          `load average ${before} → ${after}`,
      );
    }
  }
} finally {
  cli(['db', 'stop']);
  rmSync(dir, { recursive: true, force: true });
  if (!process.env.BENCH_KEEP_NEO4J) rmSync(cfg.home, { recursive: true, force: true });
  rmSync(process.env.WEERBAAR_BACKUP_DIR, { recursive: true, force: true });
}
console.log(
  '\n| services | dependencies | into | `weerbaar load --reset` wall | load itself | Neo4j CPU | CLI peak RSS ' +
    '| load average (1, 5, 15 min) |',
);
console.log('|---|---|---|---|---|---|---|---|');
for (const r of rows) {
  console.log(
    `| ${r.services} | ${r.dependencies} | ${r.into} | ${r.wall.toFixed(1)} s | ${r.inner.toFixed(1)} s ` +
      `| ${Number.isNaN(r.cpu) ? 'n/a' : `${r.cpu.toFixed(1)} s`} ` +
      `| ${r.rss === undefined ? 'n/a' : `${r.rss.toFixed(0)} MiB`} | ${r.before} → ${r.after} |`,
  );
}
