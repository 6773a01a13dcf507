// Reads behind the portfolio of measures, filtered for $viewer {admin, party} by the access rule (access.cypher).

// @name portfolioInputs
// Measures (with their lead), their effects (measure → capability; the holding party is a property and must be seen
// too, and counts as an end of the relationship) and the consequences of capability shortfalls.
RETURN
  COLLECT {
    MATCH (m:Measure)
    WHERE {{visible(m)}}
    OPTIONAL MATCH (m)-[:LED_BY]->(p:Party)
    WITH m, p ORDER BY m.id
    RETURN m {.*, __label: 'Measure', lead: p.id}
  } AS measures,
  COLLECT {
    MATCH (m:Measure)-[r:STRENGTHENS]->(c:Capability)
    MATCH (p:Party {id: r.party})
    WHERE {{visible(m)}}
      AND {{visible(c)}}
      AND {{visible(p)}}
      AND ({{visibleRelationship(r, m, c)}} OR {{visibleRelationship(r, p, p)}})
    RETURN {measure: m.id, party: r.party, capability: c.id, capacityDelta: r.capacityDelta}
  } AS effects,
  COLLECT {
    MATCH (a:Capability)-[r:CAUSES]->(b:ImpactCriterion)
    WHERE {{visible(a)}}
      AND {{visible(b)}}
      AND {{visibleRelationship(r, a, b)}}
    RETURN {from: a.id, criterion: b.id, perUnitHour: r.perUnitHour}
  } AS consequences
