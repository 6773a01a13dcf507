// Errors that carry a message meant for the user; everything else is a bug and is masked.
// The API maps them to GraphQL errors with `extensions.code` (maskError in src/server/yoga.ts); the CLI prints
// `weerbaar: <message>` and exits 1, or 2 for a usage error (src/cli/run.ts).

/** Every code a user-facing error carries: in the API as `extensions.code`. */
export const ERROR_CODES = [
  /** A bad argument, option, file or model (the message names the item and field). */
  'BAD_USER_INPUT',
  /** The command line is wrong: a missing or unknown flag or argument (CLI exit 2). */
  'USAGE',
  'NOT_FOUND',
  /** Signed in, but the role or party may not do this. */
  'FORBIDDEN',
  /** No valid token (HTTP 401). */
  'UNAUTHENTICATED',
  /** The machine or setting is wrong: Java, a port, an environment variable. */
  'ENVIRONMENT',
  /** Neo4j does not answer. */
  'GRAPH_UNAVAILABLE',
  /** A load of the model did not finish: analyses and runs wait for a restore or a new load. */
  'MODEL_INCOMPLETE',
  /** The server cannot do this now (shutting down, no simulation jobs). */
  'UNAVAILABLE',
  /** Someone else changed the same thing meanwhile (a cycle closed while a decision was recorded). */
  'CONFLICT',
  /** Stored data fails its own check (a frozen cycle whose checksum does not match). */
  'INTEGRITY',
  'RATE_LIMITED',
  'TIMEOUT',
  'PAYLOAD_TOO_LARGE',
  /** A bug; its details are not shown. */
  'INTERNAL_SERVER_ERROR',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** Base of every error whose message is safe and useful to show to a user. */
export class UserError extends Error {
  readonly code: ErrorCode;
  constructor(message: string, code: ErrorCode) {
    super(message);
    this.name = new.target.name;
    this.code = code;
  }
}

/** Bad input: a value or a reference that cannot be used. */
export class BadInputError extends UserError {
  constructor(message: string) {
    super(message, 'BAD_USER_INPUT');
  }
}

/** A command line that does not fit the command (the CLI exits 2). */
export class UsageError extends UserError {
  constructor(message: string) {
    super(message, 'USAGE');
  }
}

/** The server cannot serve this now. */
export class UnavailableError extends UserError {
  constructor(message: string) {
    super(message, 'UNAVAILABLE');
  }
}

/** One problem in a model or an argument: where it is and what is wrong. */
export interface Problem {
  /** Path of the offending item, e.g. `dependencies[3] (water→gamma)`. */
  item: string;
  /** The field within the item, e.g. `probability`. Empty when the item itself is wrong. */
  field: string;
  message: string;
}

export function formatProblem(p: Problem): string {
  return p.field ? `${p.item}.${p.field}: ${p.message}` : `${p.item}: ${p.message}`;
}

export class ValidationError extends UserError {
  readonly problems: Problem[];
  constructor(problems: Problem[], context?: string) {
    const head = context ? `${context}: ` : '';
    const shown = problems.slice(0, 20).map(formatProblem);
    const more = problems.length > 20 ? [`… and ${problems.length - 20} more`] : [];
    super(
      problems.length === 1
        ? `${head}${shown[0]}`
        : `${head}${problems.length} problems\n  ${[...shown, ...more].join('\n  ')}`,
      'BAD_USER_INPUT',
    );
    this.problems = problems;
  }
}

export class NotFoundError extends UserError {
  constructor(what: string, id: string) {
    super(`${what} "${id}" not found`, 'NOT_FOUND');
  }
}

export class GraphUnavailableError extends UserError {
  constructor(detail: string) {
    super(`Neo4j is unavailable: ${detail}`, 'GRAPH_UNAVAILABLE');
  }
}

export class ForbiddenError extends UserError {
  constructor(message: string) {
    super(message, 'FORBIDDEN');
  }
}
