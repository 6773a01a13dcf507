// Single-item changes to the model, validated as the interchange format is, each written with its audit entry in one
// transaction.
import type { Graph, Tx } from './graph.js';
import { statementsFor } from './statements.js';
import {
  LABEL_OF,
  LIST_OF,
  NODE_REFERENCES,
  RELATIONSHIP_KINDS,
  SINGULAR_OF,
  type NodeLabel,
  type NodeList,
  type RelationshipKind,
} from '../model/kinds.js';
import { referenceProblem, validateItem } from '../model/validate.js';
import { NotFoundError, ValidationError, type Problem } from '../domain/errors.js';
import { viewerParam, type Viewer } from '../domain/viewer.js';
import type { NodeRecord, RelationshipRecord } from './api-repository.js';
import { storedProps } from './props.js';

type Json = Record<string, unknown>;

export interface Actor {
  viewer: Viewer;
  requestId: string;
}

/** One relationship item: its two ends and, for a list with keyProps, the values of those key fields. */
export interface RelationshipKey {
  from: string;
  to: string;
  match?: Record<string, string>;
}

/** The key fields a relationship list keeps as properties, with their values in `item` ({} for most lists). */
function matchOf(rel: RelationshipKind, item: Json): Record<string, string> {
  return Object.fromEntries((rel.keyProps ?? []).map((f) => [f, String(item[f])]));
}
const matchText = (match: Record<string, string>) =>
  Object.values(match)
    .map((v) => ` ${v}`)
    .join('');

function relKind(list: string): RelationshipKind {
  const k = RELATIONSHIP_KINDS.find((r) => r.list === list);
  if (!k) throw new Error(`no such relationship list: ${list}`);
  return k;
}

export class MutationRepository {
  constructor(private readonly graph: Graph) {}

  /** One write transaction (its end, committed or not, makes this process re-read the model revision:
   * Graph.writesEnded). */
  private async transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.graph.writeTransaction(work);
  }

  /** Checks that every referenced id exists, is seen by the writer (docs/security.md) and is of an allowed kind. */
  private async checkReferences(
    item: string,
    refs: { field: string; id: string; kinds: readonly NodeList[] | '*' }[],
    viewer: Viewer,
  ): Promise<void> {
    if (!refs.length) return;
    const rows = await this.graph.read('mutations', 'visibleKindsOf', {
      ids: [...new Set(refs.map((r) => r.id))],
      viewer: viewerParam(viewer),
    });
    const kindOf = new Map(rows.map((r) => [r.id as string, LIST_OF[r.kind as NodeLabel]]));
    const problems: Problem[] = [];
    for (const r of refs) {
      const message = referenceProblem(r.id, kindOf.get(r.id), r.kinds);
      if (message) problems.push({ item, field: r.field, message });
    }
    if (problems.length) throw new ValidationError(problems);
  }

  /** Every model write ends with this: its audit entry and the model revision bump, in the write's transaction. */
  private async audit(tx: Tx, actor: Actor, action: string, target: string, details: unknown) {
    await tx.run('model', 'bumpModelRevision');
    return tx.run('audit', 'recordAudit', {
      subject: actor.viewer.subject,
      role: actor.viewer.role,
      party: actor.viewer.party,
      action,
      target,
      details: JSON.stringify(details),
      requestId: actor.requestId,
    });
  }

  private async writeNode(
    list: NodeList,
    item: Json,
    actor: Actor,
    action: 'create' | 'update',
    within?: Tx,
  ): Promise<NodeRecord> {
    const refs = NODE_REFERENCES.filter((r) => r.list === list);
    const label = `${list} (id "${String(item.id)}")`;
    const toCheck: { field: string; id: string; kinds: readonly NodeList[] | '*' }[] = [];
    for (const r of refs) {
      const v = item[r.field];
      if (v === undefined) continue;
      (Array.isArray(v) ? v : [v]).forEach((id, j) =>
        toCheck.push({ field: Array.isArray(v) ? `${r.field}[${j}]` : r.field, id: String(id), kinds: r.kinds }),
      );
    }
    if (typeof item.owner === 'string') toCheck.push({ field: 'owner', id: item.owner, kinds: ['parties'] });
    await this.checkReferences(label, toCheck, actor.viewer);
    const skip = new Set<string>(refs.map((r) => r.field));
    const props = storedProps(Object.fromEntries(Object.entries(item).filter(([k]) => !skip.has(k))));
    const write = async (tx: Tx) => {
      await tx.run(statementsFor(list)[action === 'create' ? 'create' : 'merge'], { rows: [{ id: item.id, props }] });
      for (const r of refs) {
        const v = item[r.field];
        await tx.run(statementsFor(r).link, {
          rows: [{ id: item.id, refs: v === undefined ? [] : Array.isArray(v) ? v : [v] }],
        });
      }
      await this.audit(tx, actor, `${action}:${list}`, String(item.id), item);
    };
    if (within) await write(within);
    else await this.transaction(write);
    return { ...props, __label: LABEL_OF[list] } as NodeRecord;
  }

  async createNode(list: NodeList, input: Json, actor: Actor): Promise<NodeRecord> {
    const item = validateItem<Json>(list, storedProps(input));
    return this.writeNode(list, item, actor, 'create');
  }

  /**
   * Applies a patch (null clears an optional field) and validates the whole item again. Read, merge and write run
   * in one transaction under the node's write lock, so concurrent updates of one item queue up: none reads a state
   * that another is half-way through replacing, none is lost.
   */
  async updateNode(list: NodeList, id: string, patch: Json, actor: Actor): Promise<NodeRecord> {
    if ('id' in patch && patch.id !== undefined && patch.id !== id) {
      throw new ValidationError([
        { item: `${list} (id "${id}")`, field: 'id', message: 'cannot be changed; delete and create instead' },
      ]);
    }
    return this.transaction(async (tx) => {
      await tx.run('mutations', 'lockNode', { id });
      const rows = await tx.run(statementsFor(list).get, { id });
      if (!rows.length) throw new NotFoundError(SINGULAR_OF[list], id);
      const current: Json = { ...(rows[0]!.props as Json) };
      for (const r of NODE_REFERENCES.filter((x) => x.list === list)) {
        const ids = (await tx.run(statementsFor(r).get, { id })).map((x) => x.id as string);
        if (r.many) current[r.field] = ids;
        else if (ids.length) current[r.field] = ids[0];
      }
      const merged: Json = { ...current };
      for (const [k, v] of Object.entries(patch)) {
        if (v === undefined) continue;
        if (v === null) delete merged[k];
        else merged[k] = v;
      }
      const item = validateItem<Json>(list, merged);
      return this.writeNode(list, item, actor, 'update', tx);
    });
  }

  async deleteNode(list: NodeList, id: string, actor: Actor): Promise<{ id: string; relationshipsRemoved: number }> {
    return this.transaction(async (tx) => {
      const rows = await tx.run(statementsFor(list).delete, { id });
      if (!rows.length) throw new NotFoundError(SINGULAR_OF[list], id);
      await this.audit(tx, actor, `delete:${list}`, id, { id });
      return { id, relationshipsRemoved: Number(rows[0]!.relationships ?? 0) };
    });
  }

  private relLabel(rel: RelationshipKind, item: Json): string {
    const ends = `${String(item[rel.from.field])}→${String(item[rel.to.field])}`;
    return `${rel.list} (${ends}${matchText(matchOf(rel, item))})`;
  }

  private async writeRelationship(
    rel: RelationshipKind,
    item: Json,
    actor: Actor,
    action: 'create' | 'update',
  ): Promise<RelationshipRecord> {
    const from = String(item[rel.from.field]);
    const to = String(item[rel.to.field]);
    await this.checkReferences(
      this.relLabel(rel, item),
      [
        { field: rel.from.field, id: from, kinds: rel.from.kinds },
        { field: rel.to.field, id: to, kinds: rel.to.kinds },
      ],
      actor.viewer,
    );
    const props = storedProps({ ...item });
    delete props[rel.from.field];
    delete props[rel.to.field];
    const other = await this.transaction(async (tx) => {
      // Serialise changes around the source node so that "exists?" and the write cannot interleave with another
      // request.
      await tx.run('mutations', 'lockNode', { id: from });
      const match = matchOf(rel, item);
      const existing = await tx.run(statementsFor(rel).get, { from, to, match });
      if (action === 'create' && existing.length)
        throw new ValidationError([
          { item: this.relLabel(rel, item), field: '', message: 'already exists; update it instead' },
        ]);
      if (action === 'update' && !existing.length) {
        throw new NotFoundError(rel.list, `${from}→${to}${matchText(match)}`);
      }
      await tx.run(statementsFor(rel).merge, { rows: [{ [rel.from.field]: from, [rel.to.field]: to, props }] });
      const written = await tx.run(statementsFor(rel).get, { from, to, match });
      await this.audit(tx, actor, `${action}:${rel.list}`, `${from}→${to}${matchText(match)}`, item);
      return written[0]!.other as NodeRecord;
    });
    return { from, to, type: rel.type, props, other };
  }

  async createRelationship(list: string, input: Json, actor: Actor): Promise<RelationshipRecord> {
    const rel = relKind(list);
    return this.writeRelationship(rel, validateItem<Json>(list, storedProps(input)), actor, 'create');
  }

  async updateRelationship(list: string, key: RelationshipKey, patch: Json, actor: Actor): Promise<RelationshipRecord> {
    const rel = relKind(list);
    const match = key.match ?? {};
    const rows = await this.graph.read(statementsFor(rel).get, { from: key.from, to: key.to, match });
    if (!rows.length) throw new NotFoundError(rel.list, `${key.from}→${key.to}${matchText(match)}`);
    const merged: Json = { ...(rows[0]!.props as Json), [rel.from.field]: key.from, [rel.to.field]: key.to, ...match };
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined || k === rel.from.field || k === rel.to.field || k in match) continue;
      if (v === null) delete merged[k];
      else merged[k] = v;
    }
    return this.writeRelationship(rel, validateItem<Json>(list, merged), actor, 'update');
  }

  async deleteRelationship(list: string, key: RelationshipKey, actor: Actor): Promise<boolean> {
    const rel = relKind(list);
    const match = key.match ?? {};
    return this.transaction(async (tx) => {
      const rows = await tx.run(statementsFor(rel).delete, { from: key.from, to: key.to, match });
      if (Number(rows[0]?.deleted ?? 0) === 0) {
        throw new NotFoundError(rel.list, `${key.from}→${key.to}${matchText(match)}`);
      }
      await this.audit(tx, actor, `delete:${rel.list}`, `${key.from}→${key.to}${matchText(match)}`, key);
      return true;
    });
  }
}
