// A party with the planner role keeps its own holdings current (capacity, readiness, mobilisation time) with a
// reason; each edit is in the audit trail, and the party's planners read a holding's history.
import { GraphQLError } from 'graphql';
import { builder } from './builder.js';
import { requireRole, requireVisible } from './auth.js';
import type { Context } from './context.js';
import { editHolding, holdingHistory, type HoldingKey, type HoldingValues } from '../graph/holding-edits.js';
import type { AuditEntry } from '../graph/audit-repository.js';

/** Planners change the holdings of their own party only; admins any. Both ends must be visible (else NOT_FOUND). */
async function requireOwnHolding(ctx: Context, key: HoldingKey, action: string): Promise<void> {
  requireRole(ctx, ['planner'], action);
  if (!ctx.viewer.admin && ctx.viewer.party !== key.party) {
    const yours = ctx.viewer.party ? `your party is "${ctx.viewer.party}"` : 'your token names no party';
    throw new GraphQLError(`${action}: holdings of "${key.party}" belong to that party; ${yours}`, {
      extensions: { code: 'FORBIDDEN' },
    });
  }
  await requireVisible(ctx, `holdings (${key.party}→${key.capability})`, [
    { field: 'party', id: key.party },
    { field: 'capability', id: key.capability },
  ]);
}

const HoldingValuesRef = builder.objectRef<HoldingValues & HoldingKey>('HoldingValues').implement({
  description: 'A holding’s numbers after an edit.',
  fields: (t) => ({
    party: t.exposeID('party'),
    capability: t.exposeID('capability'),
    capacity: t.exposeFloat('capacity'),
    readiness: t.exposeFloat('readiness'),
    mobilisationHours: t.exposeFloat('mobilisationHours'),
  }),
});

interface Change {
  entry: AuditEntry;
  details: Record<string, unknown>;
}

const HoldingChangeRef = builder.objectRef<Change>('HoldingChange').implement({
  description: 'One change of a holding from the audit trail: who, when, why, and the numbers after it.',
  fields: (t) => ({
    at: t.string({ resolve: (c) => c.entry.at }),
    subject: t.string({ resolve: (c) => c.entry.subject }),
    role: t.string({ resolve: (c) => c.entry.role }),
    party: t.string({ nullable: true, resolve: (c) => c.entry.party ?? null }),
    action: t.string({
      description: 'create:holdings, update:holdings or edit:holdings',
      resolve: (c) => c.entry.action,
    }),
    reason: t.string({
      nullable: true,
      resolve: (c) => (typeof c.details.reason === 'string' ? c.details.reason : null),
    }),
    capacity: t.float({ nullable: true, resolve: (c) => num(after(c).capacity) }),
    readiness: t.float({ nullable: true, resolve: (c) => num(after(c).readiness) }),
    mobilisationHours: t.float({ nullable: true, resolve: (c) => num(after(c).mobilisationHours) }),
  }),
});

/** edit:holdings entries carry { reason, before, after }; create/update entries carry the item itself. */
const after = (c: Change) => (c.details.after ?? c.details) as Record<string, unknown>;
const num = (v: unknown) => (typeof v === 'number' ? v : null);

const HoldingEditInput = builder.inputType('HoldingEditInput', {
  description: 'The numbers of a holding to change; those left out stay as they are.',
  fields: (t) => ({ capacity: t.float(), readiness: t.float(), mobilisationHours: t.float() }),
});

builder.mutationField('editHolding', (t) =>
  t.field({
    type: HoldingValuesRef,
    description: 'A planner changes a holding of its own party, saying why; recorded in the audit trail.',
    args: {
      party: t.arg.id({ required: true }),
      capability: t.arg.id({ required: true }),
      edit: t.arg({ type: HoldingEditInput, required: true }),
      reason: t.arg.string({ required: true }),
    },
    resolve: async (_r, args, ctx) => {
      const key = { party: String(args.party), capability: String(args.capability) };
      await requireOwnHolding(ctx, key, 'editing a holding');
      const edit = {
        capacity: args.edit.capacity ?? undefined,
        readiness: args.edit.readiness ?? undefined,
        mobilisationHours: args.edit.mobilisationHours ?? undefined,
      };
      const actor = { viewer: ctx.viewer, requestId: ctx.requestId };
      const values = await editHolding(ctx.graph, key, edit, args.reason, actor);
      return { ...key, ...values };
    },
  }),
);

builder.queryField('holdingHistory', (t) =>
  t.field({
    type: [HoldingChangeRef],
    description: 'The changes of one holding, newest first; for the planners of its party and admins.',
    args: {
      party: t.arg.id({ required: true }),
      capability: t.arg.id({ required: true }),
      limit: t.arg.int({ defaultValue: 50 }),
    },
    resolve: async (_r, args, ctx) => {
      const key = { party: String(args.party), capability: String(args.capability) };
      await requireOwnHolding(ctx, key, 'reading a holding’s history');
      const entries = await holdingHistory(ctx.graph, key, Math.max(1, Math.min(args.limit ?? 50, 500)));
      return entries.map((entry) => ({ entry, details: JSON.parse(entry.details) as Record<string, unknown> }));
    },
  }),
);
