// Errors that carry a message meant for the user; everything else is a bug and is masked.

/** Base of every error whose message is safe and useful to show to a user. */
export class UserError extends Error {
  readonly code: string;
  constructor(message: string, code: string) {
    super(message);
    this.name = new.target.name;
    this.code = code;
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
