// The catalogue of node kinds and relationship lists: the one place that names each kind, its label in the graph,
// its GraphQL names and how the explorer draws it. Pure data (the explorer imports it too): the zod schema of each
// item lives in schema.ts, the per-kind Cypher is expanded from cypher/kinds.template.cypher (src/graph/statements.ts).

/** How the explorer shows a node kind: a readable name, colour (colour-blind-safe palette), shape, legend order. */
export interface KindStyle {
  label: string;
  plural: string;
  color: string;
  /** Text colour on `color`. */
  text: string;
  shape: string;
  /** Position in the explorer's legend and lists. */
  rank: number;
  /** Drawn in the explorer's default view (the others are one click away). */
  shown: boolean;
}

export interface NodeKindSpec {
  /** The list in the model format, and the root connection in GraphQL. */
  list: string;
  /** The label in the graph, and the GraphQL type name. */
  label: string;
  /** For messages: `services` → `service`. */
  singular: string;
  style: KindStyle;
  /** Roles that may create, change and delete items over GraphQL (admins always may); default planners. */
  editors?: readonly ('planner' | 'analyst')[];
}

export const NODE_KINDS = [
  {
    list: 'vitalInterests',
    label: 'VitalInterest',
    singular: 'vitalInterest',
    style: {
      label: 'Vital interest',
      plural: 'Vital interests',
      color: '#882255',
      text: '#fff',
      shape: 'star',
      rank: 8,
      shown: false,
    },
  },
  {
    list: 'impactCriteria',
    label: 'ImpactCriterion',
    singular: 'impactCriterion',
    style: {
      label: 'Impact criterion',
      plural: 'Impact criteria',
      color: '#999933',
      text: '#000',
      shape: 'tag',
      rank: 9,
      shown: false,
    },
  },
  {
    list: 'threats',
    label: 'Threat',
    singular: 'threat',
    style: {
      label: 'Threat',
      plural: 'Threats',
      color: '#D55E00',
      text: '#fff',
      shape: 'triangle',
      rank: 0,
      shown: true,
    },
  },
  {
    list: 'incidentCategories',
    label: 'IncidentCategory',
    singular: 'incidentCategory',
    style: {
      label: 'Incident category',
      plural: 'Incident categories',
      color: '#E69F00',
      text: '#000',
      shape: 'vee',
      rank: 1,
      shown: true,
    },
  },
  {
    list: 'scenarios',
    label: 'Scenario',
    singular: 'scenario',
    style: {
      label: 'Scenario',
      plural: 'Scenarios',
      color: '#CC79A7',
      text: '#000',
      shape: 'diamond',
      rank: 2,
      shown: true,
    },
  },
  {
    list: 'signals',
    label: 'Signal',
    singular: 'signal',
    editors: ['analyst'],
    style: {
      label: 'Signal',
      plural: 'Signals',
      color: '#AA4499',
      text: '#fff',
      shape: 'rhomboid',
      rank: 10,
      shown: false,
    },
  },
  {
    list: 'likelihoodRevisions',
    label: 'LikelihoodRevision',
    singular: 'likelihoodRevision',
    editors: ['analyst'],
    style: {
      label: 'Likelihood revision',
      plural: 'Likelihood revisions',
      color: '#DDCC77',
      text: '#000',
      shape: 'cut-rectangle',
      rank: 11,
      shown: false,
    },
  },
  {
    list: 'sectors',
    label: 'Sector',
    singular: 'sector',
    style: {
      label: 'Sector',
      plural: 'Sectors',
      color: '#F0E442',
      text: '#000',
      shape: 'barrel',
      rank: 6,
      shown: true,
    },
  },
  {
    list: 'services',
    label: 'Service',
    singular: 'service',
    style: {
      label: 'Service',
      plural: 'Services',
      color: '#56B4E9',
      text: '#000',
      shape: 'ellipse',
      rank: 5,
      shown: true,
    },
  },
  {
    list: 'tasks',
    label: 'Task',
    singular: 'task',
    style: {
      label: 'Task',
      plural: 'Tasks',
      color: '#0072B2',
      text: '#fff',
      shape: 'round-rectangle',
      rank: 3,
      shown: true,
    },
  },
  {
    list: 'capabilities',
    label: 'Capability',
    singular: 'capability',
    style: {
      label: 'Capability',
      plural: 'Capabilities',
      color: '#009E73',
      text: '#fff',
      shape: 'hexagon',
      rank: 4,
      shown: true,
    },
  },
  {
    list: 'parties',
    label: 'Party',
    singular: 'party',
    style: {
      label: 'Party',
      plural: 'Parties',
      color: '#4B3A8C',
      text: '#fff',
      shape: 'round-tag',
      rank: 7,
      shown: true,
    },
  },
  {
    list: 'measures',
    label: 'Measure',
    singular: 'measure',
    style: {
      label: 'Measure',
      plural: 'Measures',
      color: '#AA4499',
      text: '#fff',
      shape: 'pentagon',
      rank: 10,
      shown: false,
    },
  },
  {
    list: 'regions',
    label: 'Region',
    singular: 'region',
    style: {
      label: 'Region',
      plural: 'Regions',
      color: '#44AA99',
      text: '#000',
      shape: 'octagon',
      rank: 11,
      shown: false,
    },
  },
] as const satisfies readonly NodeKindSpec[];

export type NodeKind = (typeof NODE_KINDS)[number];
export type NodeList = NodeKind['list'];
export type NodeLabel = NodeKind['label'];

export const LABEL_OF: Record<NodeList, NodeLabel> = Object.fromEntries(
  NODE_KINDS.map((k) => [k.list, k.label]),
) as Record<NodeList, NodeLabel>;

/** The node list of each label: `Service` → `services` (the inverse of LABEL_OF). */
export const LIST_OF: Record<NodeLabel, NodeList> = Object.fromEntries(
  NODE_KINDS.map((k) => [k.label, k.list]),
) as Record<NodeLabel, NodeList>;

/** The singular name of each node list, for messages: `services` → `service`. */
export const SINGULAR_OF: Record<NodeList, string> = Object.fromEntries(
  NODE_KINDS.map((k) => [k.list, k.singular]),
) as Record<NodeList, string>;

/** A reference from one field to a node of one of the given kinds ('*' = any node). */
export interface Endpoint {
  field: string;
  kinds: readonly NodeList[] | '*';
}

interface RelationshipKindSpec {
  list: string;
  /** The relationship type in the graph. */
  type: string;
  from: Endpoint;
  to: Endpoint;
  /** Fields that identify one item in its list (for messages and duplicate checks). */
  key: readonly string[];
  /**
   * Key fields besides the two ends, kept as properties of the relationship: two items with the same ends and
   * different values here are two relationships in the graph (MERGE matches on them too).
   */
  keyProps?: readonly string[];
  /** The GraphQL object type of one item. */
  typeName: string;
  /** GraphQL fields on the node types: `out` on the `from` kind, `in` on the `to` kind. */
  fields: { out: string; in: string };
  /** The explorer's reading of the relationship from each end: [from the `from` node, from the `to` node]. */
  reading: readonly [string, string];
}

const RELATIONSHIPS = [
  {
    list: 'dependencies',
    type: 'DEPENDS_ON',
    typeName: 'Dependency',
    key: ['from', 'to'],
    from: { field: 'from', kinds: ['services'] },
    to: { field: 'to', kinds: ['services'] },
    fields: { out: 'dependsOn', in: 'dependents' },
    reading: ['depends on', 'dependent'],
  },
  {
    list: 'disruptions',
    type: 'DISRUPTS',
    typeName: 'Disruption',
    key: ['scenario', 'service'],
    from: { field: 'scenario', kinds: ['scenarios'] },
    to: { field: 'service', kinds: ['services'] },
    fields: { out: 'disruptions', in: 'disruptedBy' },
    reading: ['disrupts', 'disrupted by'],
  },
  {
    list: 'requirements',
    type: 'REQUIRES',
    typeName: 'Requirement',
    key: ['scenario', 'task'],
    from: { field: 'scenario', kinds: ['scenarios'] },
    to: { field: 'task', kinds: ['tasks'] },
    fields: { out: 'requirements', in: 'requiredBy' },
    reading: ['requires', 'required by'],
  },
  {
    list: 'triggers',
    type: 'TRIGGERS',
    typeName: 'Trigger',
    key: ['service', 'task'],
    from: { field: 'service', kinds: ['services'] },
    to: { field: 'task', kinds: ['tasks'] },
    fields: { out: 'triggers', in: 'triggeredBy' },
    reading: ['triggers', 'triggered by'],
  },
  {
    list: 'needs',
    type: 'NEEDS',
    typeName: 'Need',
    key: ['task', 'capability'],
    from: { field: 'task', kinds: ['tasks'] },
    to: { field: 'capability', kinds: ['capabilities'] },
    fields: { out: 'needs', in: 'neededBy' },
    reading: ['needs', 'needed by'],
  },
  {
    list: 'holdings',
    type: 'HOLDS',
    typeName: 'Holding',
    key: ['party', 'capability'],
    from: { field: 'party', kinds: ['parties'] },
    to: { field: 'capability', kinds: ['capabilities'] },
    fields: { out: 'holdings', in: 'holders' },
    reading: ['holds', 'held by'],
  },
  {
    list: 'mitigations',
    type: 'MITIGATES',
    typeName: 'Mitigation',
    key: ['capability', 'service'],
    from: { field: 'capability', kinds: ['capabilities'] },
    to: { field: 'service', kinds: ['services'] },
    fields: { out: 'mitigates', in: 'mitigatedBy' },
    reading: ['mitigates', 'mitigated by'],
  },
  {
    list: 'responsibilities',
    type: 'RESPONSIBLE_FOR',
    typeName: 'Responsibility',
    key: ['party', 'target'],
    from: { field: 'party', kinds: ['parties'] },
    to: { field: 'target', kinds: '*' },
    fields: { out: 'responsibilities', in: 'responsibleParties' },
    reading: ['responsible for', 'responsibility of'],
  },
  {
    list: 'operations',
    type: 'OPERATES',
    typeName: 'Operation',
    key: ['party', 'service'],
    from: { field: 'party', kinds: ['parties'] },
    to: { field: 'service', kinds: ['services'] },
    fields: { out: 'operates', in: 'operators' },
    reading: ['operates', 'operated by'],
  },
  {
    list: 'scores',
    type: 'SCORES',
    typeName: 'Score',
    key: ['scenario', 'criterion'],
    from: { field: 'scenario', kinds: ['scenarios'] },
    to: { field: 'criterion', kinds: ['impactCriteria'] },
    fields: { out: 'scores', in: 'scoredBy' },
    reading: ['scores', 'scored by'],
  },
  {
    list: 'consequences',
    type: 'CAUSES',
    typeName: 'Consequence',
    key: ['from', 'criterion'],
    from: { field: 'from', kinds: ['services', 'capabilities'] },
    to: { field: 'criterion', kinds: ['impactCriteria'] },
    fields: { out: 'consequences', in: 'causedBy' },
    reading: ['causes', 'caused by'],
  },
  {
    // The holding party is a third key field, kept as a property of the relationship (keyProps).
    list: 'effects',
    type: 'STRENGTHENS',
    typeName: 'Effect',
    key: ['measure', 'party', 'capability'],
    keyProps: ['party'],
    from: { field: 'measure', kinds: ['measures'] },
    to: { field: 'capability', kinds: ['capabilities'] },
    fields: { out: 'effects', in: 'measures' },
    reading: ['strengthens', 'strengthened by'],
  },
  {
    list: 'travelTimes',
    type: 'TRAVEL_TIME',
    typeName: 'TravelTime',
    key: ['from', 'to'],
    from: { field: 'from', kinds: ['regions'] },
    to: { field: 'to', kinds: ['regions'] },
    fields: { out: 'travelTimesFrom', in: 'travelTimesTo' },
    reading: ['travel time to', 'travel time from'],
  },
] as const satisfies readonly RelationshipKindSpec[];

export type RelationshipList = (typeof RELATIONSHIPS)[number]['list'];
export interface RelationshipKind extends RelationshipKindSpec {
  list: RelationshipList;
}

export const RELATIONSHIP_KINDS: readonly RelationshipKind[] = RELATIONSHIPS;

export interface NodeReferenceSpec {
  list: NodeList;
  field: string;
  kinds: readonly NodeList[];
  type: string;
  many: boolean;
  /** The GraphQL field on the referenced kind that lists the nodes referring to it. */
  reverse: string;
  /** The explorer's reading from each end, as for relationships. */
  reading: readonly [string, string];
}

/** References held as fields of nodes; in the graph they are relationships. */
export const NODE_REFERENCES = [
  {
    list: 'impactCriteria',
    field: 'vitalInterest',
    kinds: ['vitalInterests'],
    type: 'MEASURES',
    many: false,
    reverse: 'criteria',
    reading: ['measures', 'measured by'],
  },
  {
    list: 'incidentCategories',
    field: 'threats',
    kinds: ['threats'],
    type: 'OF_THREAT',
    many: true,
    reverse: 'incidentCategories',
    reading: ['of threat', 'incident category'],
  },
  {
    list: 'scenarios',
    field: 'incidentCategory',
    kinds: ['incidentCategories'],
    type: 'INSTANCE_OF',
    many: false,
    reverse: 'scenarios',
    reading: ['instance of', 'scenario'],
  },
  {
    list: 'signals',
    field: 'threats',
    kinds: ['threats'],
    type: 'SIGNALS_THREAT',
    many: true,
    reverse: 'signals',
    reading: ['signals', 'signalled by'],
  },
  {
    list: 'signals',
    field: 'incidentCategories',
    kinds: ['incidentCategories'],
    type: 'SIGNALS_CATEGORY',
    many: true,
    reverse: 'signals',
    reading: ['signals', 'signalled by'],
  },
  {
    list: 'signals',
    field: 'scenarios',
    kinds: ['scenarios'],
    type: 'SIGNALS_SCENARIO',
    many: true,
    reverse: 'signals',
    reading: ['signals', 'signalled by'],
  },
  {
    list: 'likelihoodRevisions',
    field: 'scenario',
    kinds: ['scenarios'],
    type: 'REVISES',
    many: false,
    reverse: 'likelihoodRevisions',
    reading: ['revises', 'revised by'],
  },
  {
    list: 'likelihoodRevisions',
    field: 'signals',
    kinds: ['signals'],
    type: 'BASED_ON',
    many: true,
    reverse: 'revisions',
    reading: ['based on', 'behind revision'],
  },
  {
    list: 'services',
    field: 'sector',
    kinds: ['sectors'],
    type: 'PART_OF',
    many: false,
    reverse: 'services',
    reading: ['part of', 'contains'],
  },
  {
    list: 'measures',
    field: 'lead',
    kinds: ['parties'],
    type: 'LED_BY',
    many: false,
    reverse: 'measures',
    reading: ['led by', 'leads'],
  },
  {
    list: 'parties',
    field: 'region',
    kinds: ['regions'],
    type: 'IN_REGION',
    many: false,
    reverse: 'parties',
    reading: ['in region', 'party'],
  },
  {
    list: 'scenarios',
    field: 'regions',
    kinds: ['regions'],
    type: 'AFFECTS',
    many: true,
    reverse: 'scenarios',
    reading: ['affects', 'affected by'],
  },
] as const satisfies readonly NodeReferenceSpec[];

export type NodeReference = (typeof NODE_REFERENCES)[number];

/** Every list of the model format, nodes first, in the order of the format. */
export const MODEL_LISTS = [...NODE_KINDS.map((k) => k.list), ...RELATIONSHIPS.map((r) => r.list)] as const;
export type ModelList = NodeList | RelationshipList;
