// Builds the GraphQL app: schema, per-request context, readiness check and error masking.
import { randomUUID } from 'node:crypto';
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import { createYoga, useReadinessCheck, type YogaServerInstance } from 'graphql-yoga';
import { GraphQLError } from 'graphql';
import { schema } from '../schema/index.js';
import { createContext, type Context, type Services } from '../schema/context.js';
import { GraphUnavailableError, UserError, type ErrorCode } from '../domain/errors.js';
import { LOCAL_ADMIN, type Viewer } from '../domain/viewer.js';
import { armorPlugins, resolveLimits, useRequestDeadline, withTimeout, type RequestLimits } from './limits.js';
import { analysisResponseCache, type ResponseCacheStats } from './response-cache.js';
import { analysisCacheFor, pinAnalysisEntry } from '../schema/risk.js';
import { assertModelComplete } from '../graph/load-state.js';

export interface AppOptions {
  services: Services;
  /** Resolves the viewer from a request; throws a GraphQLError for a bad token. Defaults to local admin (auth off). */
  authenticate?: (request: Request) => Promise<Viewer> | Viewer;
  graphiql?: boolean;
  /** Overrides of DEFAULT_LIMITS (limits.ts). */
  limits?: Partial<RequestLimits>;
  /**
   * Response cache of the analysis queries (src/server/response-cache.ts): on unless false, and only when the analysis
   * cache is on (its revision read is part of the key); `services.responseCache: false` also switches it off. `stats`
   * counts hits, stored answers and uncacheable requests.
   */
  responseCache?: false | { max?: number; stats?: ResponseCacheStats };
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
  // One authentication per request, shared by the response cache's key and the context.
  const viewers = new WeakMap<Request, Promise<Viewer>>();
  const viewerOf = (request: Request): Promise<Viewer> => {
    let v = viewers.get(request);
    if (!v) {
      v = (async () => authenticate(request))();
      viewers.set(request, v);
    }
    return v;
  };
  const builtSchema = schema();
  const analysisCache = analysisCacheFor(options.services, options.services.graph);
  const responseCache = options.responseCache === false || options.services.responseCache === false || !analysisCache ? [] : [analysisResponseCache({
    schema: builtSchema,
    analysisCache,
    viewerOf,
    pin: pinAnalysisEntry,
    maxTokens: limits.maxTokens,
    max: options.responseCache?.max,
    // Counters: given here, or as services.responseCacheStats (how bench/graphql.bench.js reads them through startServer).
    stats: options.responseCache?.stats ?? (options.services.responseCacheStats as ResponseCacheStats | undefined),
  })];
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
        const expected = (a: unknown) => a instanceof UserError || (a instanceof GraphQLError
          && (Boolean(a.extensions?.code) || a.originalError instanceof UserError || isRequestError(a)));
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
          return error.extensions?.code ? error : new GraphQLError(error.message, {
            nodes: error.nodes, source: error.source, positions: error.positions, path: error.path,
            extensions: { ...error.extensions, code: 'BAD_USER_INPUT' satisfies ErrorCode },
          });
        }
        return new GraphQLError(message, { extensions: { code: 'INTERNAL_SERVER_ERROR' } });
      },
    },
    context: async ({ request }) => createContext(options.services, await viewerOf(request), request.headers.get('x-request-id') ?? randomUUID()) as unknown as Context,
    plugins: [
      ...armorPlugins(limits),
      useRequestDeadline(limits.requestTimeoutMs),
      ...responseCache,
      useReadinessCheck({
        endpoint: '/ready',
        // Not ready (503) while Neo4j does not answer, also when it hangs rather than refuses.
        check: async () => {
          await withTimeout(options.services.graph.ping(), limits.readinessTimeoutMs, () => new GraphUnavailableError(`no answer within ${limits.readinessTimeoutMs} ms`));
          // Not ready either while a load is unfinished (src/graph/load-state.ts): the body says why.
          const slow = () => new GraphUnavailableError(`no answer within ${limits.readinessTimeoutMs} ms`);
          await withTimeout(assertModelComplete(options.services.graph), limits.readinessTimeoutMs, slow);
        },
      }),
    ],
  });
}
