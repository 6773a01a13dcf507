// How every command ends: `weerbaar: <message>` on stderr, exit 1 for a user error, 2 for a usage error
// (commander's own, or a UsageError), 130 when cancelled; a bug prints a short notice (its stack with
// WEERBAAR_DEBUG=1) and exits 70.
import type { Command } from 'commander';
import { UsageError, UserError } from '../domain/errors.js';

export const EXIT_USER = 1;
export const EXIT_USAGE = 2;
const EXIT_INTERNAL = 70;
const EXIT_CANCELLED = 130;

/** Writes the one line (or block) that says why a command failed; returns its exit status. */
export function report(e: unknown): number {
  if (e instanceof UsageError) {
    process.stderr.write(`weerbaar: ${e.message}\n(run with --help for usage)\n`);
    return EXIT_USAGE;
  }
  if (e instanceof UserError) {
    process.stderr.write(`weerbaar: ${e.message}\n`);
    return EXIT_USER;
  }
  if (e instanceof Error && e.name === 'AbortError') {
    process.stderr.write('weerbaar: cancelled\n');
    return EXIT_CANCELLED;
  }
  const err = e as Error;
  if (process.env.WEERBAAR_DEBUG) process.stderr.write(`${err?.stack ?? String(e)}\n`);
  process.stderr.write(
    `weerbaar: internal error: ` +
      `${err?.message ?? String(e)}${process.env.WEERBAAR_DEBUG ? '' : ' (set WEERBAAR_DEBUG=1 for details)'}\n`,
  );
  return EXIT_INTERNAL;
}

export function fail(e: unknown): never {
  process.exit(report(e));
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

/**
 * Commander's usage errors (unknown flag, missing argument) in the same form, `weerbaar: …`, exiting 2; help and
 * --version exit 0. Applies to the command and to the sub-commands added to it afterwards.
 */
export function usageErrors(cmd: Command): Command {
  return cmd
    .configureOutput({ outputError: (text, write) => write(`weerbaar: ${text.replace(/^error: /, '')}`) })
    .exitOverride((err) => {
      process.exit(err.exitCode === 0 ? 0 : EXIT_USAGE);
    });
}

export const log = (s: string) => process.stderr.write(`${s}\n`);
