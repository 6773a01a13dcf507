// WEERBAAR_TIMING=1: phase timings of a run on stderr (milliseconds since the process started), to see where the time
// goes.
const on = process.env.WEERBAAR_TIMING === '1';

/** Writes "[timing] <ms since process start> <label>" to stderr when WEERBAAR_TIMING=1; else nothing. */
export function timing(label: string): void {
  if (on) process.stderr.write(`[timing] ${performance.now().toFixed(0).padStart(6)} ms  ${label}\n`);
}
