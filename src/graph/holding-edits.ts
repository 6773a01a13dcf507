// A planner edits its own party's holdings with a reason: validated as the model format, written with an audit entry
// (who, when, why, before and after) and a model revision bump in one transaction, so that the gap analysis and the
// response caches see the change at once. Statements in cypher/holding-edits.cypher.
import { int, type Graph } from './graph.js';
import { validateItem } from '../model/validate.js';
import { NotFoundError, UserError } from '../domain/errors.js';
import type { Actor } from './mutation-repository.js';
import type { AuditEntry } from './audit-repository.js';

export interface HoldingKey {
  party: string;
  capability: string;
}
export interface HoldingValues {
  capacity: number;
  readiness: number;
  mobilisationHours: number;
}
export type HoldingEdit = Partial<HoldingValues>;

/** The audit trail's name for a holding (the same as the generic relationship mutations use). */
export const holdingTarget = (k: HoldingKey): string => `${k.party}→${k.capability}`;

/** Actions in the audit trail that change a holding. */
export const HOLDING_ACTIONS = ['create:holdings', 'update:holdings', 'edit:holdings'] as const;

const MAX_REASON = 1000;

function values(props: Record<string, unknown>): HoldingValues {
  return {
    capacity: Number(props.capacity),
    readiness: Number(props.readiness ?? 1),
    mobilisationHours: Number(props.mobilisationHours ?? 0),
  };
}

export async function editHolding(
  graph: Graph,
  key: HoldingKey,
  edit: HoldingEdit,
  reason: string,
  actor: Actor,
): Promise<HoldingValues> {
  const why = reason.trim();
  const item = `holdings (${holdingTarget(key)})`;
  if (!why) throw new UserError(`${item}.reason: say why the holding changes`, 'BAD_USER_INPUT');
  if (why.length > MAX_REASON) {
    throw new UserError(`${item}.reason: at most ${MAX_REASON} characters`, 'BAD_USER_INPUT');
  }
  const changes = Object.fromEntries(Object.entries(edit).filter(([, v]) => v !== undefined && v !== null));
  if (!Object.keys(changes).length) {
    throw new UserError(`${item}: give capacity, readiness or mobilisationHours`, 'BAD_USER_INPUT');
  }
  return graph.writeTransaction(async (tx) => {
    const rows = await tx.run('holding-edits', 'lockHolding', { ...key });
    if (!rows.length) throw new NotFoundError('holdings', holdingTarget(key));
    const props = rows[0]!.props as Record<string, unknown>;
    const before = values(props);
    // The whole item as the model format has it, so that the format's rules (ranges, types) apply unchanged.
    const merged = validateItem<Record<string, unknown>>('holdings', { ...props, ...key, ...changes });
    const after = values(merged);
    await tx.run('holding-edits', 'setHolding', { ...key, ...after });
    await tx.run('model', 'bumpModelRevision');
    await tx.run('audit', 'recordAudit', {
      subject: actor.viewer.subject,
      role: actor.viewer.role,
      party: actor.viewer.party,
      action: 'edit:holdings',
      target: holdingTarget(key),
      details: JSON.stringify({ reason: why, before, after }),
      requestId: actor.requestId,
    });
    return after;
  });
}

export async function holdingHistory(graph: Graph, key: HoldingKey, limit: number): Promise<AuditEntry[]> {
  const rows = await graph.read('holding-edits', 'holdingHistory', {
    target: holdingTarget(key),
    actions: [...HOLDING_ACTIONS],
    limit: int(limit),
  });
  return rows.map((r) => r.entry as AuditEntry);
}
