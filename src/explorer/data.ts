// Reads the whole model graph over GraphQL (paged Relay connections) into plain nodes and edges for the views.
import { gql } from './api';
import { isKind, type Kind } from './kinds';
import { NODE_REFERENCES } from '../model/kinds';
import { GRAPH_PAGES, type GraphRoot, type PageAnswer, type RawNode, type Ref } from './queries';

export interface GraphNode {
  id: string;
  name: string;
  kind: Kind;
  classification: string;
  extra: Record<string, unknown>;
}
export interface GraphEdge {
  id: string;
  source: string;
  target: string;
  type: string;
  props: Record<string, unknown>;
}
export interface GraphData {
  nodes: GraphNode[];
  edges: GraphEdge[];
  byId: Map<string, GraphNode>;
}

const PAGE = 1000;

async function readAll(root: GraphRoot, signal?: AbortSignal): Promise<RawNode[]> {
  const out: RawNode[] = [];
  let after: string | null = null;
  for (;;) {
    const data: PageAnswer = await gql<PageAnswer>(GRAPH_PAGES[root], { first: PAGE, after }, signal);
    const conn = data[root]!;
    for (const e of conn.edges) out.push(e.node);
    if (!conn.pageInfo.hasNextPage || !conn.pageInfo.endCursor) break;
    after = conn.pageInfo.endCursor;
  }
  return out;
}

const SCALARS: Partial<Record<GraphRoot, string[]>> = {
  impactCriteria: ['unit', 'weight'],
  threats: ['cluster', 'nature'],
  scenarios: ['likelihood', 'likelihoodClass', 'horizon'],
  services: ['recoveryRate'],
  tasks: ['phase', 'unit'],
  capabilities: ['unit'],
  signals: ['observedOn', 'horizon', 'direction', 'strength'],
};

export async function loadGraph(signal?: AbortSignal): Promise<GraphData> {
  const roots = Object.keys(GRAPH_PAGES) as GraphRoot[];
  const pages = await Promise.all(roots.map((root) => readAll(root, signal).then((rows) => [root, rows] as const)));
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  const byId = new Map<string, GraphNode>();
  const edge = (source: string, target: Ref | undefined, type: string, props: Record<string, unknown> = {}) => {
    if (!target) return; // a reference the viewer may not see
    edges.push({ id: `${type}:${source}->${target.id}`, source, target: target.id, type, props });
  };
  for (const [root, rows] of pages) {
    for (const r of rows) {
      // The node kind is the GraphQL type; on Party, `kind` is the kind of party (ministry, company, …).
      if (!isKind(r.__typename)) continue;
      const extra: Record<string, unknown> = {};
      if (root === 'parties') extra.partyKind = r.kind;
      for (const k of SCALARS[root] ?? []) if (r[k] != null) extra[k] = r[k];
      const node: GraphNode = { id: r.id, name: r.name, kind: r.__typename, classification: r.classification, extra };
      nodes.push(node);
      byId.set(node.id, node);
      const o = r as Record<string, any>;
      switch (root) {
        case 'impactCriteria':
          edge(r.id, o.vitalInterest, 'MEASURES');
          break;
        case 'incidentCategories':
          for (const t of o.threats ?? []) edge(r.id, t, 'OF_THREAT');
          break;
        case 'scenarios':
          edge(r.id, o.incidentCategory, 'INSTANCE_OF');
          for (const d of o.disruptions ?? [])
            edge(r.id, d.service, 'DISRUPTS', { inoperability: d.inoperability, durationHours: d.durationHours });
          for (const q of o.requirements ?? []) edge(r.id, q.task, 'REQUIRES', { demand: q.demand });
          for (const s of o.scores ?? []) edge(r.id, s.criterion, 'SCORES', { value: s.value, class: s.class });
          break;
        case 'services':
          edge(r.id, o.sector, 'PART_OF');
          for (const d of o.dependsOn ?? [])
            edge(r.id, d.to, 'DEPENDS_ON', {
              strength: d.strength,
              probability: d.probability,
              delayHours: d.delayHours,
            });
          for (const t of o.triggers ?? [])
            edge(r.id, t.task, 'TRIGGERS', { demandPerInoperabilityHour: t.demandPerInoperabilityHour });
          break;
        case 'tasks':
          for (const n of o.needs ?? []) edge(r.id, n.capability, 'NEEDS', { perUnit: n.perUnit });
          break;
        case 'capabilities':
          for (const h of o.holders ?? [])
            if (h.party)
              edges.push({
                id: `HOLDS:${h.party.id}->${r.id}`,
                source: h.party.id,
                target: r.id,
                type: 'HOLDS',
                props: { capacity: h.capacity, readiness: h.readiness, mobilisationHours: h.mobilisationHours },
              });
          for (const m of o.mitigates ?? []) edge(r.id, m.service, 'MITIGATES', { reduction: m.reduction });
          break;
        case 'parties':
          for (const x of o.responsibilities ?? []) edge(r.id, x.target, 'RESPONSIBLE_FOR', { role: x.role });
          for (const x of o.operates ?? []) edge(r.id, x.service, 'OPERATES');
          break;
        case 'signals':
          // Signals' references as the catalogue of kinds has them (threats, incident categories, scenarios).
          for (const ref of NODE_REFERENCES.filter((x) => x.list === 'signals'))
            for (const target of (o[ref.field] ?? []) as Ref[]) edge(r.id, target, ref.type);
          break;
      }
    }
  }
  // Drop edges whose other end is not visible to this viewer (classification) or not a graph kind.
  const seen = new Set<string>();
  const kept = edges.filter(
    (e) => byId.has(e.source) && byId.has(e.target) && !seen.has(e.id) && (seen.add(e.id), true),
  );
  return { nodes, edges: kept, byId };
}
