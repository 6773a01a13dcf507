// How every command ends: user errors print one clear message and exit 1; bugs print a short notice (stack with WEERBAAR_DEBUG=1).
import { UserError } from '../domain/errors.js';

export function fail(e: unknown): never {
  if (e instanceof UserError) {
    process.stderr.write(`weerbaar: ${e.message}\n`);
    process.exit(1);
  }
  const err = e as Error;
  if (process.env.WEERBAAR_DEBUG) process.stderr.write(`${err?.stack ?? String(e)}\n`);
  process.stderr.write(`weerbaar: internal error: ${err?.message ?? String(e)}${process.env.WEERBAAR_DEBUG ? '' : ' (set WEERBAAR_DEBUG=1 for details)'}\n`);
  process.exit(70);
}

/** Wraps a command action so that every failure goes through `fail`. */
export function action<A extends unknown[]>(fn: (...args: A) => Promise<void> | void): (...args: A) => Promise<void> {
  return async (...args: A) => {
    try {
      await fn(...args);
    } catch (e) {
      fail(e);
    }
  };
}

export const log = (s: string) => process.stderr.write(`${s}\n`);
