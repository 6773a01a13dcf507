// Graph reads for the risk assessment, gap analysis and party role: one round trip each, filtered for the viewer.
import neo4j from 'neo4j-driver';
import { mapGraphError, type Graph, type Row } from './graph.js';
import { cypher } from './cypher.js';
import { viewerParam, type Viewer } from '../domain/viewer.js';
import type { NodeRecord } from './api-repository.js';
import type { RiskCriterion, ScoreInput, SimulatedCriterion } from '../analysis/risk.js';
import type { PlanningInput } from '../analysis/balance.js';
import { modelWritesNoted } from './model-revision.js';
import { loadStateOf, ModelIncompleteError } from './load-state.js';

/** The parts of a stored SimulationResult the analyses use. */
export interface StoredRun {
  scenario: string;
  id: string;
  capabilities: { id: string; probabilityShortfall: number; shortfall: { mean: number; p90: number }; avoidedImpact: number | null }[];
  criteria: SimulatedCriterion[];
  totalImpact: { mean: number; p90: number } | null;
}

export interface RiskData {
  criteria: (RiskCriterion & NodeRecord)[];
  scenarios: NodeRecord[];
  scores: ScoreInput[];
  runs: Map<string, StoredRun>;
}

export type PlanningData = PlanningInput & {
  scenarios: NodeRecord[];
  tasks: NodeRecord[];
  capabilities: NodeRecord[];
  parties: NodeRecord[];
  targets: NodeRecord[];
  operations: { party: string; service: string }[];
  /** Every node read, by id. */
  nodes: Map<string, NodeRecord>;
  runs: Map<string, StoredRun>;
};

function parseRuns(rows: unknown): Map<string, StoredRun> {
  const out = new Map<string, StoredRun>();
  for (const r of (rows as { scenario: string; id: string; result: string | null }[]) ?? []) {
    if (!r.result) continue;
    try {
      const res = JSON.parse(r.result) as Partial<StoredRun>;
      out.set(r.scenario, {
        scenario: r.scenario, id: r.id,
        capabilities: res.capabilities ?? [], criteria: res.criteria ?? [], totalImpact: res.totalImpact ?? null,
      });
    } catch {
      // A run whose result does not parse is left out rather than failing the whole analysis.
    }
  }
  return out;
}

export class AnalysisRepository {
  constructor(private readonly graph: Graph, private readonly viewer: Viewer) {}

  async riskData(withRuns = true): Promise<RiskData> {
    const [row] = await this.graph.read('analysis', 'riskInputs', { viewer: viewerParam(this.viewer), withRuns });
    return {
      criteria: (row?.criteria ?? []) as RiskData['criteria'],
      scenarios: (row?.scenarios ?? []) as NodeRecord[],
      scores: (row?.scores ?? []) as ScoreInput[],
      runs: parseRuns(row?.runs),
    };
  }

  async planningData(withRuns = true): Promise<PlanningData> {
    const [row] = await this.graph.read('analysis', 'planningInputs', { viewer: viewerParam(this.viewer), withRuns });
    const r = row ?? {};
    const data: PlanningData = {
      scenarios: (r.scenarios ?? []) as NodeRecord[],
      tasks: (r.tasks ?? []) as NodeRecord[],
      capabilities: (r.capabilities ?? []) as NodeRecord[],
      parties: (r.parties ?? []) as NodeRecord[],
      requirements: (r.requirements ?? []) as PlanningInput['requirements'],
      needs: (r.needs ?? []) as PlanningInput['needs'],
      holdings: (r.holdings ?? []) as PlanningInput['holdings'],
      responsibilities: (r.responsibilities ?? []) as PlanningInput['responsibilities'],
      targets: [],
      operations: (r.operations ?? []) as PlanningData['operations'],
      nodes: new Map(),
      runs: parseRuns(r.runs),
    };
    for (const list of [r.targets, r.scenarios, r.tasks, r.capabilities, r.parties] as NodeRecord[][]) for (const n of list ?? []) data.nodes.set(n.id, n);
    data.targets = [...data.nodes.values()];
    return data;
  }
}

/** The visibility class of a viewer: everything a read returns depends on the viewer only through this. */
export function visibilityKey(viewer: Viewer): string {
  return viewer.admin ? 'admin' : viewer.party == null ? 'anonymous' : `party:${viewer.party}`;
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

  constructor(readonly revision: string | null, readonly visibility: string, private readonly graph: Graph, private readonly viewer: Viewer, maxResults = 256) {
    this.results = new Lru(maxResults);
  }

  planningData(): Promise<PlanningData> {
    if (!this.planning) {
      const p = new AnalysisRepository(this.graph, this.viewer).planningData();
      this.planning = p;
      p.catch(() => { if (this.planning === p) this.planning = null; });
    }
    return this.planning;
  }

  riskData(): Promise<RiskData> {
    if (!this.risk) {
      const p = new AnalysisRepository(this.graph, this.viewer).riskData();
      this.risk = p;
      p.catch(() => { if (this.risk === p) this.risk = null; });
    }
    return this.risk;
  }

  /** A result derived from this entry's inputs (a gap analysis for some arguments, a party's role), computed once; a failure is not kept. */
  memo<T>(key: string, compute: () => T | Promise<T>): Promise<T> {
    let p = this.results.get(key) as Promise<T> | undefined;
    if (!p) {
      const made: Promise<T> = (async () => compute())();
      p = made;
      this.results.set(key, made);
      made.catch(() => { if (this.results.get(key) === made) this.results.delete(key); });
    }
    return p;
  }
}

export interface AnalysisCacheOptions {
  /**
   * How long (ms) one read of the stored revision may stand for later requests while this process notes no model write
   * of its own; writes by other processes (the CLI, another server) are seen at most this long after they commit.
   * 0 reads the revision for every request (never stale across processes).
   */
  recheckMs?: number;
  /** Most (revision, visibility) entries kept; the least recently used goes first. */
  maxEntries?: number;
  /** Most derived results (gap analyses with distinct arguments, party roles) kept per entry. */
  maxResultsPerEntry?: number;
}

export const DEFAULT_RECHECK_MS = 0;

/**
 * Reads analysis.cypher modelRevision. On a real Graph as one auto-commit query (RUN and PULL in one round trip, no
 * BEGIN/COMMIT: a third of the socket writes of a managed transaction, which dominated the server's CPU per request);
 * it sees every transaction committed before it starts, like a read transaction. A failure is retried once as a managed
 * read transaction (Graph.read: retries transient errors, maps driver errors to domain errors).
 */
async function readRevisionRow(graph: Graph): Promise<Row | undefined> {
  const driver = (graph as Partial<Graph>).driver;
  if (driver && graph.config) {
    const session = driver.session({ database: graph.config.database, defaultAccessMode: neo4j.session.READ });
    try {
      const result = await session.run(cypher('analysis', 'modelRevision'));
      return result.records[0]?.toObject() as Row | undefined;
    } catch {
      // fall through to the managed read below
    } finally {
      await session.close().catch(() => {});
    }
  }
  try {
    const [row] = await graph.read('analysis', 'modelRevision');
    return row;
  } catch (e) {
    throw mapGraphError(e);
  }
}

/**
 * Analysis inputs and results per model revision and visibility class. The revision (analysis.cypher modelRevision:
 * ModelInfo epoch and revision, bumped in the transaction of every model write, plus a fingerprint of the finished
 * simulation runs) is read before an entry is used, so an answer is never built from inputs older than the model as it
 * stood when that read started. With recheckMs > 0 a read is reused for that long unless this process has noted a model
 * write since (src/graph/model-revision.ts).
 */
export class AnalysisCache {
  readonly recheckMs: number;
  private readonly entries: Lru<string, AnalysisEntry>;
  private readonly maxResultsPerEntry: number;
  private check: { at: number; writes: number; seq: number; revision: Promise<string> } | null = null;
  private seq = 0;
  private applied = { seq: 0, revision: null as string | null };
  private inFlight: Promise<string> | null = null;
  private next: Promise<string> | null = null;
  readonly stats = { revisionReads: 0, hits: 0, misses: 0 };

  constructor(private readonly graph: Graph, options: AnalysisCacheOptions = {}) {
    this.recheckMs = Math.max(0, options.recheckMs ?? DEFAULT_RECHECK_MS);
    this.entries = new Lru(Math.max(1, options.maxEntries ?? 64));
    this.maxResultsPerEntry = Math.max(1, options.maxResultsPerEntry ?? 256);
  }

  /** The stored revision, read now or (recheckMs > 0, no local write noted since) by a read started at most recheckMs ago. */
  revision(): Promise<string> {
    const now = performance.now();
    const writes = modelWritesNoted();
    const c = this.check;
    if (c && this.recheckMs > 0 && c.writes === writes && now - c.at < this.recheckMs) return c.revision;
    // Never stale: a caller may only use a read that starts after it asked. While one read is in flight, callers share
    // the next read, which starts once the current one has ended (so at most one revision read is in flight and a
    // burst of requests costs two reads, not one each).
    if (this.inFlight) {
      this.next ??= this.inFlight.then(() => undefined, () => undefined).then(() => {
        this.next = null;
        return this.startRead();
      });
      return this.next;
    }
    return this.startRead();
  }

  private startRead(): Promise<string> {
    const now = performance.now();
    const writes = modelWritesNoted();
    const seq = ++this.seq;
    this.stats.revisionReads++;
    const revision = readRevisionRow(this.graph).then((r) => {
      if (r?.incomplete === true) throw new ModelIncompleteError(loadStateOf(r));
      const token = JSON.stringify([r?.epoch ?? null, r?.revision ?? null, r?.runs ?? 0, r?.lastRun ?? null]);
      if (seq > this.applied.seq) {
        if (token !== this.applied.revision) for (const key of this.entries.keys()) if (this.entries.get(key)!.revision !== token) this.entries.delete(key);
        this.applied = { seq, revision: token };
      }
      return token;
    });
    const check = { at: now, writes, seq, revision };
    this.check = check;
    this.inFlight = revision;
    const done = () => {
      if (this.inFlight === revision) this.inFlight = null;
    };
    revision.then(done, () => {
      done();
      if (this.check === check) this.check = null;
    });
    return revision;
  }

  /** The entry for the viewer's visibility class at the current revision. */
  async entry(viewer: Viewer): Promise<AnalysisEntry> {
    const revision = await this.revision();
    const visibility = visibilityKey(viewer);
    // A revision older than the newest applied one (a slow read overtaken by a newer) is served uncached.
    if (revision !== this.applied.revision) return new AnalysisEntry(revision, visibility, this.graph, viewer, this.maxResultsPerEntry);
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

  /** Number of entries held. */
  get size(): number {
    return this.entries.size;
  }

  clear(): void {
    this.entries.clear();
    this.check = null;
  }
}
