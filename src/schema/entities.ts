// Object types for every node kind and relationship list, derived from the model format and named by the catalogue
// (src/model/kinds.ts), with root connections and node(id).
import { BadInputError } from '../domain/errors.js';
import { resolveOffsetConnection } from '@pothos/plugin-relay';
import { builder } from './builder.js';
import { ClassificationEnum, enumFor, type Classification } from './enums.js';
import { ITEM_SCHEMAS } from '../model/validate.js';
import { NODE_KINDS, NODE_REFERENCES, RELATIONSHIP_KINDS, type NodeList } from '../model/kinds.js';
import { scalarFields, type FieldInfo } from './zod-fields.js';
import type { NodeRecord, RelationshipRecord } from '../graph/api-repository.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- types are built from tables; each ref is checked at schema
   build time. */

export const MAX_PAGE = 1000;

const BASE_FIELDS = ['id', 'name', 'description', 'source', 'assumption', 'classification', 'owner'];

export const EntityRef = builder.interfaceRef<NodeRecord>('Entity');
EntityRef.implement({
  description: 'Any node of the model; ids are unique across the model.',
  resolveType: (n) => n.__label,
  fields: (t) => ({
    id: t.id({ resolve: (n) => n.id }),
    name: t.string({ resolve: (n) => String(n.name ?? n.id) }),
    description: t.string({ nullable: true, resolve: (n) => (n.description as string) ?? null }),
    source: t.string({
      nullable: true,
      description: 'Seed section or public reference.',
      resolve: (n) => (n.source as string) ?? null,
    }),
    assumption: t.boolean({
      description: 'True when the numbers are planning assumptions, not published figures.',
      resolve: (n) => n.assumption === true,
    }),
    classification: t.field({
      type: ClassificationEnum,
      description: 'public, restricted or confidential.',
      resolve: (n) => (n.classification as Classification | undefined) ?? 'public',
    }),
    owner: t.string({ nullable: true, resolve: (n) => (n.owner as string) ?? null }),
    label: t.string({
      description: 'The node kind (its label in the graph): Service, Party, …',
      resolve: (n) => n.__label,
    }),
    responsibleParties: t.field({
      type: [RelationshipRefs.responsibilities!],
      description: 'Parties responsible for this item, with their role (lead or support).',
      resolve: (n, _a, ctx) => ctx.loaders.relationships('RESPONSIBLE_FOR', 'in').load(n.id),
    }),
  }),
});

export const RelationshipRefs: Record<string, ReturnType<typeof builder.objectRef<RelationshipRecord>>> = {};
for (const rel of RELATIONSHIP_KINDS) RelationshipRefs[rel.list] = builder.objectRef<RelationshipRecord>(rel.typeName);
export const NodeRefs: Record<string, ReturnType<typeof builder.objectRef<NodeRecord>>> = {};
for (const k of NODE_KINDS) NodeRefs[k.list] = builder.objectRef<NodeRecord>(k.label);

function endpointType(kinds: readonly NodeList[] | '*'): any {
  return kinds === '*' || kinds.length !== 1 ? EntityRef : NodeRefs[kinds[0]!];
}

function scalarField(t: any, f: FieldInfo, get: (parent: any) => Record<string, unknown>) {
  const e = enumFor(f.values);
  const type = e
    ? f.kind === '[String]'
      ? [e]
      : e
    : f.kind === '[Float]'
      ? ['Float']
      : f.kind === '[String]'
        ? ['String']
        : f.kind;
  return t.field({ type, nullable: f.optional, resolve: (p: any) => get(p)[f.name] ?? null });
}

for (const rel of RELATIONSHIP_KINDS) {
  const fields = scalarFields(ITEM_SCHEMAS[rel.list]!, [rel.from.field, rel.to.field]);
  RelationshipRefs[rel.list]!.implement({
    description: `An item of the model's ${rel.list} list (${rel.type} in the graph).`,
    fields: (t) =>
      ({
        [rel.from.field]: t.field({
          type: endpointType(rel.from.kinds),
          nullable: true,
          resolve: ((r: RelationshipRecord, _a: unknown, ctx: any) =>
            r.other.id === r.from ? r.other : ctx.loaders.node.load(r.from)) as any,
        }),
        [rel.to.field]: t.field({
          type: endpointType(rel.to.kinds),
          nullable: true,
          resolve: ((r: RelationshipRecord, _a: unknown, ctx: any) =>
            r.other.id === r.to ? r.other : ctx.loaders.node.load(r.to)) as any,
        }),
        ...Object.fromEntries(fields.map((f) => [f.name, scalarField(t, f, (r: RelationshipRecord) => r.props)])),
      }) as any,
  });
}

for (const kind of NODE_KINDS) {
  const refs = NODE_REFERENCES.filter((r) => r.list === kind.list);
  const fields = scalarFields(ITEM_SCHEMAS[kind.list]!, [...BASE_FIELDS, ...refs.map((r) => r.field)]);
  NodeRefs[kind.list]!.implement({
    interfaces: [EntityRef],
    isTypeOf: (n: unknown) => (n as NodeRecord).__label === kind.label,
    fields: (t) => {
      const out: Record<string, any> = {};
      for (const f of fields) out[f.name] = scalarField(t, f, (n: NodeRecord) => n);
      for (const ref of refs) {
        const target = NodeRefs[ref.kinds[0]]!;
        out[ref.field] = ref.many
          ? t.field({
              type: [target],
              resolve: async (n, _a, ctx) =>
                (await ctx.loaders.relationships(ref.type, 'out').load(n.id)).map((r) => r.other),
            })
          : t.field({
              type: target,
              nullable: true,
              resolve: async (n, _a, ctx) =>
                (await ctx.loaders.relationships(ref.type, 'out').load(n.id))[0]?.other ?? null,
            });
      }
      for (const ref of NODE_REFERENCES.filter((r) => (r.kinds as readonly string[]).includes(kind.list))) {
        out[ref.reverse] = t.field({
          type: [NodeRefs[ref.list]!],
          resolve: async (n, _a, ctx) =>
            (await ctx.loaders.relationships(ref.type, 'in').load(n.id)).map((r) => r.other),
        });
      }
      for (const rel of RELATIONSHIP_KINDS) {
        const { out: outName, in: inName } = rel.fields;
        const ref = RelationshipRefs[rel.list]!;
        if (rel.from.kinds !== '*' && rel.from.kinds.includes(kind.list)) {
          out[outName] = t.field({
            type: [ref],
            resolve: (n, _a, ctx) => ctx.loaders.relationships(rel.type, 'out').load(n.id),
          });
        }
        if (rel.to.kinds !== '*' && rel.to.kinds.includes(kind.list)) {
          out[inName] = t.field({
            type: [ref],
            resolve: (n, _a, ctx) => ctx.loaders.relationships(rel.type, 'in').load(n.id),
          });
        }
      }
      return out;
    },
  });
}

for (const kind of NODE_KINDS) {
  builder.queryField(kind.list, (t) =>
    t.connection({
      type: NodeRefs[kind.list]!,
      description: `All ${kind.list} the viewer may see, ordered by id. \`first\` up to ${MAX_PAGE}.`,
      args: {
        search: t.arg.string({ description: 'Only items whose name or id contains this text (case-insensitive).' }),
      },
      resolve: async (_root, args, ctx) => {
        if ((args.first ?? 0) > MAX_PAGE || (args.last ?? 0) > MAX_PAGE) {
          throw new BadInputError(`${kind.list}: first/last must be at most ${MAX_PAGE}`);
        }
        if ((args.first ?? 0) < 0 || (args.last ?? 0) < 0) {
          throw new BadInputError(`${kind.list}: first/last must not be negative`);
        }
        const search = args.search ?? null;
        const totalCount = await ctx.api.count(kind.list, search);
        const page = await resolveOffsetConnection(
          { args, defaultSize: 100, maxSize: MAX_PAGE, totalCount },
          ({ offset, limit }) => ctx.api.list(kind.list, offset, limit, search),
        );
        return { ...page, totalCount };
      },
    }),
  );
}

builder.queryField('node', (t) =>
  t.field({
    type: EntityRef,
    nullable: true,
    description: 'Any node by its id (null when it does not exist or the viewer may not see it).',
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, args, ctx) => ctx.loaders.node.load(String(args.id)),
  }),
);

builder.queryField('search', (t) =>
  t.field({
    type: [EntityRef],
    description: 'Nodes of any kind whose name or id contains the text.',
    args: { text: t.arg.string({ required: true }), limit: t.arg.int({ defaultValue: 50 }) },
    resolve: (_root, args, ctx) => {
      if (args.text.length > 200) throw new BadInputError('search: text must be at most 200 characters');
      const limit = Math.max(1, Math.min(args.limit ?? 50, MAX_PAGE));
      return ctx.api.search(args.text, limit);
    },
  }),
);
