// Planning cycles: a yearly assessment frozen when it is closed, and the cabinet's decisions recorded in it.
// A Cycle is not an :Entity: loads and resets of the model leave the history of cycles alone.

// @name openCycle
OPTIONAL MATCH (existing:Cycle {id: $id})
WITH existing WHERE existing IS NULL
CREATE (c:Cycle {id: $id, status: 'open', openedAt: datetime(), openedBy: $subject, note: $note})
RETURN c.id AS id

// @name closeCycle
// Freezes the model and the assessment; a closed cycle never changes again.
MATCH (c:Cycle {id: $id, status: 'open'})
SET c.status = 'closed', c.closedAt = datetime(), c.closedBy = $subject,
    c.snapshot = $snapshot, c.checksum = $checksum, c.assessment = $assessment, c.runs = $runs
RETURN c.id AS id

// @name getCycle
MATCH (c:Cycle {id: $id})
OPTIONAL MATCH (d:Decision)-[:IN_CYCLE]->(c)
WITH c, d ORDER BY d.seq
RETURN c {.id, .status, .note, .openedBy, .closedBy, .checksum, .runs,
          openedAt: toString(c.openedAt), closedAt: toString(c.closedAt)} AS cycle,
       collect(d {.*, recordedAt: toString(d.recordedAt)}) AS decisions

// @name getCycleFrozen
MATCH (c:Cycle {id: $id})
RETURN c.snapshot AS snapshot, c.checksum AS checksum, c.assessment AS assessment

// @name listCycles
MATCH (c:Cycle)
OPTIONAL MATCH (d:Decision)-[:IN_CYCLE]->(c)
WITH c, count(d) AS decisions
RETURN c {.id, .status, .note, openedAt: toString(c.openedAt), closedAt: toString(c.closedAt), decisions: decisions} AS cycle
ORDER BY c.openedAt, c.id

// @name recordDecision
// Only in an open cycle; `seq` keeps the order in which decisions were taken.
MATCH (c:Cycle {id: $cycle, status: 'open'})
OPTIONAL MATCH (prev:Decision)-[:IN_CYCLE]->(c)
WITH c, count(prev) AS n
CREATE (d:Decision {
  id: randomUUID(), seq: n + 1, kind: $kind, target: $target, status: $status, owner: $owner, date: $date, note: $note,
  recordedBy: $subject, recordedAt: datetime()
})-[:IN_CYCLE]->(c)
RETURN d.id AS id

// @name deleteAllCycles
// Removes every cycle and its decisions (a fresh graph, e.g. in tests); cycles are otherwise never deleted.
MATCH (c:Cycle)
OPTIONAL MATCH (d:Decision)-[:IN_CYCLE]->(c)
DETACH DELETE c, d
