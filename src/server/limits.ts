// Limits against hostile or runaway requests: body size, query shape (graphql-armor) and an overall per-request
// deadline.
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';

export interface RequestLimits {
  /** Largest request body accepted, in bytes; larger bodies get 413 before any parsing (http.ts). */
  bodyBytes: number;
  /** Deepest selection set (introspection not counted). */
  maxDepth: number;
  /** graphql-armor's static cost: objects 2, scalars 1, × 1.5 per level of depth (introspection not counted). */
  maxCost: number;
  maxAliases: number;
  /** Lexical tokens in the document (the parser stops at this count). */
  maxTokens: number;
  maxDirectives: number;
  /** Deadline for executing one operation; past it the caller gets a TIMEOUT error. Subscriptions are exempt. */
  requestTimeoutMs: number;
  /** How long the readiness check waits for Neo4j before answering 503. */
  readinessTimeoutMs: number;
}

/**
 * The defaults, measured on every query of the GraphQL and explorer (browser) test suites: largest seen depth 6,
 * aliases 2, tokens 212, directives 0, cost 3,504 without and 230,000 with literal `first: 1000` on all ten lists
 * (armor multiplies a selection by a literal first/last). Headroom on top; see docs/security.md.
 */
export const DEFAULT_LIMITS: RequestLimits = {
  bodyBytes: 1_000_000,
  maxDepth: 10,
  maxCost: 300_000,
  maxAliases: 20,
  maxTokens: 3_000,
  maxDirectives: 20,
  requestTimeoutMs: 30_000,
  readinessTimeoutMs: 5_000,
};

export function resolveLimits(overrides: Partial<RequestLimits> = {}): RequestLimits {
  const out = { ...DEFAULT_LIMITS };
  for (const [k, v] of Object.entries(overrides)) if (v !== undefined) (out as Record<string, number>)[k] = v;
  return out;
}

/** Every rejection is a GraphQL validation error (HTTP 400) with code QUERY_TOO_COMPLEX and the limit in the message.
 * */
function reject(_ctx: unknown, error: GraphQLError): void {
  (error.extensions as Record<string, unknown>).code ??= 'QUERY_TOO_COMPLEX';
}

/** The graphql-armor plugins: depth, cost, aliases, tokens, directives, and no "did you mean" field suggestions. */
export function armorPlugins(limits: RequestLimits): Plugin[] {
  return [
    EnvelopArmorPlugin({
      maxDepth: { n: limits.maxDepth, ignoreIntrospection: true, flattenFragments: true, onReject: [reject] },
      costLimit: { maxCost: limits.maxCost, ignoreIntrospection: true, onReject: [reject] },
      maxAliases: { n: limits.maxAliases, onReject: [reject] },
      maxTokens: { n: limits.maxTokens, onReject: [reject] },
      maxDirectives: { n: limits.maxDirectives, onReject: [reject] },
      blockFieldSuggestion: { enabled: true },
    }) as Plugin,
  ];
}

/**
 * Races each query and mutation against a deadline. The resolvers' work is not interrupted (Neo4j's own
 * transaction timeout ends it), but the caller gets an answer in time instead of a hanging request.
 */
export function useRequestDeadline(ms: number): Plugin {
  return {
    onExecute({ executeFn, setExecuteFn }) {
      setExecuteFn((args) => {
        let timer: NodeJS.Timeout | undefined;
        const deadline = new Promise<{ data: null; errors: GraphQLError[] }>((resolve) => {
          timer = setTimeout(
            () =>
              resolve({
                data: null,
                errors: [
                  new GraphQLError(
                    `the request took longer than ${ms / 1000} s and was stopped; ask for less (fewer ` +
                      `items, fewer nested fields) or try again later`,
                    { extensions: { code: 'TIMEOUT' } },
                  ),
                ],
              }),
            ms,
          );
          timer.unref?.();
        });
        return Promise.race([Promise.resolve(executeFn(args)), deadline]).finally(() => clearTimeout(timer));
      });
    },
  };
}

/** Resolves with the promise's value, or rejects after `ms` with `onTimeout()`. */
export function withTimeout<T>(promise: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(onTimeout()), ms);
    timer.unref?.();
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
