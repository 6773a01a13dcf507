// Planning cycles over GraphQL: cycles and their decisions, the comparison of two, and (planners) open, decide, close.
// Semantics: docs/reports.md. Decisions about items the viewer may not see are left out, as in every read.
import { builder } from './builder.js';
import { requireRole } from './auth.js';
import type { Context } from './context.js';
import {
  closeCycle,
  compareCycleIds,
  getCycle,
  listCycles,
  openCycle,
  recordDecision,
  type CycleInfo,
} from '../graph/cycle-repository.js';
import { exportModel } from '../graph/model-repository.js';
import { visibleModel } from '../report/visibility.js';
import type { CycleComparison, DecisionKind } from '../analysis/cycle.js';
import type { MeasureStatus } from '../model/schema.js';
import { NotFoundError } from '../domain/errors.js';
import { CycleStatusEnum, DecisionKindEnum, MeasureStatusEnum } from './enums.js';

type DecisionView = CycleInfo['decisions'][number];
type CycleRow = Omit<CycleInfo, 'decisions' | 'priorities' | 'runs' | 'checksum' | 'openedBy' | 'closedBy'> &
  Partial<CycleInfo>;

/** Ids of scenarios and measures the viewer may see in the current model. */
async function visibleTargets(ctx: Context): Promise<Set<string>> {
  const model = visibleModel(await exportModel(ctx.graph), ctx.viewer);
  const measures = (model as unknown as { measures?: { id: string }[] }).measures ?? [];
  return new Set([...model.scenarios.map((s) => s.id), ...measures.map((m) => m.id)]);
}

async function forViewer(ctx: Context, c: CycleInfo): Promise<CycleInfo> {
  if (ctx.viewer.admin) return c;
  const seen = await visibleTargets(ctx);
  const decisions = c.decisions.filter((d) => seen.has(d.target));
  return { ...c, decisions, priorities: c.priorities.filter((p) => seen.has(p)) };
}

const DecisionRef = builder.objectRef<DecisionView>('CycleDecision').implement({
  description: 'A decision of the cabinet recorded in a cycle.',
  fields: (t) => ({
    id: t.exposeID('id'),
    seq: t.exposeInt('seq', { description: 'Order within the cycle.' }),
    kind: t.field({ type: DecisionKindEnum, resolve: (d) => d.kind as DecisionKind }),
    target: t.exposeID('target', { description: 'The scenario (priority) or measure (measure, status).' }),
    status: t.field({ type: MeasureStatusEnum, nullable: true, resolve: (d) => d.status as MeasureStatus | null }),
    owner: t.id({ nullable: true, resolve: (d) => d.owner }),
    date: t.exposeString('date', { description: 'The day of the decision (YYYY-MM-DD).' }),
    note: t.string({ nullable: true, resolve: (d) => d.note }),
    recordedBy: t.exposeString('recordedBy'),
    recordedAt: t.exposeString('recordedAt'),
  }),
});

const CycleRef = builder.objectRef<CycleRow>('Cycle').implement({
  description: 'A planning cycle: open while decisions are recorded, frozen once closed (docs/reports.md).',
  fields: (t) => ({
    id: t.exposeID('id'),
    status: t.field({ type: CycleStatusEnum, resolve: (c) => c.status }),
    note: t.string({ nullable: true, resolve: (c) => c.note }),
    openedAt: t.exposeString('openedAt'),
    closedAt: t.string({ nullable: true, resolve: (c) => c.closedAt }),
    checksum: t.string({
      nullable: true,
      description: 'SHA-256 of the frozen model.',
      resolve: async (c, _a, ctx) => (await full(ctx, c)).checksum,
    }),
    runs: t.idList({
      description: 'The finished simulation runs the frozen assessment used.',
      resolve: async (c, _a, ctx) => (await full(ctx, c)).runs,
    }),
    priorities: t.idList({ resolve: async (c, _a, ctx) => (await full(ctx, c)).priorities }),
    decisions: t.field({ type: [DecisionRef], resolve: async (c, _a, ctx) => (await full(ctx, c)).decisions }),
  }),
});

async function full(ctx: Context, c: CycleRow): Promise<CycleInfo> {
  return forViewer(ctx, c.decisions ? (c as CycleInfo) : await getCycle(ctx.graph, c.id));
}

const MovedRef = builder.objectRef<CycleComparison['moved'][number]>('CycleRiskMove').implement({
  fields: (t) => ({
    scenario: t.exposeID('scenario'),
    rankBefore: t.int({ nullable: true, resolve: (m) => m.rankBefore }),
    rankAfter: t.int({ nullable: true, resolve: (m) => m.rankAfter }),
    classBefore: t.string({ nullable: true, description: 'likelihood/impact class', resolve: (m) => m.classBefore }),
    classAfter: t.string({ nullable: true, resolve: (m) => m.classAfter }),
  }),
});
const ProgressedRef = builder.objectRef<CycleComparison['progressed'][number]>('MeasureProgress').implement({
  fields: (t) => ({
    measure: t.exposeID('measure'),
    before: t.field({ type: MeasureStatusEnum, nullable: true, resolve: (m) => m.before as MeasureStatus | null }),
    after: t.field({ type: MeasureStatusEnum, resolve: (m) => m.after as MeasureStatus }),
  }),
});
const OverdueRef = builder.objectRef<CycleComparison['overdue'][number]>('OverdueMeasure').implement({
  fields: (t) => ({
    measure: t.exposeID('measure'),
    decidedOn: t.exposeString('decidedOn'),
    dueOn: t.exposeString('dueOn'),
    status: t.field({ type: MeasureStatusEnum, resolve: (m) => m.status as MeasureStatus }),
  }),
});
const ComparisonRef = builder.objectRef<CycleComparison>('CycleComparison').implement({
  description: 'What moved between two cycles, as the viewer sees their models.',
  fields: (t) => ({
    from: t.exposeID('from'),
    to: t.exposeID('to'),
    moved: t.field({ type: [MovedRef], resolve: (c) => c.moved }),
    gapsClosed: t.exposeIDList('gapsClosed'),
    gapsOpened: t.exposeIDList('gapsOpened'),
    progressed: t.field({ type: [ProgressedRef], resolve: (c) => c.progressed }),
    overdue: t.field({ type: [OverdueRef], resolve: (c) => c.overdue }),
  }),
});

builder.queryField('cycles', (t) =>
  t.field({
    type: [CycleRef],
    description: 'The planning cycles, oldest first.',
    resolve: (_r, _a, ctx) => listCycles(ctx.graph) as Promise<CycleRow[]>,
  }),
);
builder.queryField('cycle', (t) =>
  t.field({
    type: CycleRef,
    nullable: true,
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_r, args, ctx) => {
      try {
        return await getCycle(ctx.graph, String(args.id));
      } catch (e) {
        if (e instanceof NotFoundError) return null;
        throw e;
      }
    },
  }),
);
builder.queryField('compareCycles', (t) =>
  t.field({
    type: ComparisonRef,
    args: { from: t.arg.id({ required: true }), to: t.arg.id({ required: true }) },
    resolve: (_r, args, ctx) =>
      compareCycleIds(ctx.graph, String(args.from), String(args.to), (m) => visibleModel(m, ctx.viewer)),
  }),
);

builder.mutationField('openCycle', (t) =>
  t.field({
    type: CycleRef,
    description: 'Opens a planning cycle (planner; audited).',
    args: { id: t.arg.id({ required: true }), note: t.arg.string() },
    resolve: (_r, args, ctx) => {
      requireRole(ctx, ['planner'], 'opening a cycle');
      return openCycle(ctx.graph, ctx.viewer, String(args.id), args.note ?? null, ctx.requestId);
    },
  }),
);
builder.mutationField('closeCycle', (t) =>
  t.field({
    type: CycleRef,
    description: 'Freezes a cycle: the model, its assessment and the newest runs (planner; audited).',
    args: { id: t.arg.id({ required: true }) },
    resolve: (_r, args, ctx) => {
      requireRole(ctx, ['planner'], 'closing a cycle');
      return closeCycle(ctx.graph, ctx.viewer, String(args.id), ctx.requestId);
    },
  }),
);
const DecisionInput = builder.inputType('CycleDecisionInput', {
  fields: (t) => ({
    cycle: t.id({ required: true }),
    kind: t.field({ type: DecisionKindEnum, required: true }),
    target: t.id({ required: true }),
    status: t.field({ type: MeasureStatusEnum, description: 'The new status (kind status).' }),
    owner: t.id(),
    date: t.string({ description: 'YYYY-MM-DD; today when absent' }),
    note: t.string(),
  }),
});
builder.mutationField('recordDecision', (t) =>
  t.field({
    type: CycleRef,
    description: 'Records a decision in an open cycle (planner; audited).',
    args: { input: t.arg({ type: DecisionInput, required: true }) },
    resolve: async (_r, { input }, ctx) => {
      requireRole(ctx, ['planner'], 'recording a decision');
      const seen = ctx.viewer.admin ? null : await visibleTargets(ctx);
      // A target the planner may not see answers as an unknown one.
      const target = String(input.target);
      const i = {
        ...input,
        cycle: String(input.cycle),
        target: seen && !seen.has(target) ? `\u0000${target}` : target,
        owner: input.owner == null ? null : String(input.owner),
      };
      try {
        return await recordDecision(ctx.graph, ctx.viewer, i, ctx.requestId);
      } catch (e) {
        if (e instanceof Error) e.message = e.message.replace('\u0000', '');
        throw e;
      }
    },
  }),
);
