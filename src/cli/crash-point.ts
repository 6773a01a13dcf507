// A fixed point at which a load stops for the crash tests (test/crash/*.int.test.ts), so that they kill a process in a
// known state instead of guessing a moment. Set WEERBAAR_CRASH_POINT=<step> (`delete`, a node list such as
// `services`, or a relationship list such as `dependencies`): once a batch of that step has been written, the process
// says so on stderr and blocks until it is killed, or, with WEERBAAR_CRASH_RESUME=<file>, until that file exists
// (then the load goes on, once: the test has meanwhile killed Neo4j under it). Unset (always, outside the tests), it
// does nothing.
import { existsSync } from 'node:fs';

const point = process.env.WEERBAAR_CRASH_POINT;
const resume = process.env.WEERBAAR_CRASH_RESUME;
let passed = false;

export function crashPoint(step: string): void {
  if (!point || point !== step || passed) return;
  process.stderr.write(`crash point reached: ${step}\n`);
  // Blocks the whole process (no event loop turns, nothing more is written) until it is killed or released.
  const cell = new Int32Array(new SharedArrayBuffer(4));
  if (!resume) Atomics.wait(cell, 0, 0);
  else {
    while (!existsSync(resume)) Atomics.wait(cell, 0, 0, 50);
    passed = true;
    process.stderr.write(`crash point released: ${step}\n`);
  }
}
