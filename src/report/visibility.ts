// The part of a model one reader may see: the access rule of docs/security.md applied to an interchange document.
import type { Model } from '../model/schema.js';
import { canSeeNode, canSeeRelationship } from '../domain/viewer.js';
import { NODE_KINDS, RELATIONSHIP_KINDS, NODE_REFERENCES } from '../model/kinds.js';

/** Who reads: `admin` sees everything, a `party` also sees the restricted items it owns; nobody else sees more than
 * public. */
export interface Reader {
  admin: boolean;
  party: string | null;
}

/** The reader of a public edition: sees public items only. */
export const PUBLIC_READER: Reader = { admin: false, party: null };

type Item = { id?: string; classification?: string; owner?: string };

/**
 * The model as `reader` sees it: nodes it may not see are left out, and with them every relationship and reference
 * that touches them; a classified relationship between visible nodes shows only to admins and to the parties at
 * either end (the same rule as the API's reads).
 */
export function visibleModel(model: Model, reader: Reader): Model {
  const out = { ...model } as Record<string, unknown>;
  const visible = new Set<string>();
  for (const k of NODE_KINDS) {
    const kept = (model[k.list] as Item[]).filter((n) => canSeeNode(reader, n));
    for (const n of kept) visible.add(n.id!);
    out[k.list] = kept;
  }
  for (const ref of NODE_REFERENCES) {
    out[ref.list] = (out[ref.list] as Record<string, unknown>[]).map((n) => {
      const v = n[ref.field];
      if (ref.many) return v == null ? n : { ...n, [ref.field]: (v as string[]).filter((id) => visible.has(id)) };
      return v == null || visible.has(v as string) ? n : { ...n, [ref.field]: undefined };
    });
  }
  for (const rel of RELATIONSHIP_KINDS) {
    out[rel.list] = ((model as unknown as Record<string, Record<string, unknown>[]>)[rel.list] ?? []).filter((r) => {
      const a = r[rel.from.field] as string;
      const b = r[rel.to.field] as string;
      if (!visible.has(a) || !visible.has(b)) return false;
      return canSeeRelationship(reader, r, [a, b]);
    });
  }
  return out as unknown as Model;
}

/** True when an item is classified (not public): the full edition marks it. */
export const isClassified = (n: { classification?: string }): boolean => (n.classification ?? 'public') !== 'public';
