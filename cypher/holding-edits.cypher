// A party keeps its own holdings current: capacity, readiness and mobilisation time, each change with a reason,
// recorded in the audit trail (src/graph/holding-edits.ts). The model revision bump and the audit entry use
// model.cypher bumpModelRevision and audit.cypher recordAudit in the same transaction.

// @name lockHolding
// Takes the relationship's write lock before reading it, so that two edits of one holding cannot interleave.
MATCH (:Party {id: $party})-[r:HOLDS]->(:Capability {id: $capability})
SET r.capacity = r.capacity
RETURN properties(r) AS props

// @name setHolding
MATCH (:Party {id: $party})-[r:HOLDS]->(:Capability {id: $capability})
SET r.capacity = $capacity, r.readiness = $readiness, r.mobilisationHours = $mobilisationHours
RETURN properties(r) AS props

// @name holdingHistory
// The audit entries about one holding (created, updated, edited with a reason), newest first.
MATCH (a:AuditEntry)
WHERE a.target = $target AND a.action IN $actions
RETURN a {.*, at: toString(a.at)} AS entry
ORDER BY a.at DESC
LIMIT $limit
