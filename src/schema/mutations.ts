// Create, update and delete for every node kind and relationship list; inputs follow the model format and are validated
// exactly as it is.
import { NotFoundError } from '../domain/errors.js';
import { builder } from './builder.js';
import { NodeRefs, RelationshipRefs } from './entities.js';
import { requireNodeClassification, requireRelationshipClassification, requireRole, requireVisible } from './auth.js';
import type { Context } from './context.js';
import { ITEM_SCHEMAS } from '../model/validate.js';
import { NODE_KINDS, NODE_REFERENCES, RELATIONSHIP_KINDS } from '../model/kinds.js';
import { scalarFields, type FieldInfo } from './zod-fields.js';
import { enumFor } from './enums.js';
import { MutationRepository, type Actor } from '../graph/mutation-repository.js';
import { checkNewId } from './hidden-ids.js';
import type { Role } from '../domain/viewer.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- inputs are built from the model format's tables. */

const actor = (ctx: Context): Actor => ({ viewer: ctx.viewer, requestId: ctx.requestId });
const repo = (ctx: Context) => new MutationRepository(ctx.graph);
/** Planners change the model; a kind may name other editors in the catalogue (analysts record signals). */
const guard = (ctx: Context, editors: readonly Role[] = ['planner']) => requireRole(ctx, editors, 'changing the model');

function inputField(t: any, f: FieldInfo, forceOptional: boolean, isRef: boolean) {
  const required = !forceOptional && !f.optional && !f.hasDefault;
  if (isRef) return f.kind === '[String]' ? t.idList({ required }) : t.id({ required });
  const e = enumFor(f.values);
  if (e) return t.field({ type: f.kind === '[String]' ? [e] : e, required });
  if (f.kind === '[Float]') return t.floatList({ required });
  if (f.kind === '[String]') return t.stringList({ required });
  if (f.kind === 'Float') return t.float({ required });
  if (f.kind === 'Boolean') return t.boolean({ required });
  return t.string({ required });
}

/** GraphQL hands IDs over as strings already; drop absent fields so defaults apply. */
function plain(input: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
}

const DeleteResult = builder.objectRef<{ id: string; relationshipsRemoved: number }>('DeleteResult').implement({
  fields: (t) => ({ id: t.exposeID('id'), relationshipsRemoved: t.exposeInt('relationshipsRemoved') }),
});

for (const kind of NODE_KINDS) {
  const refs = new Set<string>(NODE_REFERENCES.filter((r) => r.list === kind.list).map((r) => r.field));
  refs.add('owner');
  const editors: readonly Role[] = (kind as { editors?: readonly Role[] }).editors ?? ['planner'];
  const fields = scalarFields(ITEM_SCHEMAS[kind.list]!);
  const Input = builder.inputType(`${kind.label}Input`, {
    description: `A new item of ${kind.list}, as in the model format.`,
    fields: (t) =>
      Object.fromEntries(
        fields.map((f) => [f.name, inputField(t, f, false, refs.has(f.name) || f.name === 'id')]),
      ) as any,
  });
  const Patch = builder.inputType(`${kind.label}Patch`, {
    description: `Changes to an item of ${kind.list}; null clears an optional field. The id cannot change.`,
    fields: (t) =>
      Object.fromEntries(
        fields.filter((f) => f.name !== 'id').map((f) => [f.name, inputField(t, f, true, refs.has(f.name))]),
      ) as any,
  });
  const Type = NodeRefs[kind.list]!;
  builder.mutationField(`create${kind.label}`, (t) =>
    t.field({
      type: Type,
      args: { input: t.arg({ type: Input, required: true }) },
      resolve: async (_r, args, ctx) => {
        guard(ctx, editors);
        const input = args.input as any;
        requireNodeClassification(ctx, `${kind.list} (id "${String(input.id)}")`, input.classification, input.owner);
        await checkNewId(ctx, kind.list, input.id);
        return repo(ctx).createNode(kind.list, plain(input), actor(ctx));
      },
    }),
  );
  builder.mutationField(`update${kind.label}`, (t) =>
    t.field({
      type: Type,
      args: { id: t.arg.id({ required: true }), patch: t.arg({ type: Patch, required: true }) },
      resolve: async (_r, args, ctx) => {
        guard(ctx, editors);
        const item = `${kind.list} (id "${String(args.id)}")`;
        await requireVisible(ctx, item, [{ field: 'id', id: String(args.id) }]);
        const patch = args.patch as any;
        // Admins pass requireVisible without a read: the node may not exist (the repository then answers NOT_FOUND).
        const current: Record<string, unknown> = (await ctx.loaders.node.load(String(args.id))) ?? {};
        const pick = (k: string) => (patch[k] !== undefined ? patch[k] : current[k]);
        requireNodeClassification(ctx, item, pick('classification'), pick('owner'));
        return repo(ctx).updateNode(kind.list, String(args.id), patch, actor(ctx));
      },
    }),
  );
  builder.mutationField(`delete${kind.label}`, (t) =>
    t.field({
      type: DeleteResult,
      description: `Deletes the item and every relationship it has.`,
      args: { id: t.arg.id({ required: true }) },
      resolve: async (_r, args, ctx) => {
        guard(ctx, editors);
        await requireVisible(ctx, `${kind.list} (id "${String(args.id)}")`, [{ field: 'id', id: String(args.id) }]);
        return repo(ctx).deleteNode(kind.list, String(args.id), actor(ctx));
      },
    }),
  );
}

for (const rel of RELATIONSHIP_KINDS) {
  const name = rel.typeName;
  const fields = scalarFields(ITEM_SCHEMAS[rel.list]!);
  const ends = new Set([rel.from.field, rel.to.field]);
  const keyProps: readonly string[] = rel.keyProps ?? [];
  const Input = builder.inputType(`${name}Input`, {
    description: `A new item of ${rel.list}, as in the model format.`,
    fields: (t) => Object.fromEntries(fields.map((f) => [f.name, inputField(t, f, false, ends.has(f.name))])) as any,
  });
  const Patch = builder.inputType(`${name}Patch`, {
    description: `Changes to an item of ${rel.list}; null clears an optional field.`,
    fields: (t) =>
      Object.fromEntries(
        fields
          .filter((f) => !ends.has(f.name) && !keyProps.includes(f.name))
          .map((f) => [f.name, inputField(t, f, true, false)]),
      ) as any,
  });
  const keyArgs = (t: any) => ({
    [rel.from.field]: t.arg.id({ required: true }),
    [rel.to.field]: t.arg.id({ required: true }),
    ...Object.fromEntries(keyProps.map((f) => [f, t.arg.id({ required: true })])),
  });
  const key = (args: any) => ({
    from: String(args[rel.from.field]),
    to: String(args[rel.to.field]),
    match: Object.fromEntries(keyProps.map((f) => [f, String(args[f])])),
  });
  const label = (k: { from: string; to: string }) => `${rel.list} (${k.from}→${k.to})`;
  /** Both ends must be visible to the viewer (not found otherwise), and the classification one the viewer still reads.
   * */
  const check = async (ctx: Context, k: { from: string; to: string }, classification: unknown, existing = false) => {
    await requireVisible(ctx, label(k), [
      { field: rel.from.field, id: k.from },
      { field: rel.to.field, id: k.to },
    ]);
    if (
      existing &&
      !ctx.viewer.admin &&
      !(await ctx.loaders.relationships(rel.type, 'out').load(k.from)).some((r) => r.to === k.to)
    ) {
      throw new NotFoundError(rel.list, `${k.from}→${k.to}`);
    }
    requireRelationshipClassification(ctx, label(k), classification, [k.from, k.to]);
  };
  builder.mutationField(`create${name}`, (t) =>
    t.field({
      type: RelationshipRefs[rel.list]!,
      args: { input: t.arg({ type: Input, required: true }) },
      resolve: async (_r, args, ctx) => {
        guard(ctx);
        const input = args.input as any;
        await check(ctx, key(input), input.classification);
        return repo(ctx).createRelationship(rel.list, plain(input), actor(ctx));
      },
    }),
  );
  builder.mutationField(`update${name}`, (t) =>
    t.field({
      type: RelationshipRefs[rel.list]!,
      args: { ...keyArgs(t), patch: t.arg({ type: Patch, required: true }) },
      resolve: async (_r, args: any, ctx) => {
        guard(ctx);
        // A patch without classification keeps the stored one, which the viewer can read: only a new value is checked.
        await check(ctx, key(args), args.patch?.classification, true);
        return repo(ctx).updateRelationship(rel.list, key(args), args.patch, actor(ctx));
      },
    }),
  );
  builder.mutationField(`delete${name}`, (t) =>
    t.field({
      type: 'Boolean',
      args: keyArgs(t),
      resolve: async (_r, args: any, ctx) => {
        guard(ctx);
        await check(ctx, key(args), undefined, true);
        return repo(ctx).deleteRelationship(rel.list, key(args), actor(ctx));
      },
    }),
  );
}
