// The one place that talks to Neo4j: one driver per process, named parameterised statements, read/write transactions,
// error mapping.
import neo4j, { type Driver, type ManagedTransaction } from 'neo4j-driver';
import { graphConfig, type GraphConfig } from './config.js';
import { cypher, type Statement } from './cypher.js';
import { allSchemaStatements } from './statements.js';
import { GraphUnavailableError, UserError, ValidationError } from '../domain/errors.js';

export type Params = Record<string, unknown>;
export type Row = Record<string, unknown>;
export type { Statement };

/** A step of a write transaction: a statement (statementsFor(kind).merge) or a named one of cypher/<file>.cypher. */
export interface Tx {
  run(...args: RunArgs): Promise<Row[]>;
}

/** What a run takes: `(statement, params?)` or `(file, name, params?)` for a named statement of cypher/<file>.cypher.
 * */
export type RunArgs = [statement: Statement, params?: Params] | [file: string, name: string, params?: Params];

function resolve(...args: RunArgs): [string, Params] {
  return typeof args[0] === 'string'
    ? [cypher(args[0], args[1] as string), args[2] ?? {}]
    : [args[0].text, (args[1] as Params | undefined) ?? {}];
}

/**
 * A write that Neo4j aborted to break a deadlock is retried until this many milliseconds have passed since it began
 * (the driver's own retries stop after maxTransactionRetryTime, which also bounds how long an unreachable server is
 * retried, so it stays short). Many writers on one node (a sector that every new service joins) can deadlock again
 * and again; the aborted transaction was rolled back, so running it again is safe (docs/reliability.md).
 */
export const DEADLOCK_RETRY_MS = 60_000;
const DEADLOCK = 'Neo.TransientError.Transaction.DeadlockDetected';

/** Runs a write again while Neo4j aborts it as a deadlock victim, with a growing, randomised pause between tries. */
export async function retryingDeadlocks<T>(write: () => Promise<T>, budgetMs = DEADLOCK_RETRY_MS): Promise<T> {
  const began = Date.now();
  for (let attempt = 1; ; attempt++) {
    try {
      return await write();
    } catch (e) {
      if ((e as { code?: string })?.code !== DEADLOCK || Date.now() - began > budgetMs) throw e;
      await new Promise((r) => setTimeout(r, Math.random() * Math.min(1000, 50 * attempt)));
    }
  }
}

const UNAVAILABLE = new Set(['ServiceUnavailable', 'SessionExpired', 'Neo.TransientError.General.DatabaseUnavailable']);

/** Maps driver errors to domain errors; anything unknown is rethrown as is (and masked by the API). */
export function mapGraphError(e: unknown): unknown {
  const err = e as { code?: string; message?: string };
  if (err?.code && (UNAVAILABLE.has(err.code) || err.code.startsWith('Neo.TransientError.Database'))) {
    return new GraphUnavailableError(err.message?.split('\n')[0] ?? err.code);
  }
  if (err?.code === 'Neo.ClientError.Schema.ConstraintValidationFailed') {
    const m = /already exists with (?:label `(\w+)` and )?property `(\w+)` = '([^']*)'/.exec(err.message ?? '');
    return new ValidationError([
      {
        item: m ? `${m[1] ?? 'node'} "${m[3]}"` : 'node',
        field: m?.[2] ?? 'id',
        message: 'an item with this id already exists',
      },
    ]);
  }
  if (
    err?.code === 'Neo.ClientError.Transaction.TransactionTimedOut' ||
    err?.code === 'Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration'
  ) {
    return new UserError('the query took too long and was stopped', 'TIMEOUT');
  }
  return e;
}

export interface GraphOptions {
  config?: GraphConfig;
  /** Per-transaction timeout in milliseconds. */
  timeoutMs?: number;
}

export class Graph {
  readonly config: GraphConfig;
  readonly driver: Driver;
  private readonly timeoutMs: number;
  private ended = 0;

  constructor(options: GraphOptions = {}) {
    this.config = options.config ?? graphConfig();
    this.timeoutMs = options.timeoutMs ?? 60_000;
    const auth = this.config.user ? neo4j.auth.basic(this.config.user, this.config.password ?? '') : undefined;
    this.driver = neo4j.driver(this.config.uri, auth, {
      disableLosslessIntegers: true,
      maxConnectionPoolSize: 50,
      connectionAcquisitionTimeout: 20_000,
      connectionTimeout: 5_000,
      maxTransactionRetryTime: 5_000,
      userAgent: 'weerbaar',
    });
  }

  /**
   * Every session shares the driver's bookmark manager (also used by executeQuery): each transaction starts only once
   * the server running it has applied every transaction this process committed before. On a cluster, where writes go
   * to the leader and reads to any member, a read (or a write after a leader change) thus never misses an earlier
   * write of this process, e.g. the batches of a load spread over many transactions (docs/distributed.md).
   */
  private session(mode: 'READ' | 'WRITE') {
    return this.driver.session({
      database: this.config.database,
      defaultAccessMode: mode === 'READ' ? neo4j.session.READ : neo4j.session.WRITE,
      bookmarkManager: this.driver.executeQueryBookmarkManager,
    });
  }

  /** Runs a statement (statementsFor(kind).list) or a named one from cypher/<file>.cypher in a read transaction. */
  async read(...args: RunArgs): Promise<Row[]> {
    return this.run('READ', ...resolve(...args));
  }

  /** Runs a statement or a named one from cypher/<file>.cypher in a write transaction. */
  async write(...args: RunArgs): Promise<Row[]> {
    return this.run('WRITE', ...resolve(...args));
  }

  /**
   * How many write transactions through this Graph have ended (committed or not). A change tells whoever remembers
   * something read from the graph (src/graph/model-revision.ts) that a write of this process may have changed it.
   */
  get writesEnded(): number {
    return this.ended;
  }

  /** Runs several steps in one write transaction (all or nothing). */
  async writeTransaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    const session = this.session('WRITE');
    try {
      const run =
        (tx: ManagedTransaction) =>
        async (...args: RunArgs) => {
          const [text, params] = resolve(...args);
          return toRows(await tx.run(text, params));
        };
      return await retryingDeadlocks(() =>
        session.executeWrite((tx: ManagedTransaction) => work({ run: run(tx) }), { timeout: this.timeoutMs }),
      );
    } catch (e) {
      throw mapGraphError(e);
    } finally {
      this.ended++;
      await session.close();
    }
  }

  private async run(mode: 'READ' | 'WRITE', query: string, params: Params): Promise<Row[]> {
    const session = this.session(mode);
    try {
      const work = async (tx: ManagedTransaction) => toRows(await tx.run(query, params));
      return mode === 'READ'
        ? await session.executeRead(work, { timeout: this.timeoutMs })
        : await retryingDeadlocks(() => session.executeWrite(work, { timeout: this.timeoutMs }));
    } catch (e) {
      throw mapGraphError(e);
    } finally {
      if (mode === 'WRITE') this.ended++;
      await session.close();
    }
  }

  /** Applies cypher/schema.cypher and each kind's uniqueness constraint; idempotent. */
  async applySchema(): Promise<void> {
    for (const statement of allSchemaStatements()) {
      try {
        await this.driver.executeQuery(statement, {}, { database: this.config.database });
      } catch (e) {
        throw mapGraphError(e);
      }
    }
    try {
      await this.driver.executeQuery('CALL db.awaitIndexes(300)', {}, { database: this.config.database });
    } catch (e) {
      throw mapGraphError(e);
    }
  }

  /** Throws GraphUnavailableError when the server does not answer. */
  async ping(): Promise<void> {
    try {
      await this.driver.verifyConnectivity({ database: this.config.database });
    } catch (e) {
      const mapped = mapGraphError(e);
      throw mapped instanceof UserError
        ? mapped
        : new GraphUnavailableError((e as Error).message?.split('\n')[0] ?? String(e));
    }
  }

  async close(): Promise<void> {
    await this.driver.close();
  }
}

function toRows(result: { records: { toObject(): Row }[] }): Row[] {
  return result.records.map((r) => r.toObject());
}

/** A whole number as a Cypher INTEGER (JavaScript numbers travel as FLOAT), for SKIP, LIMIT and counts. */
export function int(n: number): unknown {
  return neo4j.int(Math.trunc(n));
}
