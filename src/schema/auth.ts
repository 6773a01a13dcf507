// Role checks for resolvers: who may change the model and who may start simulations.
import { GraphQLError } from 'graphql';
import type { Context } from './context.js';
import type { Role } from '../domain/viewer.js';

/** Throws FORBIDDEN unless the viewer has one of the roles (admins always pass). */
export function requireRole(ctx: Context, roles: readonly Role[], action: string): void {
  if (ctx.viewer.admin || roles.includes(ctx.viewer.role)) return;
  throw new GraphQLError(`${action} needs the role ${roles.join(' or ')}; you are ${ctx.viewer.role === 'viewer' && ctx.viewer.subject === 'anonymous' ? 'not signed in' : `a ${ctx.viewer.role}`}`, {
    extensions: { code: ctx.viewer.subject === 'anonymous' ? 'UNAUTHENTICATED' : 'FORBIDDEN' },
  });
}
