// Response cache for the analysis queries (riskAssessment, gapAnalysis, party, riskProfiles): a whole GraphQL answer
// is kept per (model revision, visibility class, document, operation name, variables), so a repeated analysis query
// costs one revision read and the serialisation of the answer, not graphql-js execution. Built on
// @graphql-yoga/plugin-response-cache; see docs/graphql.md "Response cache".
import {
  getNamedType, getOperationAST, parse, TypeInfo, visit, visitWithTypeInfo, type DocumentNode, type GraphQLSchema,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { createInMemoryCache, hashSHA256, useResponseCache } from '@graphql-yoga/plugin-response-cache';
import type { Viewer } from '../domain/viewer.js';
import { Lru, visibilityKey, type AnalysisCache } from '../graph/analysis-repository.js';

/** Root fields whose answers depend only on the model revision (ModelInfo + finished runs) and the visibility class. */
export const CACHEABLE_ROOT_FIELDS: ReadonlySet<string> = new Set(['riskAssessment', 'gapAnalysis', 'party', 'riskProfiles', '__typename']);
/** Types whose data changes without a model revision (run status, creator; audit entries): a document selecting one is never cached. */
export const UNCACHEABLE_TYPES: ReadonlySet<string> = new Set(['SimulationRun', 'SimulationProgress', 'AuditEntry']);
/** Directives that do not change what a field means (anything else: not cached). */
const PLAIN_DIRECTIVES = new Set(['include', 'skip']);
/** Longer documents are not considered (the analysis queries are a few hundred characters; this bounds the extra parse). */
const MAX_DOCUMENT_CHARS = 20_000;

/** hits: answers served from the cache; stored: answers executed and kept; uncacheable: requests that bypassed the cache. */
export interface ResponseCacheStats { hits: number; stored: number; uncacheable: number }

/**
 * Whether the operation `operationName` of `document` may be answered from the response cache: a query whose root
 * fields are all in CACHEABLE_ROOT_FIELDS, selecting no field of a type in UNCACHEABLE_TYPES, known to the schema,
 * with no directive but @include/@skip. Every operation and fragment of the document is checked (conservative).
 */
export function isCacheableOperation(schema: GraphQLSchema, document: DocumentNode, operationName: string | null | undefined): boolean {
  const op = getOperationAST(document, operationName);
  if (!op || op.operation !== 'query') return false;
  const queryType = schema.getQueryType();
  if (!queryType) return false;
  const typeInfo = new TypeInfo(schema);
  let ok = true;
  visit(document, visitWithTypeInfo(typeInfo, {
    OperationDefinition(node) {
      if (node.operation !== 'query') ok = false;
    },
    Directive(node) {
      if (!PLAIN_DIRECTIVES.has(node.name.value)) ok = false;
    },
    Field(node) {
      const parent = typeInfo.getParentType();
      const def = typeInfo.getFieldDef();
      if (!parent || (!def && node.name.value !== '__typename')) {
        ok = false;
        return;
      }
      if (parent === queryType && !CACHEABLE_ROOT_FIELDS.has(node.name.value)) ok = false;
      if (def && UNCACHEABLE_TYPES.has(getNamedType(def.type).name)) ok = false;
      if (UNCACHEABLE_TYPES.has(parent.name)) ok = false;
    },
  }));
  return ok;
}

export interface AnalysisResponseCacheOptions {
  schema: GraphQLSchema;
  /** The server's analysis cache: its revision read is the one the key uses. */
  analysisCache: AnalysisCache;
  /** The viewer of a request (authenticated once per request; the context factory reuses the same promise). */
  viewerOf: (request: Request) => Promise<Viewer>;
  /** Pins the analysis entry the key was built from on the request's context, so resolvers use the same revision. */
  pin: (context: object, entry: ReturnType<AnalysisCache['entry']>) => void;
  maxTokens: number;
  /** Most answers kept (least recently used go first). */
  max?: number;
  stats?: ResponseCacheStats;
}

/**
 * The response cache plugin. The key is SHA-256 of [model revision token, visibility class, document, operation name,
 * variables]; the revision is read once per request (AnalysisCache.revision) before the cache is consulted, so an
 * answer is never older than the model when the request started, and viewers of different classes never share one.
 * Everything else (mutations, other queries, documents that fail to parse, requests whose viewer or revision cannot be
 * read) bypasses the cache entirely. The plugin's conditional-request path (If-None-Match → 304) is off: `enabled`
 * is true only for contexts this plugin has keyed in this request.
 */
export function analysisResponseCache(options: AnalysisResponseCacheOptions): Plugin {
  const decisions = new Lru<string, boolean>(500);
  const cacheable = new WeakSet<object>();
  const stats = options.stats;
  const decide = (query: string, operationName: string | null | undefined): boolean => {
    if (query.length > MAX_DOCUMENT_CHARS) return false;
    const key = `${operationName ?? ''}\u0000${query}`;
    let d = decisions.get(key);
    if (d === undefined) {
      try {
        d = isCacheableOperation(options.schema, parse(query, { noLocation: true, maxTokens: options.maxTokens }), operationName);
      } catch {
        d = false; // Yoga reports the parse error itself.
      }
      decisions.set(key, d);
    }
    return d;
  };
  const store = createInMemoryCache({ max: options.max ?? 256 });
  const cache: typeof store = {
    get(key) {
      const hit = store.get(key);
      if (stats && hit) stats.hits++;
      return hit;
    },
    set(...args) {
      if (stats) stats.stored++;
      return store.set(...args);
    },
    invalidate: (...args) => store.invalidate(...args),
  };
  return useResponseCache({
    cache,
    ttl: Infinity, // entries of an old revision are never hit again and age out of the LRU
    session: () => null,
    enabled: (_request, context) => cacheable.has(context as object),
    invalidateViaMutation: false,
    ignoredTypes: [...UNCACHEABLE_TYPES],
    includeExtensionMetadata: false,
    async buildResponseCacheKey({ documentString, variableValues, operationName, request, context }) {
      const uncached = 'uncached';
      if (!decide(documentString, operationName)) {
        if (stats) stats.uncacheable++;
        return uncached;
      }
      let revision: string | null;
      let visibility: string;
      try {
        const viewer = await options.viewerOf(request);
        visibility = visibilityKey(viewer);
        const entry = options.analysisCache.entry(viewer);
        options.pin(context as object, entry);
        revision = (await entry).revision;
      } catch {
        // A bad token or an unavailable graph: the request runs uncached and reports the error as usual.
        if (stats) stats.uncacheable++;
        return uncached;
      }
      if (revision == null) return uncached;
      cacheable.add(context as object);
      return hashSHA256(JSON.stringify(['weerbaar-analysis-v1', revision, visibility, documentString, operationName ?? null, variableValues ?? null]));
    },
  });
}
