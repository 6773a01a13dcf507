// Bulk load into a graph that holds no model yet: CREATE instead of MERGE, no old references to remove.
// The uniqueness constraints still refuse duplicate ids. Same row shapes as model.cypher. Relationships are created
// with their properties named one by one (absent ones are null and not stored): unlike SET r = row.props, that needs
// no Eager step (test/graph/bulk-cypher.test.ts checks that every field of the format is named).

// @name createVitalInterests
UNWIND $rows AS row
CREATE (n:VitalInterest:Entity)
SET n = row.props

// @name createImpactCriteria
UNWIND $rows AS row
CREATE (n:ImpactCriterion:Entity)
SET n = row.props

// @name createThreats
UNWIND $rows AS row
CREATE (n:Threat:Entity)
SET n = row.props

// @name createIncidentCategories
UNWIND $rows AS row
CREATE (n:IncidentCategory:Entity)
SET n = row.props

// @name createScenarios
UNWIND $rows AS row
CREATE (n:Scenario:Entity)
SET n = row.props

// @name createSectors
UNWIND $rows AS row
CREATE (n:Sector:Entity)
SET n = row.props

// @name createServices
UNWIND $rows AS row
CREATE (n:Service:Entity)
SET n = row.props

// @name createTasks
UNWIND $rows AS row
CREATE (n:Task:Entity)
SET n = row.props

// @name createCapabilities
UNWIND $rows AS row
CREATE (n:Capability:Entity)
SET n = row.props

// @name createParties
UNWIND $rows AS row
CREATE (n:Party:Entity)
SET n = row.props

// @name linkImpactCriteriaVitalInterest
UNWIND $rows AS row
MATCH (n:ImpactCriterion {id: row.id})
UNWIND row.refs AS ref
MATCH (t:VitalInterest {id: ref})
CREATE (n)-[:MEASURES]->(t)

// @name linkIncidentCategoriesThreats
UNWIND $rows AS row
MATCH (n:IncidentCategory {id: row.id})
UNWIND row.refs AS ref
MATCH (t:Threat {id: ref})
CREATE (n)-[:OF_THREAT]->(t)

// @name linkScenariosIncidentCategory
UNWIND $rows AS row
MATCH (n:Scenario {id: row.id})
UNWIND row.refs AS ref
MATCH (t:IncidentCategory {id: ref})
CREATE (n)-[:INSTANCE_OF]->(t)

// @name linkServicesSector
UNWIND $rows AS row
MATCH (n:Service {id: row.id})
UNWIND row.refs AS ref
MATCH (t:Sector {id: ref})
CREATE (n)-[:PART_OF]->(t)

// @name createDependencies
UNWIND $rows AS row
MATCH (a:Service {id: row.from})
MATCH (b:Service {id: row.to})
CREATE (a)-[:DEPENDS_ON {strength: row.props.strength, probability: row.props.probability, delayHours: row.props.delayHours, source: row.props.source, assumption: row.props.assumption, classification: row.props.classification}]->(b)

// @name createDisruptions
UNWIND $rows AS row
MATCH (a:Scenario {id: row.scenario})
MATCH (b:Service {id: row.service})
CREATE (a)-[:DISRUPTS {inoperability: row.props.inoperability, durationHours: row.props.durationHours, startHour: row.props.startHour, source: row.props.source, assumption: row.props.assumption, classification: row.props.classification}]->(b)

// @name createRequirements
UNWIND $rows AS row
MATCH (a:Scenario {id: row.scenario})
MATCH (b:Task {id: row.task})
CREATE (a)-[:REQUIRES {demand: row.props.demand, source: row.props.source, assumption: row.props.assumption, classification: row.props.classification}]->(b)

// @name createTriggers
UNWIND $rows AS row
MATCH (a:Service {id: row.service})
MATCH (b:Task {id: row.task})
CREATE (a)-[:TRIGGERS {demandPerInoperabilityHour: row.props.demandPerInoperabilityHour, source: row.props.source, assumption: row.props.assumption, classification: row.props.classification}]->(b)

// @name createNeeds
UNWIND $rows AS row
MATCH (a:Task {id: row.task})
MATCH (b:Capability {id: row.capability})
CREATE (a)-[:NEEDS {perUnit: row.props.perUnit, source: row.props.source, assumption: row.props.assumption, classification: row.props.classification}]->(b)

// @name createHoldings
UNWIND $rows AS row
MATCH (a:Party {id: row.party})
MATCH (b:Capability {id: row.capability})
CREATE (a)-[:HOLDS {capacity: row.props.capacity, readiness: row.props.readiness, mobilisationHours: row.props.mobilisationHours, source: row.props.source, assumption: row.props.assumption, classification: row.props.classification}]->(b)

// @name createMitigations
UNWIND $rows AS row
MATCH (a:Capability {id: row.capability})
MATCH (b:Service {id: row.service})
CREATE (a)-[:MITIGATES {reduction: row.props.reduction, source: row.props.source, assumption: row.props.assumption, classification: row.props.classification}]->(b)

// @name createResponsibilities
UNWIND $rows AS row
MATCH (a:Party {id: row.party})
MATCH (b:Entity {id: row.target})
CREATE (a)-[:RESPONSIBLE_FOR {role: row.props.role, source: row.props.source, assumption: row.props.assumption, classification: row.props.classification}]->(b)

// @name createOperations
UNWIND $rows AS row
MATCH (a:Party {id: row.party})
MATCH (b:Service {id: row.service})
CREATE (a)-[:OPERATES {source: row.props.source, assumption: row.props.assumption, classification: row.props.classification}]->(b)

// @name createScores
UNWIND $rows AS row
MATCH (a:Scenario {id: row.scenario})
MATCH (b:ImpactCriterion {id: row.criterion})
CREATE (a)-[:SCORES {value: row.props.value, `class`: row.props.`class`, source: row.props.source, assumption: row.props.assumption, classification: row.props.classification}]->(b)

// @name createConsequences
UNWIND $rows AS row
MATCH (a:Entity {id: row.from})
MATCH (b:ImpactCriterion {id: row.criterion})
CREATE (a)-[:CAUSES {perUnitHour: row.props.perUnitHour, source: row.props.source, assumption: row.props.assumption, classification: row.props.classification}]->(b)
