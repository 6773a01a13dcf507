// The analysis service: the one owner of caching. Analysis inputs, derived results and (for the response cache of
// src/server/response-cache.ts) whole answers are kept per model revision and visibility class, under keys derived
// from the operation and its arguments. See docs/graphql.md "Analysis service and caching".
import type { Graph } from '../graph/graph.js';
import type { Viewer } from '../domain/viewer.js';
import { AnalysisRepository, type PlanningData, type RiskData } from '../graph/analysis-repository.js';
import { ModelRevision } from '../graph/model-revision.js';

/** The visibility class of a viewer: everything a read returns depends on the viewer only through this. */
export function visibilityKey(viewer: Viewer): string {
  return viewer.admin ? 'admin' : viewer.party == null ? 'anonymous' : `party:${viewer.party}`;
}

/** JSON with object keys in order and undefined left out, so equal arguments give equal keys whatever their order. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[k];
      if (v !== undefined) out[k] = canonical(v);
    }
    return out;
  }
  return value;
}

/** The cache key of an operation (a field, a derived result) and its arguments: every argument counts. */
export function cacheKey(operation: string, args: unknown): string {
  return JSON.stringify([operation, canonical(args ?? null)]);
}

/** A small least-recently-used map: get() refreshes, set() evicts the oldest beyond `max`. */
export class Lru<K, V> {
  private readonly map = new Map<K, V>();
  constructor(readonly max: number) {}
  get(key: K): V | undefined {
    const v = this.map.get(key);
    if (v !== undefined) {
      this.map.delete(key);
      this.map.set(key, v);
    }
    return v;
  }
  set(key: K, value: V): void {
    this.map.delete(key);
    this.map.set(key, value);
    while (this.map.size > this.max) this.map.delete(this.map.keys().next().value as K);
  }
  delete(key: K): void {
    this.map.delete(key);
  }
  keys(): K[] {
    return [...this.map.keys()];
  }
  get size(): number {
    return this.map.size;
  }
  clear(): void {
    this.map.clear();
  }
}

/**
 * The analysis inputs and results of one model revision as one visibility class sees them. Results are shared by every
 * request that gets this entry and must be treated as immutable.
 */
export class AnalysisEntry {
  private planning: Promise<PlanningData> | null = null;
  private risk: Promise<RiskData> | null = null;
  private readonly results: Lru<string, Promise<unknown>>;

  constructor(
    readonly revision: string | null,
    readonly visibility: string,
    private readonly graph: Graph,
    private readonly viewer: Viewer,
    maxResults = 256,
  ) {
    this.results = new Lru(maxResults);
  }

  planningData(): Promise<PlanningData> {
    if (!this.planning) {
      const p = new AnalysisRepository(this.graph, this.viewer).planningData();
      this.planning = p;
      p.catch(() => {
        if (this.planning === p) this.planning = null;
      });
    }
    return this.planning;
  }

  riskData(): Promise<RiskData> {
    if (!this.risk) {
      const p = new AnalysisRepository(this.graph, this.viewer).riskData();
      this.risk = p;
      p.catch(() => {
        if (this.risk === p) this.risk = null;
      });
    }
    return this.risk;
  }

  /** The result of `operation` for `args` from this entry's inputs, computed once; a failure is not kept. */
  memo<T>(operation: string, args: unknown, compute: () => T | Promise<T>): Promise<T> {
    const key = cacheKey(operation, args);
    let p = this.results.get(key) as Promise<T> | undefined;
    if (!p) {
      const made: Promise<T> = (async () => compute())();
      p = made;
      this.results.set(key, made);
      made.catch(() => {
        if (this.results.get(key) === made) this.results.delete(key);
      });
    }
    return p;
  }
}

export interface AnalysisServiceOptions {
  /** False: no caching at all, every request reads Neo4j (for comparisons). Default true. */
  cache?: boolean;
  /** How the revision is known (default: a ModelRevision with its default bound). */
  revision?: ModelRevision;
  /** Most (revision, visibility) entries kept; the least recently used goes first. */
  maxEntries?: number;
  /** Most derived results (gap analyses with distinct arguments, party roles) kept per entry. */
  maxResultsPerEntry?: number;
  /** Most whole answers kept for the response cache. */
  maxResponses?: number;
}

/** The analysis inputs and results of one request: one entry (one revision, the viewer's class) for all its fields. */
export interface AnalysisScope {
  readonly viewer: Viewer;
  /** The entry this request answers from, fixed at its first use. */
  entry(): Promise<AnalysisEntry>;
  planningData(): Promise<PlanningData>;
  riskData(): Promise<RiskData>;
  /** A derived result of this request's entry, keyed by operation and arguments. */
  memo<T>(operation: string, args: unknown, compute: (entry: AnalysisEntry) => T | Promise<T>): Promise<T>;
}

/** A whole answer kept by the response cache, with the revision and visibility it was computed for. */
export interface CachedResponse {
  key: string;
  value: unknown;
}

/**
 * Analysis inputs and results per model revision and visibility class. The revision comes from ModelRevision (no round
 * trip while its last read is fresh); an entry is made for the newest revision read only (an older read, overtaken by
 * a newer one, is answered uncached), and entries of other revisions are dropped when the revision changes.
 */
export class AnalysisService {
  readonly revision: ModelRevision;
  readonly caching: boolean;
  readonly stats = { hits: 0, misses: 0, responseHits: 0, responsesStored: 0, responsesUncacheable: 0 };
  private readonly entries: Lru<string, AnalysisEntry>;
  private readonly responses: Lru<string, unknown>;
  private readonly maxResultsPerEntry: number;

  constructor(
    private readonly graph: Graph,
    options: AnalysisServiceOptions = {},
  ) {
    this.caching = options.cache ?? true;
    this.revision = options.revision ?? new ModelRevision(graph);
    this.entries = new Lru(Math.max(1, options.maxEntries ?? 64));
    this.responses = new Lru(Math.max(1, options.maxResponses ?? 256));
    this.maxResultsPerEntry = Math.max(1, options.maxResultsPerEntry ?? 256);
    this.revision.onChange((token) => {
      for (const key of this.entries.keys()) if (this.entries.get(key)!.revision !== token) this.entries.delete(key);
      this.responses.clear();
    });
  }

  /** The entry for the viewer's visibility class at the current revision. */
  async entry(viewer: Viewer): Promise<AnalysisEntry> {
    const visibility = visibilityKey(viewer);
    if (!this.caching) return new AnalysisEntry(null, visibility, this.graph, viewer, this.maxResultsPerEntry);
    const revision = this.revision.peek() ?? (await this.revision.fresh());
    return this.entryAt(revision, viewer);
  }

  private entryAt(revision: string, viewer: Viewer): AnalysisEntry {
    const visibility = visibilityKey(viewer);
    if (revision !== this.revision.latest()) {
      return new AnalysisEntry(revision, visibility, this.graph, viewer, this.maxResultsPerEntry);
    }
    const key = JSON.stringify([revision, visibility]);
    let e = this.entries.get(key);
    if (e) this.stats.hits++;
    else {
      this.stats.misses++;
      e = new AnalysisEntry(revision, visibility, this.graph, viewer, this.maxResultsPerEntry);
      this.entries.set(key, e);
    }
    return e;
  }

  /** The analysis scope of one request. */
  scope(viewer: Viewer): AnalysisScope {
    let fixed: Promise<AnalysisEntry> | null = null;
    const entry = () => {
      if (!fixed) {
        const p = this.entry(viewer);
        fixed = p;
        p.catch(() => {
          if (fixed === p) fixed = null;
        });
      }
      return fixed;
    };
    return {
      viewer,
      entry,
      planningData: async () => (await entry()).planningData(),
      riskData: async () => (await entry()).riskData(),
      memo: async (operation, args, compute) => {
        const e = await entry();
        return e.memo(operation, args, () => compute(e));
      },
    };
  }

  /**
   * The response-cache key of a request in `scope` (fixing the scope's entry, so its resolvers answer from the same
   * revision), or null when its answer must not be cached (caching off, or a revision older than the newest read).
   */
  async responseKey(scope: AnalysisScope, request: unknown): Promise<string | null> {
    if (!this.caching) return null;
    const entry = await scope.entry();
    if (entry.revision == null || entry.revision !== this.revision.latest()) return null;
    return cacheKey('response', [entry.revision, entry.visibility, request]);
  }

  response(key: string): unknown {
    const hit = this.responses.get(key);
    if (hit !== undefined) this.stats.responseHits++;
    return hit;
  }

  storeResponse(key: string, value: unknown): void {
    this.stats.responsesStored++;
    this.responses.set(key, value);
  }

  /** Number of (revision, visibility) entries held. */
  get size(): number {
    return this.entries.size;
  }

  clear(): void {
    this.entries.clear();
    this.responses.clear();
  }
}
