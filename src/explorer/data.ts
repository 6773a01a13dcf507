// Reads the whole model graph over GraphQL (paged Relay connections) into plain nodes and edges for the views.
import { gql } from './api';
import { isKind, type Kind } from './kinds';

export interface GraphNode { id: string; name: string; kind: Kind; classification: string; extra: Record<string, unknown> }
export interface GraphEdge { id: string; source: string; target: string; type: string; props: Record<string, unknown> }
export interface GraphData { nodes: GraphNode[]; edges: GraphEdge[]; byId: Map<string, GraphNode> }

type Ref = { id: string } | null;
type Raw = Record<string, unknown> & { __typename: string; id: string; name: string; kind: string; classification: string };

/** Per root connection: extra node fields and the relationship fields that give edges (read from one side only). */
const CONNECTIONS: { root: string; fields: string }[] = [
  { root: 'vitalInterests', fields: '' },
  { root: 'impactCriteria', fields: 'unit weight vitalInterest { id }' },
  { root: 'threats', fields: 'cluster nature' },
  { root: 'incidentCategories', fields: 'threats { id }' },
  {
    root: 'scenarios',
    fields: `likelihood likelihoodClass horizon incidentCategory { id }
      disruptions { service { id } inoperability durationHours }
      requirements { task { id } demand }
      scores { criterion { id } value class }`,
  },
  { root: 'sectors', fields: '' },
  {
    root: 'services',
    fields: `recoveryRate sector { id }
      dependsOn { to { id } strength probability delayHours }
      triggers { task { id } demandPerInoperabilityHour }`,
  },
  { root: 'tasks', fields: 'phase unit needs { capability { id } perUnit }' },
  {
    root: 'capabilities',
    fields: `unit holders { party { id } capacity readiness mobilisationHours }
      mitigates { service { id } reduction }`,
  },
  { root: 'parties', fields: 'kind responsibilities { target { id } role } operates { service { id } }' },
];

const PAGE = 1000;

async function readAll(root: string, fields: string, signal?: AbortSignal): Promise<Raw[]> {
  const query = `query Page($first: Int!, $after: String) {
    ${root}(first: $first, after: $after) {
      pageInfo { hasNextPage endCursor }
      edges { node { __typename id name classification ${fields} } }
    }
  }`;
  const out: Raw[] = [];
  let after: string | null = null;
  for (;;) {
    const data: Record<string, { pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { node: Raw }[] }> =
      await gql(query, { first: PAGE, after }, signal);
    const conn = data[root]!;
    for (const e of conn.edges) out.push(e.node);
    if (!conn.pageInfo.hasNextPage || !conn.pageInfo.endCursor) break;
    after = conn.pageInfo.endCursor;
  }
  return out;
}

const SCALARS: Record<string, string[]> = {
  impactCriteria: ['unit', 'weight'],
  threats: ['cluster', 'nature'],
  scenarios: ['likelihood', 'likelihoodClass', 'horizon'],
  services: ['recoveryRate'],
  tasks: ['phase', 'unit'],
  capabilities: ['unit'],
};

export async function loadGraph(signal?: AbortSignal): Promise<GraphData> {
  const pages = await Promise.all(CONNECTIONS.map((c) => readAll(c.root, c.fields, signal).then((rows) => [c.root, rows] as const)));
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
        case 'impactCriteria': edge(r.id, o.vitalInterest, 'MEASURES'); break;
        case 'incidentCategories': for (const t of o.threats ?? []) edge(r.id, t, 'OF_THREAT'); break;
        case 'scenarios':
          edge(r.id, o.incidentCategory, 'INSTANCE_OF');
          for (const d of o.disruptions ?? []) edge(r.id, d.service, 'DISRUPTS', { inoperability: d.inoperability, durationHours: d.durationHours });
          for (const q of o.requirements ?? []) edge(r.id, q.task, 'REQUIRES', { demand: q.demand });
          for (const s of o.scores ?? []) edge(r.id, s.criterion, 'SCORES', { value: s.value, class: s.class });
          break;
        case 'services':
          edge(r.id, o.sector, 'PART_OF');
          for (const d of o.dependsOn ?? []) edge(r.id, d.to, 'DEPENDS_ON', { strength: d.strength, probability: d.probability, delayHours: d.delayHours });
          for (const t of o.triggers ?? []) edge(r.id, t.task, 'TRIGGERS', { demandPerInoperabilityHour: t.demandPerInoperabilityHour });
          break;
        case 'tasks': for (const n of o.needs ?? []) edge(r.id, n.capability, 'NEEDS', { perUnit: n.perUnit }); break;
        case 'capabilities':
          for (const h of o.holders ?? []) if (h.party) edges.push({ id: `HOLDS:${h.party.id}->${r.id}`, source: h.party.id, target: r.id, type: 'HOLDS', props: { capacity: h.capacity, readiness: h.readiness, mobilisationHours: h.mobilisationHours } });
          for (const m of o.mitigates ?? []) edge(r.id, m.service, 'MITIGATES', { reduction: m.reduction });
          break;
        case 'parties':
          for (const x of o.responsibilities ?? []) edge(r.id, x.target, 'RESPONSIBLE_FOR', { role: x.role });
          for (const x of o.operates ?? []) edge(r.id, x.service, 'OPERATES');
          break;
      }
    }
  }
  // Drop edges whose other end is not visible to this viewer (classification) or not a graph kind.
  const seen = new Set<string>();
  const kept = edges.filter((e) => byId.has(e.source) && byId.has(e.target) && !seen.has(e.id) && (seen.add(e.id), true));
  return { nodes, edges: kept, byId };
}
