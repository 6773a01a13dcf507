// Role checks for resolvers: who may change the model and who may start simulations.
import { ForbiddenError, UserError } from '../domain/errors.js';
import type { Context } from './context.js';
import { canSeeNode, canSeeRelationship, type Role } from '../domain/viewer.js';

/** Throws FORBIDDEN unless the viewer has one of the roles (admins always pass). */
export function requireRole(ctx: Context, roles: readonly Role[], action: string): void {
  if (ctx.viewer.admin || roles.includes(ctx.viewer.role)) return;
  const anonymous = ctx.viewer.role === 'viewer' && ctx.viewer.subject === 'anonymous';
  const who = anonymous ? 'not signed in' : `a ${ctx.viewer.role}`;
  throw new UserError(
    `${action} needs the role ${roles.join(' or ')}; you are ${who}`,
    ctx.viewer.subject === 'anonymous' ? 'UNAUTHENTICATED' : 'FORBIDDEN',
  );
}

function forbidden(message: string): ForbiddenError {
  return new ForbiddenError(message);
}

/**
 * Non-admins change only what they may read: every id must name a node the viewer sees. An unseen node answers
 * NOT_FOUND, as a missing one does, so that a write does not reveal what a read hides.
 */
export async function requireVisible(
  ctx: Context,
  item: string,
  refs: readonly { field: string; id: string }[],
): Promise<void> {
  if (ctx.viewer.admin) return;
  const found = await ctx.loaders.node.loadMany(refs.map((r) => r.id));
  refs.forEach((r, i) => {
    const n = found[i];
    if (!n || n instanceof Error) throw new UserError(`${item}.${r.field}: "${r.id}" not found`, 'NOT_FOUND');
  });
}

/** Non-admins classify a node only so that they still see it (the access rule): public, or restricted and their own. */
export function requireNodeClassification(ctx: Context, item: string, classification: unknown, owner: unknown): void {
  if (canSeeNode(ctx.viewer, { classification, owner })) return;
  const c = (classification ?? 'public') as string;
  throw forbidden(
    c === 'restricted'
      ? `${item}.owner: a restricted item must be owned by your party ` +
          `(${ctx.viewer.party ? `"${ctx.viewer.party}"` : 'your token names none'}), got ` +
          `${owner == null ? 'none' : `"${String(owner)}"`}`
      : `${item}.classification: only admins may write "${c}" items`,
  );
}

/** Non-admins classify a relationship as non-public only when their party is one of its ends (who then reads it). */
export function requireRelationshipClassification(
  ctx: Context,
  item: string,
  classification: unknown,
  ends: readonly string[],
): void {
  if (canSeeRelationship(ctx.viewer, { classification }, ends)) return;
  const c = (classification ?? 'public') as string;
  throw forbidden(`${item}.classification: a ${c} relationship must have your party at one end`);
}
