// The catalogue of node kinds and relationship lists: labels, endpoints and how each maps onto the graph.

export const NODE_KINDS = [
  { list: 'vitalInterests', label: 'VitalInterest', singular: 'vitalInterest' },
  { list: 'impactCriteria', label: 'ImpactCriterion', singular: 'impactCriterion' },
  { list: 'threats', label: 'Threat', singular: 'threat' },
  { list: 'incidentCategories', label: 'IncidentCategory', singular: 'incidentCategory' },
  { list: 'scenarios', label: 'Scenario', singular: 'scenario' },
  { list: 'sectors', label: 'Sector', singular: 'sector' },
  { list: 'services', label: 'Service', singular: 'service' },
  { list: 'tasks', label: 'Task', singular: 'task' },
  { list: 'capabilities', label: 'Capability', singular: 'capability' },
  { list: 'parties', label: 'Party', singular: 'party' },
] as const;

export type NodeList = (typeof NODE_KINDS)[number]['list'];
export type NodeLabel = (typeof NODE_KINDS)[number]['label'];

export const LABEL_OF: Record<NodeList, NodeLabel> = Object.fromEntries(
  NODE_KINDS.map((k) => [k.list, k.label]),
) as Record<NodeList, NodeLabel>;

/** The singular name of each node list, for messages: `services` → `service`. */
export const SINGULAR_OF: Record<NodeList, string> = Object.fromEntries(
  NODE_KINDS.map((k) => [k.list, k.singular]),
) as Record<NodeList, string>;

/** A reference from one field to a node of one of the given kinds ('*' = any node). */
export interface Endpoint { field: string; kinds: readonly NodeList[] | '*' }

export interface RelationshipKind {
  list: string;
  type: string;
  from: Endpoint;
  to: Endpoint;
  /** Fields that identify one item in its list (for messages and duplicate checks). */
  key: readonly string[];
}

export const RELATIONSHIP_KINDS: readonly RelationshipKind[] = [
  { list: 'dependencies', type: 'DEPENDS_ON', from: { field: 'from', kinds: ['services'] }, to: { field: 'to', kinds: ['services'] }, key: ['from', 'to'] },
  { list: 'disruptions', type: 'DISRUPTS', from: { field: 'scenario', kinds: ['scenarios'] }, to: { field: 'service', kinds: ['services'] }, key: ['scenario', 'service'] },
  { list: 'requirements', type: 'REQUIRES', from: { field: 'scenario', kinds: ['scenarios'] }, to: { field: 'task', kinds: ['tasks'] }, key: ['scenario', 'task'] },
  { list: 'triggers', type: 'TRIGGERS', from: { field: 'service', kinds: ['services'] }, to: { field: 'task', kinds: ['tasks'] }, key: ['service', 'task'] },
  { list: 'needs', type: 'NEEDS', from: { field: 'task', kinds: ['tasks'] }, to: { field: 'capability', kinds: ['capabilities'] }, key: ['task', 'capability'] },
  { list: 'holdings', type: 'HOLDS', from: { field: 'party', kinds: ['parties'] }, to: { field: 'capability', kinds: ['capabilities'] }, key: ['party', 'capability'] },
  { list: 'mitigations', type: 'MITIGATES', from: { field: 'capability', kinds: ['capabilities'] }, to: { field: 'service', kinds: ['services'] }, key: ['capability', 'service'] },
  { list: 'responsibilities', type: 'RESPONSIBLE_FOR', from: { field: 'party', kinds: ['parties'] }, to: { field: 'target', kinds: '*' }, key: ['party', 'target'] },
  { list: 'operations', type: 'OPERATES', from: { field: 'party', kinds: ['parties'] }, to: { field: 'service', kinds: ['services'] }, key: ['party', 'service'] },
  { list: 'scores', type: 'SCORES', from: { field: 'scenario', kinds: ['scenarios'] }, to: { field: 'criterion', kinds: ['impactCriteria'] }, key: ['scenario', 'criterion'] },
  { list: 'consequences', type: 'CAUSES', from: { field: 'from', kinds: ['services', 'capabilities'] }, to: { field: 'criterion', kinds: ['impactCriteria'] }, key: ['from', 'criterion'] },
];

/** References held as fields of nodes; in the graph they are relationships. */
export const NODE_REFERENCES = [
  { list: 'impactCriteria', field: 'vitalInterest', kinds: ['vitalInterests'], type: 'MEASURES', many: false },
  { list: 'incidentCategories', field: 'threats', kinds: ['threats'], type: 'OF_THREAT', many: true },
  { list: 'scenarios', field: 'incidentCategory', kinds: ['incidentCategories'], type: 'INSTANCE_OF', many: false },
  { list: 'services', field: 'sector', kinds: ['sectors'], type: 'PART_OF', many: false },
] as const satisfies readonly { list: NodeList; field: string; kinds: readonly NodeList[]; type: string; many: boolean }[];
