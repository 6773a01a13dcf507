// Reads for the API: node lists, nodes by id and relationships by type, each filtered for the viewer.
import { int, type Graph, type Row } from './graph.js';
import { statementsFor, statementsForType } from './statements.js';
import { viewerParam, type Viewer } from '../domain/viewer.js';
import type { NodeList } from '../model/kinds.js';

/** A node's properties plus `__label`, its kind (label); `kind` stays free for a party's own kind. */
export type NodeRecord = Record<string, unknown> & { id: string; __label: string };
export interface RelationshipRecord {
  from: string;
  to: string;
  type: string;
  props: Record<string, unknown>;
  other: NodeRecord;
}

export class ApiRepository {
  constructor(
    private readonly graph: Graph,
    private readonly viewer: Viewer,
  ) {}

  async list(list: NodeList, offset: number, limit: number, search: string | null): Promise<NodeRecord[]> {
    const rows = await this.graph.read(statementsFor(list).list, {
      viewer: viewerParam(this.viewer),
      offset: int(offset),
      limit: int(limit),
      search,
    });
    return rows.map((r) => r.node as NodeRecord);
  }

  async count(list: NodeList, search: string | null): Promise<number> {
    const rows = await this.graph.read(statementsFor(list).count, { viewer: viewerParam(this.viewer), search });
    return Number(rows[0]?.count ?? 0);
  }

  async byIds(ids: readonly string[]): Promise<Map<string, NodeRecord>> {
    const rows = await this.graph.read('api', 'nodesByIds', { viewer: viewerParam(this.viewer), ids });
    return new Map(rows.map((r) => [(r.node as NodeRecord).id, r.node as NodeRecord]));
  }

  /** Relationships of `type` at each id, leaving it (`out`) or arriving (`in`), grouped by id. */
  async relationships(
    type: string,
    direction: 'out' | 'in',
    ids: readonly string[],
  ): Promise<Map<string, RelationshipRecord[]>> {
    const rows: Row[] = await this.graph.read(statementsForType(type)[direction], {
      viewer: viewerParam(this.viewer),
      ids,
    });
    const out = new Map<string, RelationshipRecord[]>();
    for (const r of rows) {
      const key = r.key as string;
      const list = out.get(key) ?? [];
      list.push({
        from: r.from as string,
        to: r.to as string,
        type,
        props: r.props as Record<string, unknown>,
        other: r.other as NodeRecord,
      });
      out.set(key, list);
    }
    return out;
  }

  async search(text: string, limit: number): Promise<NodeRecord[]> {
    const rows = await this.graph.read('api', 'search', { viewer: viewerParam(this.viewer), text, limit: int(limit) });
    return rows.map((r) => r.node as NodeRecord);
  }
}
