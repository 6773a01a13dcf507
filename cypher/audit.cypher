// The audit trail: every mutation, who made it and when, written in the mutation's own transaction.

// @name recordAudit
CREATE (a:AuditEntry {
  id: randomUUID(), at: datetime(), subject: $subject, role: $role, party: $party,
  action: $action, target: $target, details: $details, requestId: $requestId
})
RETURN a.id AS id

// @name listAudit
MATCH (a:AuditEntry)
WHERE ($target IS NULL OR a.target = $target) AND ($subject IS NULL OR a.subject = $subject)
RETURN a {.*, at: toString(a.at)} AS entry
ORDER BY a.at DESC
LIMIT $limit
