// The bulk load names relationship properties one by one; this keeps those lists equal to the model format's fields.
import { describe, expect, it } from 'vitest';
import { statementsFor } from '../../src/graph/statements.js';
import { RELATIONSHIP_KINDS } from '../../src/model/kinds.js';
import { ITEM_SCHEMAS } from '../../src/model/validate.js';

describe('bulk relationship statements', () => {
  it.each(RELATIONSHIP_KINDS.map((r) => [r.list, r] as const))('create every field of %s', (_list, rel) => {
    const statement = statementsFor(rel).create.text;
    const map = /CREATE \(a\)-\[:\w+ \{(.*)\}\]->\(b\)/.exec(statement);
    expect(map, statement).not.toBeNull();
    const named = [...map![1]!.matchAll(/`?(\w+)`?: \$props\.`?(\w+)`?\[i\]/g)].map((m) => {
      expect(m[1]).toBe(m[2]);
      return m[1]!;
    });
    const fields = Object.keys(ITEM_SCHEMAS[rel.list]!.shape).filter((f) => f !== rel.from.field && f !== rel.to.field);
    expect(named.sort()).toEqual(fields.sort());
    expect(statement).toContain(`:${rel.type} {`);
  });
});
