// Every statement weerbaar runs parses and plans in the real Neo4j, and the access rule means the same in Cypher and
// in TypeScript.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Graph } from '../../src/graph/graph.js';
import { ROOT } from '../../src/graph/config.js';
import { statement, statementsOf, type Statement } from '../../src/graph/cypher.js';
import { allKindStatements } from '../../src/graph/statements.js';
import { canSeeNode, canSeeRelationship } from '../../src/domain/viewer.js';
import { testGraph } from '../helpers/graph.js';

let graph: Graph;
beforeAll(async () => {
  graph = await testGraph();
});
afterAll(async () => {
  await graph?.close();
});

const named = readdirSync(join(ROOT, 'cypher'))
  .filter((f) => f.endsWith('.cypher') && f !== 'schema.cypher' && !f.includes('template'))
  .flatMap((f) => statementsOf(f.replace(/\.cypher$/, '')));
const all: Statement[] = [...allKindStatements().filter((s) => !s.name.endsWith('.constraint')), ...named];

describe('every statement', () => {
  it('covers the template and the files', () => {
    expect(all.length).toBeGreaterThan(named.length + 100);
  });

  it.each(all.map((s) => [s.name, s] as const))('%s plans (EXPLAIN)', async (_n, s) => {
    const result = await graph.driver.executeQuery(`EXPLAIN ${s.text}`, {}, { database: graph.config.database });
    expect(result.summary.plan).toBeTruthy();
  });
});

describe('the access rule', () => {
  const viewers = [
    { admin: false, party: null },
    { admin: false, party: 'min-a' },
    { admin: false, party: 'min-b' },
    { admin: true, party: null },
  ];
  const classifications = [undefined, 'public', 'restricted', 'confidential'];
  const owners = [undefined, 'min-a', 'min-b'];
  const ends: [string, string][] = [
    ['min-a', 'x'],
    ['x', 'min-b'],
    ['x', 'y'],
  ];
  const cases = classifications.flatMap((classification) =>
    owners.flatMap((owner) =>
      ends.map(([from, to]) => ({
        node: { classification: classification ?? null, owner: owner ?? null },
        rel: { classification: classification ?? null },
        from: { id: from },
        to: { id: to },
      })),
    ),
  );

  const byViewer = viewers.map((v) => [JSON.stringify(v), v] as const);
  it.each(byViewer)('is the same in Cypher and TypeScript for %s', async (_n, viewer) => {
    const rows = await graph.read(statement('access', 'checkVisibility'), { viewer, cases });
    expect(rows).toHaveLength(cases.length);
    const seen = { node: 0, relationship: 0 };
    rows.forEach((row, i) => {
      const c = cases[i]!;
      const node = canSeeNode(viewer, c.node);
      const relationship = canSeeRelationship(viewer, c.rel, [c.from.id, c.to.id]);
      expect(row.node === true, JSON.stringify(c)).toBe(node);
      expect(row.relationship === true, JSON.stringify(c)).toBe(relationship);
      seen.node += node ? 1 : 0;
      seen.relationship += relationship ? 1 : 0;
    });
    // Each viewer sees some and (unless admin) not all: the cases exercise both outcomes.
    expect(seen.node).toBeGreaterThan(0);
    if (!viewer.admin) expect(seen.node).toBeLessThan(cases.length);
  });
});
