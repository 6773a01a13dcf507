// The model revision as this process knows it, without a round trip to Neo4j per request: writes through this process's
// Graph are seen at once, writes by other processes (the CLI, another server) within a bounded time (maxAgeMs).
import neo4j from 'neo4j-driver';
import { mapGraphError, type Graph, type Row } from './graph.js';
import { cypher } from './cypher.js';
import { loadStateOf, ModelIncompleteError } from './load-state.js';

/** Default bound (ms) on the age of the revision read a request uses (docs/graphql.md, analysis service). */
export const DEFAULT_REVISION_MAX_AGE_MS = 250;

export interface ModelRevisionOptions {
  /**
   * A request uses a revision read that started at most this many ms before it (and after this process's last write).
   * A write committed by another process is therefore seen by every request that starts more than maxAgeMs after the
   * commit. Reads are refreshed in the background once half of it has passed, so a steadily used server never waits
   * for one. 0: a fresh read for every request (the bound is then the request's own start).
   */
  maxAgeMs?: number;
}

/**
 * Reads analysis.cypher modelRevision as one auto-commit query (RUN and PULL in one round trip, no BEGIN/COMMIT); it
 * sees every transaction committed before it starts. A failure is retried once as a managed read transaction
 * (Graph.read: retries transient errors, maps driver errors to domain errors).
 */
async function readRevisionRow(graph: Graph): Promise<Row | undefined> {
  const driver = (graph as Partial<Graph>).driver;
  if (driver && graph.config) {
    // The driver's bookmark manager, as Graph's sessions (graph.ts): on a cluster the read sees this process's writes.
    const session = driver.session({
      database: graph.config.database,
      defaultAccessMode: neo4j.session.READ,
      bookmarkManager: driver.executeQueryBookmarkManager,
    });
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

interface Read {
  seq: number;
  startedAt: number;
  writes: number;
  token: Promise<string>;
}

/**
 * The revision token: ModelInfo epoch and revision (bumped in the transaction of every model write, model.cypher
 * bumpModelRevision) plus a fingerprint of the finished simulation runs. current() answers from the last read while it
 * is younger than maxAgeMs and no write through this process's Graph has ended since it started; otherwise it waits for
 * a read that starts after the call (never one that started before). At most one read is in flight.
 */
export class ModelRevision {
  readonly maxAgeMs: number;
  readonly stats = { reads: 0 };
  /** The newest read that has answered; `incomplete` while a load is unfinished (then every use reads again). */
  private last: { seq: number; startedAt: number; writes: number; token: string; incomplete: boolean } | null = null;
  private seq = 0;
  private inFlight: Read | null = null;
  private next: Promise<string> | null = null;
  private readonly listeners = new Set<(token: string) => void>();

  constructor(
    private readonly graph: Graph,
    options: ModelRevisionOptions = {},
  ) {
    this.maxAgeMs = Math.max(0, options.maxAgeMs ?? DEFAULT_REVISION_MAX_AGE_MS);
  }

  /** The token while the last read is good enough (no round trip), else null; starts a background read when due. */
  peek(): string | null {
    const last = this.last;
    if (!last || last.incomplete || this.maxAgeMs === 0 || last.writes !== this.graph.writesEnded) return null;
    const age = performance.now() - last.startedAt;
    if (age >= this.maxAgeMs) return null;
    if (age >= this.maxAgeMs / 2 && !this.inFlight) this.startRead().catch(() => {});
    return last.token;
  }

  /** The current token: the last read while good enough, else a read that starts after this call. */
  current(): Promise<string> {
    const known = this.peek();
    return known !== null ? Promise.resolve(known) : this.fresh();
  }

  /** A token from a read that starts after this call; callers arriving while a read is in flight share the next one. */
  fresh(): Promise<string> {
    if (this.inFlight) {
      this.next ??= this.inFlight.token
        .then(
          () => undefined,
          () => undefined,
        )
        .then(() => {
          this.next = null;
          return this.startRead();
        });
      return this.next;
    }
    return this.startRead();
  }

  /** The token of the newest read that has answered (null before the first). */
  latest(): string | null {
    return this.last?.token ?? null;
  }

  /** Called with the new token whenever a read finds a different one than the newest before it. */
  onChange(listener: (token: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private startRead(): Promise<string> {
    const seq = ++this.seq;
    const startedAt = performance.now();
    const writes = this.graph.writesEnded;
    this.stats.reads++;
    const token = readRevisionRow(this.graph).then((r) => {
      const incomplete = r?.incomplete === true;
      const t = JSON.stringify([r?.epoch ?? null, r?.revision ?? null, r?.runs ?? 0, r?.lastRun ?? null]);
      if (!this.last || seq > this.last.seq) {
        const changed = this.last?.token !== t;
        this.last = { seq, startedAt, writes, token: t, incomplete };
        if (changed) for (const l of this.listeners) l(t);
      }
      // A load is unfinished (src/graph/load-state.ts): analyses refuse rather than answer from a partial model.
      if (incomplete) throw new ModelIncompleteError(loadStateOf(r));
      return t;
    });
    const read: Read = { seq, startedAt, writes, token };
    this.inFlight = read;
    const done = () => {
      if (this.inFlight === read) this.inFlight = null;
    };
    token.then(done, done);
    return token;
  }
}
