// The audit trail over GraphQL: who changed what and when (admins only).
import { builder } from './builder.js';
import { requireRole } from './auth.js';
import { listAudit, type AuditEntry } from '../graph/audit-repository.js';

const AuditEntryRef = builder.objectRef<AuditEntry>('AuditEntry').implement({
  description: 'One recorded mutation.',
  fields: (t) => ({
    id: t.exposeID('id'),
    at: t.exposeString('at'),
    subject: t.exposeString('subject'),
    role: t.exposeString('role'),
    party: t.string({ nullable: true, resolve: (e) => e.party ?? null }),
    action: t.exposeString('action', { description: 'e.g. create:services, update:dependencies, delete:parties' }),
    target: t.exposeString('target'),
    details: t.field({ type: 'JSON', resolve: (e) => JSON.parse(e.details) as unknown }),
    requestId: t.string({ nullable: true, resolve: (e) => e.requestId ?? null }),
  }),
});

builder.queryField('auditLog', (t) =>
  t.field({
    type: [AuditEntryRef],
    description: 'Recorded mutations, newest first.',
    args: { target: t.arg.id(), subject: t.arg.string(), limit: t.arg.int({ defaultValue: 100 }) },
    resolve: (_r, args, ctx) => {
      requireRole(ctx, ['admin'], 'reading the audit trail');
      return listAudit(ctx.graph, {
        target: args.target ? String(args.target) : null,
        subject: args.subject ?? null,
        limit: Math.max(1, Math.min(args.limit ?? 100, 1000)),
      });
    },
  }),
);
