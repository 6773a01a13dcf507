// Loads a validated model into Neo4j with batched UNWIND writes and exports it back to the interchange format.
import { cpus } from 'node:os';
import { propertyFields, statementsFor } from './statements.js';
import { int, type Graph, type Row } from './graph.js';
import { NODE_KINDS, NODE_REFERENCES, RELATIONSHIP_KINDS } from '../model/kinds.js';
import { validateModel } from '../model/validate.js';
import type { Model } from '../model/schema.js';
import { storedProps } from './props.js';
import { assertModelComplete, beginLoad, endLoad, LoadUnfinishedError } from './load-state.js';
import { UserError } from '../domain/errors.js';
import { timing } from '../simulation/timing.js';

const BATCH = Math.max(100, Number(process.env.WEERBAAR_LOAD_BATCH ?? 10_000) || 10_000);

type Json = Record<string, unknown>;

/** Batches written at once into an empty graph; more keeps both of Neo4j's cores busy, deadlocks are retried by the
 * driver. */
const BULK_CONCURRENCY = Math.max(1, Number(process.env.WEERBAAR_LOAD_CONCURRENCY ?? Math.max(2, cpus().length)) || 1);

/** One list of the model to write: its batches, the statement for one batch, and how to report progress. */
interface Job {
  step: string;
  total: number;
  batches: Json[][];
  write: (batch: Json[]) => Promise<unknown>;
  /** Progress is reported for node and relationship lists (crash points: src/cli/crash-point.ts), not references. */
  reported: boolean;
}

/**
 * Runs the batches of all `jobs`, at most `limit` at a time, in the jobs' order (one at a time: strictly in order),
 * reporting each finished batch of a reported job. Batches of different lists run side by side, so the first
 * (unplanned, slower) statement of a small list overlaps with a large list's batches instead of waiting its turn.
 */
async function runJobs(jobs: Job[], limit: number, report: (p: LoadProgress) => void): Promise<void> {
  const work = jobs.flatMap((job) => job.batches.map((batch) => ({ job, batch })));
  const done = new Map<Job, number>();
  let next = 0;
  const lane = async () => {
    while (next < work.length) {
      const { job, batch } = work[next++]!;
      await job.write(batch);
      done.set(job, (done.get(job) ?? 0) + batch.length);
      if (job.reported) report({ step: job.step, done: done.get(job)!, total: job.total });
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, work.length) }, lane));
}

function chunks<T>(items: readonly T[], size = BATCH): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** The items with the same value of `field` next to each other, groups in the order of their first item. */
function groupedBy(items: readonly Json[], field: string): Json[] {
  const groups = new Map<unknown, Json[]>();
  for (const item of items) {
    const group = groups.get(item[field]);
    if (group) group.push(item);
    else groups.set(item[field], [item]);
  }
  return [...groups.values()].flat();
}

export interface LoadProgress {
  step: string;
  done: number;
  total: number;
}

/** Number of model nodes in the graph. */
export async function countEntities(graph: Graph): Promise<number> {
  const rows = await graph.read('model', 'countEntities');
  return Number(rows[0]?.count ?? 0);
}

/** Deletes every model node (and its relationships) in batches. */
export async function clearModel(graph: Graph, onProgress?: (p: LoadProgress) => void): Promise<void> {
  for (let done = 0; ;) {
    const rows = await graph.write('model', 'deleteModelBatch', { limit: int(BATCH) });
    const deleted = Number(rows[0]?.deleted ?? 0);
    if (deleted === 0) break;
    done += deleted;
    onProgress?.({ step: 'delete', done, total: 0 });
  }
  await graph.write('model', 'bumpModelRevision');
}

/**
 * Writes a validated model: nodes first (MERGE by id), then node references, then relationship lists.
 * Loading the same model twice leaves the graph unchanged.
 */
export async function loadModel(
  graph: Graph,
  model: Model,
  options: { reset?: boolean; onProgress?: (p: LoadProgress) => void; source?: string; command?: string } = {},
): Promise<{ nodes: number; relationships: number }> {
  // Marked incomplete before the first write, unmarked by the last (src/graph/load-state.ts): an interrupted load
  // leaves a graph that says so instead of a half model that looks whole.
  const source = options.source ?? model.name ?? 'a model';
  await beginLoad(graph, { source, reset: !!options.reset, command: options.command ?? 'load' });
  try {
    timing('load: marked incomplete');
    if (options.reset) await clearModel(graph, options.onProgress);
    timing('load: cleared');
    // A load takes many transactions: the revision is bumped before the first and by the last (setModelInfo), so
    // analysis caches re-read during the load (which, as without a cache, may show a partly loaded model) and after it.
    await graph.write('model', 'bumpModelRevision');
    const written = await writeModel(graph, model, options);
    await endLoad(graph);
    timing('load: marked complete');
    return written;
  } catch (e) {
    // The marker stays: say so, and how to get back (a bug stays a bug and is not reworded).
    throw e instanceof UserError ? new LoadUnfinishedError(source, e) : e;
  }
}

async function writeModel(
  graph: Graph,
  model: Model,
  options: { onProgress?: (p: LoadProgress) => void },
): Promise<{ nodes: number; relationships: number }> {
  // Into an empty graph, CREATE is several times faster than MERGE; the constraints still catch duplicates.
  const bulk = (await countEntities(graph)) === 0;
  const report = options.onProgress ?? (() => {});
  let nodes = 0;
  let relationships = 0;
  // Bulk: the element id of every node created, by model id (ids are unique across the model), so that references
  // and relationships find their ends directly instead of by a seek in the id index.
  const elements = new Map<string, string>();
  const element = (id: unknown): string => {
    const e = elements.get(id as string);
    // The model was validated (every reference names a node of the model), so this is a bug, not bad input.
    if (e === undefined) throw new Error(`load: no node was created for id "${String(id)}"`);
    return e;
  };
  const limit = bulk ? BULK_CONCURRENCY : 1;
  const refFields = new Map<string, string[]>();
  for (const r of NODE_REFERENCES) refFields.set(r.list, [...(refFields.get(r.list) ?? []), r.field]);
  const nodeJobs = NODE_KINDS.map((kind): Job => {
    const items = model[kind.list] as Json[];
    const skip = new Set(refFields.get(kind.list) ?? []);
    const rows = items.map((n) => ({
      id: n.id,
      props: storedProps(Object.fromEntries(Object.entries(n).filter(([k]) => !skip.has(k)))),
    }));
    nodes += rows.length;
    const write = async (batch: Json[]) => {
      if (!bulk) return graph.write(statementsFor(kind).merge, { rows: batch });
      const created = await graph.write(statementsFor(kind).create, { rows: batch });
      if (created.length !== batch.length) {
        throw new Error(`load: ${kind.list}: ${created.length} nodes created for ${batch.length} rows`);
      }
      created.forEach((row, i) => elements.set(batch[i]!.id as string, row.element as string));
    };
    return { step: kind.list, total: rows.length, batches: chunks(rows), write, reported: true };
  });
  await runJobs(nodeJobs, limit, report);
  timing(`load: ${nodes} nodes`);
  // References and relationship lists only need the nodes: in a bulk load they are written side by side.
  const refJobs = NODE_REFERENCES.map((ref): Job => {
    const items = model[ref.list] as Json[];
    const refsOf = (n: Json): unknown[] =>
      n[ref.field] === undefined ? [] : Array.isArray(n[ref.field]) ? (n[ref.field] as unknown[]) : [n[ref.field]];
    const rows: { refs: unknown[]; [field: string]: unknown }[] = bulk
      ? items.map((n) => ({ node: element(n.id), refs: refsOf(n).map(element) }))
      : items.map((n) => ({ id: n.id, refs: refsOf(n) }));
    relationships += rows.reduce((s, r) => s + r.refs.length, 0);
    const write = (batch: Json[]) => graph.write(statementsFor(ref)[bulk ? 'create' : 'link'], { rows: batch });
    return { step: `${ref.list}.${ref.field}`, total: rows.length, batches: chunks(rows), write, reported: false };
  });
  const relJobs = RELATIONSHIP_KINDS.map((rel): Job => {
    const list = (model as unknown as Record<string, Json[]>)[rel.list]!;
    // Bulk: the relationships leaving one node written one after another (in the model's order otherwise), so that a
    // batch updates each node's relationship chain once and in one place (a quarter less of Neo4j's time).
    const items = bulk ? groupedBy(list, rel.from.field) : list;
    relationships += items.length;
    if (bulk) {
      // One batch as parallel lists (relationship create): the ends' element ids and each property's values.
      const fields = propertyFields(rel);
      const write = (batch: Json[]) =>
        graph.write(statementsFor(rel).create, {
          from: batch.map((r) => element(r[rel.from.field])),
          to: batch.map((r) => element(r[rel.to.field])),
          props: Object.fromEntries(fields.map((f) => [f, batch.map((r) => r[f] ?? null)])),
        });
      return { step: rel.list, total: items.length, batches: chunks(items), write, reported: true };
    }
    const rows = items.map((r) => {
      const props = storedProps({ ...r });
      delete props[rel.from.field];
      delete props[rel.to.field];
      return { [rel.from.field]: r[rel.from.field], [rel.to.field]: r[rel.to.field], props };
    });
    const write = (batch: Json[]) => graph.write(statementsFor(rel).merge, { rows: batch });
    return { step: rel.list, total: rows.length, batches: chunks(rows), write, reported: true };
  });
  await runJobs([...refJobs, ...relJobs], limit, report);
  timing(`load: ${relationships} relationships`);
  await graph.write('model', 'setModelInfo', {
    name: model.name ?? null,
    description: model.description ?? null,
    version: model.version ?? null,
  });
  return { nodes, relationships };
}

/** Reads the whole model back from the graph and validates it, so an export is always a loadable document. */
export async function exportModel(graph: Graph): Promise<Model> {
  await assertModelComplete(graph);
  const doc: Json = {};
  const info = (await graph.read('model', 'getModelInfo'))[0];
  if (info?.name) doc.name = info.name;
  if (info?.description) doc.description = info.description;
  if (info?.version) doc.version = info.version;
  // Every list is read at once, each in its own transaction: a first statement is planned once per Neo4j start, which
  // on a freshly started server costs more than reading a small list, and the plans are made side by side.
  const [nodeRows, relRows] = await Promise.all([
    Promise.all(NODE_KINDS.map((kind) => graph.read(statementsFor(kind).export))),
    Promise.all(RELATIONSHIP_KINDS.map((rel) => graph.read(statementsFor(rel).export))),
  ]);
  NODE_KINDS.forEach((kind, k) => {
    const rows: Row[] = nodeRows[k]!;
    doc[kind.list] = rows.map((row) => {
      const item: Json = { ...(row.props as Json) };
      for (const ref of NODE_REFERENCES.filter((r) => r.list === kind.list)) {
        const refs = (row.refs as Record<string, string[]>)[ref.field] ?? [];
        // An optional list with nothing in it (a scenario without regions) is left out, as in the document.
        if (!refs.length) continue;
        item[ref.field] = ref.many ? [...refs].sort() : refs[0];
      }
      return item;
    });
  });
  RELATIONSHIP_KINDS.forEach((rel, k) => {
    doc[rel.list] = relRows[k]!.map((row) => ({
      [rel.from.field]: row[rel.from.field],
      [rel.to.field]: row[rel.to.field],
      ...(row.props as Json),
    }));
  });
  return validateModel(doc, 'model exported from Neo4j');
}
