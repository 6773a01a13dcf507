// Node kinds as the explorer shows them, read from the catalogue of kinds (src/model/kinds.ts, pure data); the
// readable names are in the locales (kind.*, kinds.*, rel.*).
import { t, tList } from './i18n';
import { NODE_KINDS, NODE_REFERENCES, RELATIONSHIP_KINDS, type KindStyle, type NodeLabel } from '../model/kinds';

export type { KindStyle };
export type Kind = NodeLabel;

export const KINDS = Object.fromEntries(NODE_KINDS.map((k) => [k.label, k.style])) as Record<Kind, KindStyle>;

/** Kinds in the order of the legend and lists. */
export const KIND_ORDER: Kind[] = [...NODE_KINDS].sort((a, b) => a.style.rank - b.style.rank).map((k) => k.label);

/** Kinds the default view shows; the others (criteria and vital interests) are one click away. */
export const DEFAULT_KINDS: Kind[] = KIND_ORDER.filter((k) => KINDS[k].shown);

export function isKind(k: string): k is Kind {
  return k in KINDS;
}

/** Relationship types with a short reading for the details panel: [from the source, from the target]. */
export const REL_LABEL: Record<string, readonly [string, string]> = Object.fromEntries(
  [...NODE_REFERENCES, ...RELATIONSHIP_KINDS].map((r) => [r.type, r.reading]),
);

export function kindLabel(k: Kind): string {
  return t(`kind.${k}`, { defaultValue: k });
}
export function kindPlural(k: Kind): string {
  return t(`kinds.${k}`, { defaultValue: k });
}

/** A relationship type read from its start (0) or its end (1), e.g. "depends on" / "dependent". */
export function relLabel(type: string, dir: 0 | 1): string {
  return tList(`rel.${type}`)[dir] ?? REL_LABEL[type]?.[dir] ?? type;
}
