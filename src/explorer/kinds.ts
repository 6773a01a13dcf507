// Node kinds as the explorer shows them: colour (colour-blind-safe palette), shape and a readable label.

export interface KindStyle { label: string; plural: string; color: string; text: string; shape: string }

export const KINDS = {
  Threat: { label: 'Threat', plural: 'Threats', color: '#D55E00', text: '#fff', shape: 'triangle' },
  IncidentCategory: { label: 'Incident category', plural: 'Incident categories', color: '#E69F00', text: '#000', shape: 'vee' },
  Scenario: { label: 'Scenario', plural: 'Scenarios', color: '#CC79A7', text: '#000', shape: 'diamond' },
  Task: { label: 'Task', plural: 'Tasks', color: '#0072B2', text: '#fff', shape: 'round-rectangle' },
  Capability: { label: 'Capability', plural: 'Capabilities', color: '#009E73', text: '#fff', shape: 'hexagon' },
  Service: { label: 'Service', plural: 'Services', color: '#56B4E9', text: '#000', shape: 'ellipse' },
  Sector: { label: 'Sector', plural: 'Sectors', color: '#F0E442', text: '#000', shape: 'barrel' },
  Party: { label: 'Party', plural: 'Parties', color: '#4B3A8C', text: '#fff', shape: 'round-tag' },
  VitalInterest: { label: 'Vital interest', plural: 'Vital interests', color: '#882255', text: '#fff', shape: 'star' },
  ImpactCriterion: { label: 'Impact criterion', plural: 'Impact criteria', color: '#999933', text: '#000', shape: 'tag' },
} as const satisfies Record<string, KindStyle>;

export type Kind = keyof typeof KINDS;
export const KIND_ORDER = Object.keys(KINDS) as Kind[];

/** Kinds the brief puts in the default view; criteria and vital interests are one click away. */
export const DEFAULT_KINDS: Kind[] = ['Threat', 'IncidentCategory', 'Scenario', 'Task', 'Capability', 'Service', 'Sector', 'Party'];

export function isKind(k: string): k is Kind { return k in KINDS; }

/** Relationship types with a short reading for the details panel. */
export const REL_LABEL: Record<string, [string, string]> = {
  OF_THREAT: ['of threat', 'incident category'],
  INSTANCE_OF: ['instance of', 'scenario'],
  DISRUPTS: ['disrupts', 'disrupted by'],
  REQUIRES: ['requires', 'required by'],
  PART_OF: ['part of', 'contains'],
  DEPENDS_ON: ['depends on', 'dependent'],
  TRIGGERS: ['triggers', 'triggered by'],
  NEEDS: ['needs', 'needed by'],
  HOLDS: ['holds', 'held by'],
  MITIGATES: ['mitigates', 'mitigated by'],
  RESPONSIBLE_FOR: ['responsible for', 'responsibility of'],
  OPERATES: ['operates', 'operated by'],
  MEASURES: ['measures', 'measured by'],
  SCORES: ['scores', 'scored by'],
};
