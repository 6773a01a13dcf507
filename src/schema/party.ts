// GraphQL party role: what a ministry (or any party) sees when it explores its part in national security.
import { builder } from './builder.js';
import { EntityRef, NodeRefs } from './entities.js';
import type { Context } from './context.js';
import type { NodeRecord } from '../graph/api-repository.js';
import { DEFAULT_OVERCAPACITY_FACTOR, partyPart } from '../analysis/balance.js';
import {
  analyseGaps,
  CapabilityBalanceRef,
  LeadConflictRef,
  type BalanceView,
  type GapAnalysisView,
  type LeadConflictView,
} from './gaps.js';
import type { PlanningData } from '../graph/analysis-repository.js';

/** A party's role as one visibility class sees it at one model revision (all scenarios, all phases). */
export interface PartyRoleView {
  leadFor: NodeRecord[];
  supportFor: NodeRecord[];
  operatedServices: NodeRecord[];
  capabilityBalance: BalanceView[];
  gaps: BalanceView[];
  duplicates: BalanceView[];
  sharedLeads: LeadConflictView[];
  dependentTasks: NodeRecord[];
  dependentScenarios: NodeRecord[];
}

const byId = (a: NodeRecord, b: NodeRecord) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Derives a party's role from the planning inputs and the whole-model gap analysis. */
export function partyRole(partyId: string, data: PlanningData, whole: GapAnalysisView): PartyRoleView {
  const nodes = (ids: Iterable<string>) =>
    [...new Set(ids)]
      .map((id) => data.nodes.get(id))
      .filter((n): n is NodeRecord => !!n)
      .sort(byId);
  const targets = (role: string) =>
    nodes(data.responsibilities.filter((r) => r.party === partyId && r.role === role).map((r) => r.target));
  // The capabilities the party holds, as the viewer sees the holdings, and those it leads.
  const held = new Set(data.holdings.filter((h) => h.party === partyId).map((h) => h.capability));
  const led = new Set(
    data.responsibilities.filter((r) => r.party === partyId && r.role === 'lead').map((r) => r.target),
  );
  const balanceOf = new Map(whole.balance.map((b) => [b.capability.id, b]));
  const ids = (rows: readonly BalanceView[]) => rows.map((b) => ({ capability: b.capability.id }));
  const part = partyPart(data, { gaps: ids(whole.gaps), duplicates: ids(whole.duplicates) }, partyId);
  const view = (rows: { capability: string; holds: boolean; leads: boolean }[]): BalanceView[] =>
    rows.map((r) => ({ ...balanceOf.get(r.capability)!, partyHolds: r.holds, partyLeads: r.leads }));
  const taskIds = new Set(data.needs.filter((n) => held.has(n.capability)).map((n) => n.task));
  const scenarioIds = new Set(data.requirements.filter((r) => taskIds.has(r.task)).map((r) => r.scenario));
  return {
    leadFor: targets('lead'),
    supportFor: targets('support'),
    operatedServices: nodes(data.operations.filter((o) => o.party === partyId).map((o) => o.service)),
    capabilityBalance: whole.balance.filter((b) => held.has(b.capability.id) || led.has(b.capability.id)),
    gaps: view(part.gaps),
    duplicates: view(part.duplicates),
    sharedLeads: whole.multipleLeads.filter((m) => m.leads.some((l) => l.id === partyId)),
    dependentTasks: (data.tasks as NodeRecord[]).filter((x) => taskIds.has(x.id)).sort(byId),
    dependentScenarios: (data.scenarios as NodeRecord[]).filter((x) => scenarioIds.has(x.id)).sort(byId),
  };
}

/** The party's role for this request's revision and viewer, derived once per cache entry. */
async function roleOf(party: NodeRecord, ctx: Context): Promise<PartyRoleView> {
  return ctx.analysis.memo('partyRole', { party: party.id }, async (entry) => {
    const [data, whole] = await Promise.all([entry.planningData(), analyseGaps('party', {}, ctx)]);
    return partyRole(party.id, data, whole);
  });
}

builder.objectFields(NodeRefs.parties!, (t) => ({
  leadFor: t.field({
    type: [EntityRef],
    description: 'Targets this party is first responsible for.',
    resolve: async (p, _a, ctx) => (await roleOf(p, ctx)).leadFor,
  }),
  supportFor: t.field({
    type: [EntityRef],
    description: 'Targets this party supports.',
    resolve: async (p, _a, ctx) => (await roleOf(p, ctx)).supportFor,
  }),
  operatedServices: t.field({
    type: [NodeRefs.services!],
    description: 'Vital services this party operates.',
    resolve: async (p, _a, ctx) => (await roleOf(p, ctx)).operatedServices,
  }),
  capabilityBalance: t.field({
    type: [CapabilityBalanceRef],
    description: 'The balance (all scenarios, all phases) of every capability this party holds or leads.',
    resolve: async (p, _a, ctx) => (await roleOf(p, ctx)).capabilityBalance,
  }),
  gaps: t.field({
    type: [CapabilityBalanceRef],
    description:
      'Capabilities this party holds or leads that fall short (all scenarios, all phases), largest ' +
      'shortfall first; partyHolds and partyLeads say which.',
    resolve: async (p, _a, ctx) => (await roleOf(p, ctx)).gaps,
  }),
  duplicates: t.field({
    type: [CapabilityBalanceRef],
    description:
      'Capabilities this party holds or leads with overcapacity (available > ' +
      `${DEFAULT_OVERCAPACITY_FACTOR} × required, two or more holders); partyHolds and partyLeads say which.`,
    resolve: async (p, _a, ctx) => (await roleOf(p, ctx)).duplicates,
  }),
  sharedLeads: t.field({
    type: [LeadConflictRef],
    description: 'Targets where this party is one of two or more lead parties.',
    resolve: async (p, _a, ctx) => (await roleOf(p, ctx)).sharedLeads,
  }),
  dependentTasks: t.field({
    type: [NodeRefs.tasks!],
    description: 'Tasks that need a capability this party holds (NEEDS).',
    resolve: async (p, _a, ctx) => (await roleOf(p, ctx)).dependentTasks,
  }),
  dependentScenarios: t.field({
    type: [NodeRefs.scenarios!],
    description: 'Scenarios that require such a task (REQUIRES → NEEDS → a capability this party holds).',
    resolve: async (p, _a, ctx) => (await roleOf(p, ctx)).dependentScenarios,
  }),
}));

builder.queryField('party', (t) =>
  t.field({
    type: NodeRefs.parties!,
    nullable: true,
    description:
      'A party and its role: responsibilities, holdings, dependent tasks and scenarios, ' +
      'its part in gaps and duplicates. Null when unknown or not visible to the viewer (as ' +
      'node(id)).',
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, args, ctx) => {
      // The visible parties come with the planning inputs, so the role fields need no further read.
      const n = (await ctx.analysis.planningData()).nodes.get(String(args.id));
      return n && n.__label === 'Party' ? n : null;
    },
  }),
);
