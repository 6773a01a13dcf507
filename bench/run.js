#!/usr/bin/env node
// `npm run bench`: runs every bench/*.bench.js in name order, one process each; `npm run bench -- simulate load` runs
// only those.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('.', import.meta.url));
if (!existsSync(fileURLToPath(new URL('../dist/simulation/run.js', import.meta.url)))) {
  console.error('bench: dist/ is missing; run `npm run build` first.');
  process.exit(1);
}
const all = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.js'))
  .sort();
const wanted = process.argv.slice(2);
const unknown = wanted.filter((w) => !all.includes(`${w}.bench.js`) && !all.includes(w));
if (unknown.length) {
  console.error(
    `bench: no such benchmark ${unknown.map((u) => `"${u}"`).join(', ')}; available: ` +
      `${all.map((f) => f.replace(/\.bench\.js$/, '')).join(', ')}`,
  );
  process.exit(2);
}
const chosen = wanted.length
  ? all.filter((f) => wanted.includes(f) || wanted.includes(f.replace(/\.bench\.js$/, '')))
  : all;
let failed = 0;
for (const file of chosen) {
  console.log(`\n=== ${file} ===`);
  const r = spawnSync(process.execPath, [fileURLToPath(new URL(file, import.meta.url))], { stdio: 'inherit' });
  if (r.status !== 0) {
    failed++;
    console.error(`bench: ${file} failed (exit ${r.status ?? r.signal})`);
  }
}
process.exit(failed ? 1 : 0);
