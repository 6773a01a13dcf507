// The catalogue drives the per-kind statements, and the access rule reaches Cypher only through its fragment.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expandFragments, readCypherFile, sections } from '../../src/graph/cypher.js';
import { ROOT } from '../../src/graph/config.js';
import {
  allKindStatements,
  allSchemaStatements,
  LINK_STATEMENTS,
  NODE_STATEMENTS,
  REFERENCE_STATEMENTS,
  RELATIONSHIP_STATEMENTS,
  render,
  statementsFor,
  statementsForType,
} from '../../src/graph/statements.js';
import { NODE_KINDS, NODE_REFERENCES, RELATIONSHIP_KINDS } from '../../src/model/kinds.js';

const files = readdirSync(join(ROOT, 'cypher'))
  .filter((f) => f.endsWith('.cypher'))
  .sort();
/** Every statement as written (`@name` and `@template` sections), before any expansion. */
const written = files.flatMap((f) =>
  sections(readCypherFile(f))
    .filter((s) => s.kind !== 'fragment')
    .map((s) => ({ where: `cypher/${f} ${s.head}`, body: s.body })),
);

describe('statements of the catalogue', () => {
  const nodeKinds = NODE_KINDS.map((k) => [k.list, k] as const);
  it.each(nodeKinds)('node kind %s has every statement, fully expanded', (_l, kind) => {
    const s = statementsFor(kind);
    expect(Object.keys(s).sort()).toEqual([...NODE_STATEMENTS].sort());
    for (const name of NODE_STATEMENTS) {
      expect(s[name].text, `${kind.list} ${name}`).not.toMatch(/\{\{|\}\}/);
      expect(s[name].text).toContain(kind.label);
    }
    expect(statementsFor(kind.list)).toBe(s);
  });

  const relationshipKinds = RELATIONSHIP_KINDS.map((r) => [r.list, r] as const);
  it.each(relationshipKinds)('relationship list %s has every statement', (_l, rel) => {
    const s = statementsFor(rel);
    expect(Object.keys(s).sort()).toEqual([...RELATIONSHIP_STATEMENTS, ...LINK_STATEMENTS].sort());
    for (const [name, statement] of Object.entries(s)) {
      expect(statement.text, `${rel.list} ${name}`).not.toMatch(/\{\{|\}\}/);
      expect(statement.text).toContain(`:${rel.type}`);
    }
    expect(statementsForType(rel.type)).toMatchObject({ out: s.out, in: s.in });
  });

  const references = NODE_REFERENCES.map((r) => [`${r.list}.${r.field}`, r] as const);
  it.each(references)('reference %s has every statement', (_n, ref) => {
    const s = statementsFor(ref);
    expect(Object.keys(s).sort()).toEqual([...REFERENCE_STATEMENTS, ...LINK_STATEMENTS].sort());
    for (const statement of Object.values(s)) expect(statement.text).toContain(`:${ref.type}`);
  });

  it('expands every kind once: one statement per kind and name, and an id constraint per node kind', () => {
    const all = allKindStatements();
    const expected =
      NODE_KINDS.length * NODE_STATEMENTS.length +
      NODE_REFERENCES.length * REFERENCE_STATEMENTS.length +
      RELATIONSHIP_KINDS.length * RELATIONSHIP_STATEMENTS.length +
      (NODE_REFERENCES.length + RELATIONSHIP_KINDS.length) * LINK_STATEMENTS.length;
    expect(all).toHaveLength(expected);
    expect(new Set(all.map((s) => s.name)).size).toBe(expected);
    const schema = allSchemaStatements();
    for (const k of NODE_KINDS) {
      const constraint = `CREATE CONSTRAINT ${k.list}_id IF NOT EXISTS FOR (n:${k.label}) REQUIRE n.id IS UNIQUE`;
      expect(schema).toContain(constraint);
    }
  });

  it('names each reference field in the export of its node kind', () => {
    for (const ref of NODE_REFERENCES) {
      expect(statementsFor(ref.list).export.text).toContain(`\`${ref.field}\`: [(n)-[:${ref.type}]->`);
    }
    expect(statementsFor('sectors').export.text).toContain('{  } AS refs');
  });

  it('pastes only identifiers into a template, and refuses a placeholder it has no value for', () => {
    expect(render('MATCH (n:{{label}})', { label: 'Service' }, 't')).toBe('MATCH (n:Service)');
    const injected = { label: 'Service) DETACH DELETE (n' };
    expect(() => render('MATCH (n:{{label}})', injected, 't')).toThrow(/not an identifier/);
    expect(() => render('MATCH (n:{{label}})', {}, 't')).toThrow(/no value for \{\{label\}\}/);
    expect(render('{ {{#props}}`{{.}}`: row.`{{.}}`{{/props}} }', { props: ['a', 'b'] }, 't')).toBe(
      '{ `a`: row.`a`, `b`: row.`b` }',
    );
  });
});

describe('the access rule', () => {
  it('expands a fragment with its variables renamed', () => {
    const text = expandFragments('WHERE {{visible(s)}} AND {{visibleRelationship(r, s, c)}}', 'test');
    expect(text).toContain("coalesce(s.classification, 'public') = 'public'");
    expect(text).toContain('s.owner = $viewer.party');
    expect(text).toContain('s.id = $viewer.party OR c.id = $viewer.party');
    expect(text).not.toMatch(/\bn\.|\ba\.|\bb\.|\{\{/);
    expect(() => expandFragments('{{nosuch(n)}}', 'test')).toThrow(/no fragment named nosuch/);
    expect(() => expandFragments('{{visible(a, b)}}', 'test')).toThrow(/takes 1 variables/);
  });

  it.each(written.map((s) => [s.where, s] as const))('%s: $viewer only through the fragments', (_w, s) => {
    // A statement may not spell out the rule itself: every $viewer comes from an expanded fragment.
    expect(s.body).not.toContain('$viewer');
    const expanded = expandFragments(s.body, s.where);
    if (expanded.includes('$viewer')) expect(s.body).toMatch(/\{\{visible\(\w+\)\}\}/);
  });

  it('every node and relationship a viewer reads in the per-kind statements is filtered', () => {
    for (const k of NODE_KINDS) {
      expect(statementsFor(k).list.text).toContain('$viewer.admin');
      expect(statementsFor(k).count.text).toContain('$viewer.admin');
    }
    for (const r of [...NODE_REFERENCES, ...RELATIONSHIP_KINDS]) {
      for (const d of LINK_STATEMENTS) {
        expect(statementsForType(r.type)[d].text.match(/\$viewer\.admin/g)).toHaveLength(2);
      }
    }
  });
});
