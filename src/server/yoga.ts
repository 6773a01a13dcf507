// Builds the GraphQL app: schema, per-request context, readiness check and error masking.
import { randomUUID } from 'node:crypto';
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import { createYoga, useReadinessCheck, type YogaServerInstance } from 'graphql-yoga';
import { GraphQLError } from 'graphql';
import { schema } from '../schema/index.js';
import { createContext, type AppParts, type Context } from '../schema/context.js';
import type { AnalysisScope } from '../service/analysis.js';
import { GraphUnavailableError, UserError, type ErrorCode } from '../domain/errors.js';
import { LOCAL_ADMIN, type Viewer } from '../domain/viewer.js';
import { armorPlugins, resolveLimits, useRequestDeadline, withTimeout, type RequestLimits } from './limits.js';
import { analysisResponseCache } from './response-cache.js';
import { assertModelComplete } from '../graph/load-state.js';
import { explainEnumError, useEnumErrors } from './enum-errors.js';

export interface AppOptions {
  parts: AppParts;
  /** Resolves the viewer from a request; throws a GraphQLError for a bad token. Defaults to local admin (auth off). */
  authenticate?: (request: Request) => Promise<Viewer> | Viewer;
  graphiql?: boolean;
  /** Overrides of DEFAULT_LIMITS (limits.ts). */
  limits?: Partial<RequestLimits>;
  /** Response cache of the analysis queries (src/server/response-cache.ts): on unless false or caching is off. */
  responseCache?: boolean;
}

/** Turns domain errors into GraphQL errors with a code; anything else is masked by Yoga. */
export function toGraphQLError(e: unknown): unknown {
  if (e instanceof UserError) return new GraphQLError(e.message, { extensions: { code: e.code } });
  return e;
}

/** An error graphql-js made about the request (its original, if any, is graphql-js's too), not one a resolver threw. */
function isRequestError(e: GraphQLError): boolean {
  return !e.originalError || (e.originalError instanceof GraphQLError && !(e.originalError instanceof UserError));
}

export function createApp(options: AppOptions): YogaServerInstance<Record<string, unknown>, Context> {
  const authenticate = options.authenticate ?? (() => LOCAL_ADMIN);
  const limits = resolveLimits(options.limits);
  const { parts } = options;
  // One authentication and one analysis scope per request, shared by the response cache's key (built before the
  // context) and the context, so that a request answers from the revision its key names.
  const requests = new WeakMap<Request, Promise<{ viewer: Viewer; analysis: AnalysisScope }>>();
  const requestState = (request: Request) => {
    let state = requests.get(request);
    if (!state) {
      state = (async () => {
        const viewer = await authenticate(request);
        return { viewer, analysis: parts.analysis.scope(viewer) };
      })();
      requests.set(request, state);
    }
    return state;
  };
  const builtSchema = schema();
  const responseCache =
    options.responseCache === false || !parts.analysis.caching
      ? []
      : [
          analysisResponseCache({
            schema: builtSchema,
            analysis: parts.analysis,
            maxTokens: limits.maxTokens,
            scopeOf: async (request) => (await requestState(request)).analysis,
          }),
        ];
  return createYoga<Record<string, unknown>, Context>({
    schema: builtSchema,
    graphiql: options.graphiql ?? true,
    // GraphiQL bundled with the server, so it works offline and loads nothing from a CDN.
    renderGraphiQL,
    // User errors (bad input, not found, forbidden) are answers, not incidents: only unexpected errors are logged.
    logging: {
      debug: () => {},
      info: () => {},
      warn: (...args: unknown[]) => console.warn(...args),
      error: (...args: unknown[]) => {
        // graphql-js's own errors (syntax, validation, variables) are about the request, not incidents.
        const expected = (a: unknown) =>
          a instanceof UserError ||
          (a instanceof GraphQLError &&
            (Boolean(a.extensions?.code) || a.originalError instanceof UserError || isRequestError(a)));
        if (args.some(expected)) return;
        console.error(...args);
      },
    },
    landingPage: false,
    maskedErrors: {
      maskError(error, message) {
        const original = (error as GraphQLError).originalError;
        const mapped = original ? toGraphQLError(original) : error;
        if (mapped instanceof GraphQLError && mapped.extensions?.code) return mapped;
        // graphql-js's own errors about the request carry no code; a variable a type refuses (e.g. an enum value the
        // server does not know) is bad input.
        if (error instanceof GraphQLError && isRequestError(error)) {
          return error.extensions?.code
            ? error
            : new GraphQLError(explainEnumError(error, builtSchema) ?? error.message, {
                nodes: error.nodes,
                source: error.source,
                positions: error.positions,
                path: error.path,
                extensions: { ...error.extensions, code: 'BAD_USER_INPUT' satisfies ErrorCode },
              });
        }
        return new GraphQLError(message, { extensions: { code: 'INTERNAL_SERVER_ERROR' } });
      },
    },
    context: async ({ request }) => {
      const { viewer, analysis } = await requestState(request);
      return createContext(parts, viewer, request.headers.get('x-request-id') ?? randomUUID(), analysis);
    },
    plugins: [
      ...armorPlugins(limits),
      useEnumErrors(builtSchema),
      useRequestDeadline(limits.requestTimeoutMs),
      ...responseCache,
      useReadinessCheck({
        endpoint: '/ready',
        // Not ready (503) while Neo4j does not answer, also when it hangs rather than refuses.
        check: async () => {
          const ms = limits.readinessTimeoutMs;
          await withTimeout(parts.graph.ping(), ms, () => new GraphUnavailableError(`no answer within ${ms} ms`));
          // Not ready either while a load is unfinished (src/graph/load-state.ts): the body says why.
          await withTimeout(
            assertModelComplete(parts.graph),
            ms,
            () => new GraphUnavailableError(`no answer within ${ms} ms`),
          );
        },
      }),
    ],
  });
}
