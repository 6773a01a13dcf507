// The statements every kind of the catalogue has (list, get, create, update, delete, bulk load, export, the reads of
// a relationship type in both directions), expanded once from cypher/kinds.template.cypher for every kind.
import { expandFragments, readCypherFile, schemaStatements, sections, type Statement } from './cypher.js';
import {
  LABEL_OF,
  NODE_KINDS,
  NODE_REFERENCES,
  RELATIONSHIP_KINDS,
  type Endpoint,
  type NodeKind,
  type NodeList,
  type NodeReference,
  type RelationshipKind,
  type RelationshipList,
} from '../model/kinds.js';
import { ITEM_SCHEMAS } from '../model/schema.js';

export const TEMPLATE_FILE = 'kinds.template.cypher';

/** The statements of each scope of the template; the expansion fails when the template lacks one. */
export const NODE_STATEMENTS = ['constraint', 'merge', 'create', 'export', 'list', 'count', 'get', 'delete'] as const;
export const REFERENCE_STATEMENTS = ['link', 'create', 'get'] as const;
export const RELATIONSHIP_STATEMENTS = ['merge', 'create', 'export', 'get', 'delete'] as const;
export const LINK_STATEMENTS = ['out', 'in'] as const;

type Scope = 'node' | 'reference' | 'relationship' | 'link';
const SCOPE_STATEMENTS: Record<Scope, readonly string[]> = {
  node: NODE_STATEMENTS,
  reference: REFERENCE_STATEMENTS,
  relationship: RELATIONSHIP_STATEMENTS,
  link: LINK_STATEMENTS,
};

/** The reads of one relationship type: leaving (`out`) or arriving at (`in`) each of `$ids`. */
export type LinkStatements = Record<(typeof LINK_STATEMENTS)[number], Statement>;
export type NodeStatements = Record<(typeof NODE_STATEMENTS)[number], Statement>;
export type ReferenceStatements = Record<(typeof REFERENCE_STATEMENTS)[number], Statement> & LinkStatements;
export type RelationshipStatements = Record<(typeof RELATIONSHIP_STATEMENTS)[number], Statement> & LinkStatements;

type Values = Record<string, string | readonly string[] | readonly Record<string, string>[]>;

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

function fill(text: string, values: Values, where: string): string {
  return text.replace(/\{\{(\w+|\.)\}\}/g, (_all, key: string) => {
    const v = values[key];
    if (typeof v !== 'string') throw new Error(`${where}: no value for {{${key}}}`);
    // Labels, types and field names come from the catalogue; still, only plain identifiers are pasted into Cypher.
    if (!IDENTIFIER.test(v)) throw new Error(`${where}: {{${key}}} is not an identifier: "${v}"`);
    return v;
  });
}

/** Expands `{{#list}}…{{/list}}` repeats (joined by ', ') and `{{key}}` placeholders, then the fragments. */
export function render(template: string, values: Values, where: string): string {
  const repeated = template.replace(/\{\{#(\w+)\}\}([\s\S]*?)\{\{\/\1\}\}/g, (_all, key: string, inner: string) => {
    const items = values[key];
    if (!Array.isArray(items)) throw new Error(`${where}: no list for {{#${key}}}`);
    return items
      .map((item: string | Record<string, string>) =>
        fill(inner, typeof item === 'string' ? { ...values, '.': item } : { ...values, ...item }, where),
      )
      .join(', ');
  });
  return expandFragments(fill(repeated, values, where), where);
}

/** The label to match an end by: its kind's, or `Entity` when the end may be of any or of several kinds. */
const endpointLabel = (e: Endpoint): string =>
  e.kinds === '*' || e.kinds.length !== 1 ? 'Entity' : LABEL_OF[e.kinds[0]!];

function nodeValues(kind: NodeKind): Values {
  const refs = NODE_REFERENCES.filter((r) => r.list === kind.list).map((r) => ({
    field: r.field,
    type: r.type,
    target: endpointLabel({ field: r.field, kinds: r.kinds }),
  }));
  return { list: kind.list, label: kind.label, refs };
}

function referenceValues(ref: NodeReference): Values {
  return { label: LABEL_OF[ref.list], type: ref.type, target: endpointLabel({ field: ref.field, kinds: ref.kinds }) };
}

/** The fields of a relationship list's items that are stored as properties (all but the two ends). */
export function propertyFields(rel: RelationshipKind): string[] {
  return Object.keys(ITEM_SCHEMAS[rel.list].shape).filter((f) => f !== rel.from.field && f !== rel.to.field);
}

function relationshipValues(rel: RelationshipKind): Values {
  const props = propertyFields(rel);
  return {
    type: rel.type,
    from: rel.from.field,
    to: rel.to.field,
    fromLabel: endpointLabel(rel.from),
    toLabel: endpointLabel(rel.to),
    props,
    keyProps: rel.keyProps ?? [],
  };
}

interface Expanded {
  nodes: Map<string, NodeStatements>;
  references: Map<string, ReferenceStatements>;
  relationships: Map<string, RelationshipStatements>;
  links: Map<string, LinkStatements>;
}
let expanded: Expanded | undefined;

/** Reads the template once and expands it for every kind of the catalogue. */
function expand(): Expanded {
  if (expanded) return expanded;
  const templates = new Map<Scope, Map<string, string>>();
  for (const s of sections(readCypherFile(TEMPLATE_FILE))) {
    const m = /^(node|reference|relationship|link)\s+(\w+)$/.exec(s.head);
    if (s.kind !== 'template' || !m) {
      throw new Error(`cypher/${TEMPLATE_FILE}: expected "// @template <scope> <name>", got "@${s.kind} ${s.head}"`);
    }
    const scope = m[1] as Scope;
    if (!SCOPE_STATEMENTS[scope].includes(m[2]!)) {
      throw new Error(`cypher/${TEMPLATE_FILE}: ${scope} ${m[2]} is not a statement callers know`);
    }
    templates.set(scope, (templates.get(scope) ?? new Map<string, string>()).set(m[2]!, s.body));
  }
  const build = <T>(scope: Scope, key: string, values: Values): T => {
    const out: Record<string, Statement> = {};
    for (const name of SCOPE_STATEMENTS[scope]) {
      const template = templates.get(scope)?.get(name);
      if (template === undefined) throw new Error(`cypher/${TEMPLATE_FILE} has no statement "${scope} ${name}"`);
      const full = `${key}.${name}`;
      out[name] = { name: full, text: render(template, values, `cypher/${TEMPLATE_FILE} ${scope} ${name} for ${key}`) };
    }
    return out as T;
  };
  const links = new Map<string, LinkStatements>();
  const link = (type: string): LinkStatements => {
    if (links.has(type)) throw new Error(`relationship type ${type} is used twice in the catalogue`);
    const s = build<LinkStatements>('link', type, { type });
    links.set(type, s);
    return s;
  };
  const result: Expanded = { nodes: new Map(), references: new Map(), relationships: new Map(), links };
  for (const k of NODE_KINDS) result.nodes.set(k.list, build('node', k.list, nodeValues(k)));
  for (const r of NODE_REFERENCES) {
    const key = `${r.list}.${r.field}`;
    const own = build<Omit<ReferenceStatements, keyof LinkStatements>>('reference', key, referenceValues(r));
    result.references.set(key, { ...own, ...link(r.type) });
  }
  for (const r of RELATIONSHIP_KINDS) {
    const values = relationshipValues(r);
    const own = build<Omit<RelationshipStatements, keyof LinkStatements>>('relationship', r.list, values);
    result.relationships.set(r.list, { ...own, ...link(r.type) });
  }
  expanded = result;
  return result;
}

function found<T>(map: Map<string, T>, key: string, what: string): T {
  const s = map.get(key);
  if (!s) throw new Error(`the catalogue has no ${what} ${key}`);
  return s;
}

/** The statements of one kind of the catalogue: a node kind, a node reference or a relationship list (or its name). */
export function statementsFor(kind: NodeKind | NodeList): NodeStatements;
export function statementsFor(kind: NodeReference): ReferenceStatements;
export function statementsFor(kind: RelationshipKind | RelationshipList): RelationshipStatements;
export function statementsFor(
  kind: NodeKind | NodeList | NodeReference | RelationshipKind | RelationshipList,
): NodeStatements | ReferenceStatements | RelationshipStatements {
  const e = expand();
  if (typeof kind === 'string') return e.nodes.get(kind) ?? found(e.relationships, kind, 'list');
  if ('from' in kind) return found(e.relationships, kind.list, 'relationship list');
  if ('field' in kind) return found(e.references, `${kind.list}.${kind.field}`, 'reference');
  return found(e.nodes, kind.list, 'node list');
}

/** The reads of one relationship type (of a relationship list or a reference), in both directions. */
export function statementsForType(type: string): LinkStatements {
  return found(expand().links, type, 'relationship type');
}

/** Every statement expanded from the template, for the tests that check them. */
export function allKindStatements(): Statement[] {
  const e = expand();
  const all = [...e.nodes.values(), ...e.references.values(), ...e.relationships.values()].flatMap(
    (s) => Object.values(s) as Statement[],
  );
  return [...new Map(all.map((s) => [s.name, s])).values()];
}

/** cypher/schema.cypher and the uniqueness constraint of every node kind, in the order they are applied. */
export function allSchemaStatements(): string[] {
  return [...schemaStatements(), ...NODE_KINDS.map((k) => statementsFor(k).constraint.text)];
}
