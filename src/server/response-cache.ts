// Response cache for the analysis queries (riskAssessment, gapAnalysis, party, riskProfiles): a whole GraphQL answer
// is kept per (model revision, visibility class, document, operation name, variables) in the analysis service
// (src/service/analysis.ts owns the store and the key), so a repeated analysis query costs the serialisation of the
// answer, not graphql-js execution. Built on @graphql-yoga/plugin-response-cache; see docs/graphql.md.
import {
  getNamedType,
  getOperationAST,
  parse,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type GraphQLSchema,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { useResponseCache, type Cache } from '@graphql-yoga/plugin-response-cache';
import { Lru, type AnalysisScope, type AnalysisService } from '../service/analysis.js';

/** Root fields whose answers depend only on the model revision (ModelInfo + finished runs) and the visibility class. */
export const CACHEABLE_ROOT_FIELDS: ReadonlySet<string> = new Set([
  'riskAssessment',
  'gapAnalysis',
  'party',
  'riskProfiles',
  '__typename',
]);
/** Types whose data changes without a model revision (run status, creator; audit entries): a document selecting one is
 * never cached. */
export const UNCACHEABLE_TYPES: ReadonlySet<string> = new Set(['SimulationRun', 'SimulationProgress', 'AuditEntry']);
/** Directives that do not change what a field means (anything else: not cached). */
const PLAIN_DIRECTIVES = new Set(['include', 'skip']);
/** Longer documents are not considered (the analysis queries are a few hundred characters; this bounds the extra
 * parse). */
const MAX_DOCUMENT_CHARS = 20_000;

/**
 * Whether the operation `operationName` of `document` may be answered from the response cache: a query whose root
 * fields are all in CACHEABLE_ROOT_FIELDS, selecting no field of a type in UNCACHEABLE_TYPES, known to the schema,
 * with no directive but @include/@skip. Every operation and fragment of the document is checked (conservative).
 */
export function isCacheableOperation(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
): boolean {
  const op = getOperationAST(document, operationName);
  if (!op || op.operation !== 'query') return false;
  const queryType = schema.getQueryType();
  if (!queryType) return false;
  const typeInfo = new TypeInfo(schema);
  let ok = true;
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
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
    }),
  );
  return ok;
}

export interface AnalysisResponseCacheOptions {
  schema: GraphQLSchema;
  /** Owns the store and derives the key (revision, visibility class, request). */
  analysis: AnalysisService;
  /** The analysis scope of a request (the key is built before the context; the context gets the same scope). */
  scopeOf: (request: Request) => Promise<AnalysisScope>;
  maxTokens: number;
}

/**
 * The response cache plugin. The key comes from AnalysisService.responseKey: the revision of the request's analysis
 * scope (fixed there, so its resolvers answer from the same revision), its visibility class, the document, operation
 * name and variables. Everything else (mutations, other queries, documents that fail to parse, requests whose viewer or
 * revision cannot be read) bypasses the cache entirely. The plugin's conditional-request path (If-None-Match → 304)
 * is off: `enabled` is true only for contexts this plugin has keyed in this request.
 */
export function analysisResponseCache(options: AnalysisResponseCacheOptions): Plugin {
  const decisions = new Lru<string, boolean>(500);
  const cacheable = new WeakSet<object>();
  const { analysis } = options;
  const decide = (query: string, operationName: string | null | undefined): boolean => {
    if (query.length > MAX_DOCUMENT_CHARS) return false;
    const key = `${operationName ?? ''}\u0000${query}`;
    let d = decisions.get(key);
    if (d === undefined) {
      try {
        d = isCacheableOperation(
          options.schema,
          parse(query, { noLocation: true, maxTokens: options.maxTokens }),
          operationName,
        );
      } catch {
        d = false; // Yoga reports the parse error itself.
      }
      decisions.set(key, d);
    }
    return d;
  };
  const cache: Cache = {
    get: (key) => analysis.response(key) as ReturnType<Cache['get']>,
    set: (key, value) => analysis.storeResponse(key, value),
    invalidate: () => {}, // entries of an old revision are dropped when the revision changes (AnalysisService)
  };
  return useResponseCache({
    cache,
    ttl: Infinity,
    session: () => null,
    enabled: (_request, context) => cacheable.has(context as object),
    invalidateViaMutation: false,
    ignoredTypes: [...UNCACHEABLE_TYPES],
    includeExtensionMetadata: false,
    async buildResponseCacheKey({ documentString, variableValues, operationName, request, context }) {
      const uncached = 'uncached';
      if (!decide(documentString, operationName)) {
        analysis.stats.responsesUncacheable++;
        return uncached;
      }
      let key: string | null;
      try {
        const scope = await options.scopeOf(request);
        key = await analysis.responseKey(scope, [documentString, operationName ?? null, variableValues ?? null]);
      } catch {
        // A bad token or an unavailable graph: the request runs uncached and reports the error as usual.
        key = null;
      }
      if (key == null) {
        analysis.stats.responsesUncacheable++;
        return uncached;
      }
      cacheable.add(context as object);
      return key;
    },
  });
}
