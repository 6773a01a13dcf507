// Reads behind the portfolio of measures, filtered for $viewer {admin, party} by the rule of api.cypher: a node is seen
// when public, when the viewer is admin, or when restricted and owned by the viewer's party; a relationship when
// public, to admins, or when the viewer's party is one of its ends, and only when both its end nodes are seen.

// @name portfolioInputs
// Measures (with their lead), their effects (measure → capability, the holding party a property; the party must be
// seen too) and the consequences of capability shortfalls.
RETURN
  COLLECT {
    MATCH (m:Measure)
    WHERE (coalesce(m.classification, 'public') = 'public' OR $viewer.admin OR (m.classification = 'restricted' AND m.owner IS NOT NULL AND m.owner = $viewer.party))
    OPTIONAL MATCH (m)-[:LED_BY]->(p:Party)
    WITH m, p ORDER BY m.id
    RETURN m {.*, lead: p.id}
  } AS measures,
  COLLECT {
    MATCH (m:Measure)-[r:STRENGTHENS]->(c:Capability)
    MATCH (p:Party {id: r.party})
    WHERE (coalesce(m.classification, 'public') = 'public' OR $viewer.admin OR (m.classification = 'restricted' AND m.owner IS NOT NULL AND m.owner = $viewer.party))
      AND (coalesce(c.classification, 'public') = 'public' OR $viewer.admin OR (c.classification = 'restricted' AND c.owner IS NOT NULL AND c.owner = $viewer.party))
      AND (coalesce(p.classification, 'public') = 'public' OR $viewer.admin OR (p.classification = 'restricted' AND p.owner IS NOT NULL AND p.owner = $viewer.party))
      AND (coalesce(r.classification, 'public') = 'public' OR $viewer.admin OR m.id = $viewer.party OR c.id = $viewer.party)
    RETURN {measure: m.id, party: r.party, capability: c.id, capacityDelta: r.capacityDelta}
  } AS effects,
  COLLECT {
    MATCH (a:Capability)-[r:CAUSES]->(b:ImpactCriterion)
    WHERE (coalesce(a.classification, 'public') = 'public' OR $viewer.admin OR (a.classification = 'restricted' AND a.owner IS NOT NULL AND a.owner = $viewer.party))
      AND (coalesce(b.classification, 'public') = 'public' OR $viewer.admin OR (b.classification = 'restricted' AND b.owner IS NOT NULL AND b.owner = $viewer.party))
      AND (coalesce(r.classification, 'public') = 'public' OR $viewer.admin OR a.id = $viewer.party OR b.id = $viewer.party)
    RETURN {from: a.id, criterion: b.id, perUnitHour: r.perUnitHour}
  } AS consequences
