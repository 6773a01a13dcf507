// A fixed point at which a load stops for the crash tests (test/hardening/crash.int.test.ts), so that they kill the
// process in a known state instead of guessing a moment. Set WEERBAAR_CRASH_POINT=<step> (`delete`, a node list such
// as `services`, or a relationship list such as `dependencies`): once a batch of that step has been written, the
// process says so on stderr and blocks until it is killed. Unset (always, outside the tests), it does nothing.

const point = process.env.WEERBAAR_CRASH_POINT;

export function crashPoint(step: string): void {
  if (!point || point !== step) return;
  process.stderr.write(`crash point reached: ${step}\n`);
  // Blocks the whole process (no event loop turns, nothing more is written) until it is killed.
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
}
