// GraphQL party role: what a ministry (or any party) sees when it explores its part in national security.
import { builder } from './builder.js';
import { EntityRef, NodeRefs } from './entities.js';
import type { Context } from './context.js';
import type { NodeRecord } from '../graph/api-repository.js';
import { gapReport, DEFAULT_OVERCAPACITY_FACTOR, type BalanceOptions } from '../analysis/balance.js';
import { CapabilityBalanceRef, gapView, LeadConflictRef, type GapAnalysisView } from './gaps.js';
import { planningDataFor } from './risk.js';
import type { PlanningData } from '../graph/analysis-repository.js';

const wholeModelCache = new WeakMap<object, Promise<{ data: PlanningData; gaps: GapAnalysisView }>>();

/** The gap analysis over all scenarios and phases, once per request: a party's share is read from it. */
function wholeModel(ctx: Context): Promise<{ data: PlanningData; gaps: GapAnalysisView }> {
  let p = wholeModelCache.get(ctx);
  if (!p) {
    p = planningDataFor(ctx).then((data) => {
      const options: BalanceOptions = { scenarios: data.scenarios.map((s) => s.id), phases: null, overcapacityFactor: DEFAULT_OVERCAPACITY_FACTOR };
      return { data, gaps: gapView(data, gapReport(data, options), data.scenarios, options) };
    });
    wholeModelCache.set(ctx, p);
  }
  return p;
}

async function targetsOf(party: NodeRecord, role: string, ctx: Context): Promise<NodeRecord[]> {
  const { data } = await wholeModel(ctx);
  const ids = data.responsibilities.filter((r) => r.party === party.id && r.role === role).map((r) => r.target);
  return ids.map((id) => data.nodes.get(id)).filter((n): n is NodeRecord => !!n).sort((a, b) => (a.id < b.id ? -1 : 1));
}

/** Ids of the capabilities the party holds (as the viewer sees the holdings). */
async function heldBy(party: NodeRecord, ctx: Context): Promise<Set<string>> {
  const { data } = await wholeModel(ctx);
  return new Set(data.holdings.filter((h) => h.party === party.id).map((h) => h.capability));
}

async function dependentTaskIds(party: NodeRecord, ctx: Context): Promise<Set<string>> {
  const { data } = await wholeModel(ctx);
  const held = await heldBy(party, ctx);
  return new Set(data.needs.filter((n) => held.has(n.capability)).map((n) => n.task));
}

builder.objectFields(NodeRefs.parties!, (t) => ({
  leadFor: t.field({ type: [EntityRef], description: 'Targets this party is first responsible for.', resolve: (p, _a, ctx) => targetsOf(p, 'lead', ctx) }),
  supportFor: t.field({ type: [EntityRef], description: 'Targets this party supports.', resolve: (p, _a, ctx) => targetsOf(p, 'support', ctx) }),
  operatedServices: t.field({
    type: [NodeRefs.services!],
    description: 'Vital services this party operates.',
    resolve: async (p, _a, ctx) => {
      const { data } = await wholeModel(ctx);
      return data.operations.filter((o) => o.party === p.id).map((o) => data.nodes.get(o.service)).filter((n): n is NodeRecord => !!n).sort((a, b) => (a.id < b.id ? -1 : 1));
    },
  }),
  capabilityBalance: t.field({
    type: [CapabilityBalanceRef],
    description: 'The balance (all scenarios, all phases) of every capability this party holds.',
    resolve: async (p, _a, ctx) => {
      const held = await heldBy(p, ctx);
      return (await wholeModel(ctx)).gaps.balance.filter((b) => held.has(b.capability.id));
    },
  }),
  gaps: t.field({
    type: [CapabilityBalanceRef],
    description: 'Capabilities this party holds that fall short (all scenarios, all phases), largest shortfall first.',
    resolve: async (p, _a, ctx) => {
      const held = await heldBy(p, ctx);
      return (await wholeModel(ctx)).gaps.gaps.filter((b) => held.has(b.capability.id));
    },
  }),
  duplicates: t.field({
    type: [CapabilityBalanceRef],
    description: `Capabilities this party holds with overcapacity (available > ${DEFAULT_OVERCAPACITY_FACTOR} × required, two or more holders).`,
    resolve: async (p, _a, ctx) => {
      const held = await heldBy(p, ctx);
      return (await wholeModel(ctx)).gaps.duplicates.filter((b) => held.has(b.capability.id));
    },
  }),
  sharedLeads: t.field({
    type: [LeadConflictRef],
    description: 'Targets where this party is one of two or more lead parties.',
    resolve: async (p, _a, ctx) => (await wholeModel(ctx)).gaps.multipleLeads.filter((m) => m.leads.some((l) => l.id === p.id)),
  }),
  dependentTasks: t.field({
    type: [NodeRefs.tasks!],
    description: 'Tasks that need a capability this party holds (NEEDS).',
    resolve: async (p, _a, ctx) => {
      const ids = await dependentTaskIds(p, ctx);
      return ((await wholeModel(ctx)).data.tasks as NodeRecord[]).filter((x) => ids.has(x.id)).sort((a, b) => (a.id < b.id ? -1 : 1));
    },
  }),
  dependentScenarios: t.field({
    type: [NodeRefs.scenarios!],
    description: 'Scenarios that require such a task (REQUIRES → NEEDS → a capability this party holds).',
    resolve: async (p, _a, ctx) => {
      const tasks = await dependentTaskIds(p, ctx);
      const { data } = await wholeModel(ctx);
      const ids = new Set(data.requirements.filter((r) => tasks.has(r.task)).map((r) => r.scenario));
      return (data.scenarios as NodeRecord[]).filter((s) => ids.has(s.id)).sort((a, b) => (a.id < b.id ? -1 : 1));
    },
  }),
}));

builder.queryField('party', (t) =>
  t.field({
    type: NodeRefs.parties!,
    nullable: true,
    description: 'A party and its role: responsibilities, holdings, dependent tasks and scenarios, its part in gaps and duplicates. Null when unknown or not visible to the viewer (as node(id)).',
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, args, ctx) => {
      // The visible parties come with the planning inputs, so the role fields need no further read.
      const n = (await wholeModel(ctx)).data.nodes.get(String(args.id));
      return n && n.__label === 'Party' ? n : null;
    },
  }),
);
