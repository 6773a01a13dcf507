// Bulk load into a graph that holds no model yet: CREATE instead of MERGE, no old references to remove.
// The uniqueness constraints still refuse duplicate ids. Same row shapes as model.cypher.

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
CREATE (a)-[r:DEPENDS_ON]->(b)
SET r = row.props

// @name createDisruptions
UNWIND $rows AS row
MATCH (a:Scenario {id: row.scenario})
MATCH (b:Service {id: row.service})
CREATE (a)-[r:DISRUPTS]->(b)
SET r = row.props

// @name createRequirements
UNWIND $rows AS row
MATCH (a:Scenario {id: row.scenario})
MATCH (b:Task {id: row.task})
CREATE (a)-[r:REQUIRES]->(b)
SET r = row.props

// @name createTriggers
UNWIND $rows AS row
MATCH (a:Service {id: row.service})
MATCH (b:Task {id: row.task})
CREATE (a)-[r:TRIGGERS]->(b)
SET r = row.props

// @name createNeeds
UNWIND $rows AS row
MATCH (a:Task {id: row.task})
MATCH (b:Capability {id: row.capability})
CREATE (a)-[r:NEEDS]->(b)
SET r = row.props

// @name createHoldings
UNWIND $rows AS row
MATCH (a:Party {id: row.party})
MATCH (b:Capability {id: row.capability})
CREATE (a)-[r:HOLDS]->(b)
SET r = row.props

// @name createMitigations
UNWIND $rows AS row
MATCH (a:Capability {id: row.capability})
MATCH (b:Service {id: row.service})
CREATE (a)-[r:MITIGATES]->(b)
SET r = row.props

// @name createResponsibilities
UNWIND $rows AS row
MATCH (a:Party {id: row.party})
MATCH (b:Entity {id: row.target})
CREATE (a)-[r:RESPONSIBLE_FOR]->(b)
SET r = row.props

// @name createOperations
UNWIND $rows AS row
MATCH (a:Party {id: row.party})
MATCH (b:Service {id: row.service})
CREATE (a)-[r:OPERATES]->(b)
SET r = row.props

// @name createScores
UNWIND $rows AS row
MATCH (a:Scenario {id: row.scenario})
MATCH (b:ImpactCriterion {id: row.criterion})
CREATE (a)-[r:SCORES]->(b)
SET r = row.props

// @name createConsequences
UNWIND $rows AS row
MATCH (a:Entity {id: row.from})
MATCH (b:ImpactCriterion {id: row.criterion})
CREATE (a)-[r:CAUSES]->(b)
SET r = row.props
