#!/usr/bin/env node
// Entry point of the weerbaar command: runs the compiled CLI.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const main = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(fileURLToPath(main))) {
  console.error('weerbaar is not built yet: run `npm ci` (or `npm run build`) in the repository first.');
  process.exit(1);
}
await import(main.href);
