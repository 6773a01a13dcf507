// The access rule, written once. Statements refer to it as {{visible(n)}} and {{visibleRelationship(r, a, b)}};
// src/graph/cypher.ts expands the references when it reads a statement. Every statement that takes $viewer uses it
// (test/graph/statements.test.ts). The same rule in TypeScript: canSeeNode and canSeeRelationship in
// src/domain/viewer.ts, held equal to this one by test/graph/statements.int.test.ts.

// @fragment visible(n)
// A node is seen when it is public, by admins, and when restricted by the party that owns it.
(coalesce(n.classification, 'public') = 'public' OR $viewer.admin
  OR (n.classification = 'restricted' AND n.owner IS NOT NULL AND n.owner = $viewer.party))

// @fragment visibleRelationship(r, a, b)
// A relationship is seen when it is public, by admins, and by a party at either end (whose nodes must be seen too).
(coalesce(r.classification, 'public') = 'public' OR $viewer.admin OR a.id = $viewer.party OR b.id = $viewer.party)

// @name checkVisibility
// The rule applied to plain maps ($cases: {node, rel, from, to}), so that a test can compare it with the TypeScript.
UNWIND $cases AS c
WITH c.node AS n, c.rel AS r, c.from AS a, c.to AS b
RETURN {{visible(n)}} AS node, {{visibleRelationship(r, a, b)}} AS relationship
