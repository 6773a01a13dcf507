// The gap overlay's data: gapAnalysis over the scenarios the viewer may see (balance rows, overcapacity, lead
// conflicts and the doubtful lists).
import { gql } from './api';
import { fmt, t } from './i18n';
import { GAP_ANALYSIS, type GapAnswer } from './queries';

export interface Balance {
  required: number;
  available: number;
  shortfall: number;
}
export interface GapOverlay {
  /** Capabilities whose shortfall is above zero. */
  shortfalls: Map<string, Balance>;
  /** Nodes flagged as duplicates (overcapacity with several holders, several lead parties), with the reasons. */
  duplicates: Map<string, string[]>;
  /** Items listed without a quantity: tasks needing no capability, unheld capabilities, targets without a lead. */
  doubtful: { title: string; ids: string[] }[];
  scenarioCount: number;
}

export async function loadGaps(): Promise<GapOverlay> {
  const g = (await gql<GapAnswer>(GAP_ANALYSIS)).gapAnalysis;
  const shortfalls = new Map<string, Balance>();
  const duplicates = new Map<string, string[]>();
  const flag = (id: string, why: string) => duplicates.set(id, [...(duplicates.get(id) ?? []), why]);
  for (const b of g.balance) {
    const { required, available, shortfall } = b;
    if (shortfall > 0) shortfalls.set(b.capability.id, { required, available, shortfall });
    if (b.duplicate) {
      flag(b.capability.id, t('gaps.overcapacity', { available: fmt(available, 0), required: fmt(required, 0) }));
    }
  }
  for (const m of g.multipleLeads) {
    const names = m.leads.map((p) => p.name).join(', ');
    if (m.target) flag(m.target.id, t('gaps.leads', { count: m.leads.length, names }));
  }
  const doubtful = (['uncoveredTasks', 'unheldCapabilities', 'targetsWithoutLead'] as const)
    .map((f) => ({ title: t(`gaps.${f}`), ids: g[f].map((x) => x.id) }))
    .filter((d) => d.ids.length);
  return { shortfalls, duplicates, doubtful, scenarioCount: g.scenarios.length };
}
