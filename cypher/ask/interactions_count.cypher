// mode: read
// Interactions in a time window (ISO datetimes), optionally of one kind and with one account's
// people.
// example: {"since": "2026-01-01T00:00:00", "until": "2026-12-31T00:00:00", "kind": "MEETING", "account": null}
MATCH (i:Interaction)
WHERE i.at >= localdatetime($since) AND i.at < localdatetime($until)
  AND ($kind IS NULL OR i.kind = $kind)
  AND ($account IS NULL OR
       (i)<-[:PARTICIPATED_IN]-(:Contact)-[:WORKS_AT]->(:Account {id: $account}))
RETURN count(i) AS count
