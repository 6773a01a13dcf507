// Ids do not reveal hidden items. A caller who is not an admin and creates an item with an id that belongs to an item
// they cannot see gets exactly the answer an invalid id gets (BAD_USER_INPUT, the item, the field `id`, one message
// for both), so creating items cannot be used to probe for hidden ids. The collision is recorded in the audit trail
// (action `refused-id:<list>`, target the id), where an admin finds it and resolves it: rename the hidden item, or
// tell the party which id to use instead (docs/reliability.md).
import type { Context } from './context.js';
import { ITEM_SCHEMAS } from '../model/validate.js';
import { ValidationError } from '../domain/errors.js';

/** The one answer, for non-admins, to an id that breaks the id rule and to an id taken by an item they cannot see. */
export const UNUSABLE_ID =
  'cannot be used; an id starts with a letter or digit, contains only letters, digits, ' +
  '"_", ".", ":" and "-", is at most 200 characters long and is not in use';

/** Checks the id of an item a non-admin is about to create; admins see every item and get the specific messages. */
export async function checkNewId(ctx: Context, list: string, id: unknown): Promise<void> {
  if (ctx.viewer.admin) return;
  const item = `${list} (id "${String(id)}")`;
  const refuse = () => new ValidationError([{ item, field: 'id', message: UNUSABLE_ID }]);
  if (!ITEM_SCHEMAS[list]!.shape.id!.safeParse(id).success) throw refuse();
  // Visible: the write answers "already exists", which tells the caller nothing they cannot read.
  if (await ctx.loaders.node.load(String(id))) return;
  const taken = await ctx.graph.read('mutations', 'kindsOf', { ids: [String(id)] });
  if (!taken.length) return;
  await ctx.graph.write('audit', 'recordAudit', {
    subject: ctx.viewer.subject,
    role: ctx.viewer.role,
    party: ctx.viewer.party,
    action: `refused-id:${list}`,
    target: String(id),
    requestId: ctx.requestId,
    details: JSON.stringify({ list, reason: 'the id belongs to an item this caller cannot see; refused as unusable' }),
  });
  throw refuse();
}
