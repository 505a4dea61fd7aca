// mode: write
// Write scores back onto KNOWS edges Contact - Contact (either stored direction).
// example: {"rows": [{"a": "missing-a", "b": "missing-b", "strength": 50.0, "band": "occasional", "trend": "flat", "last_interaction": "2026-01-01T00:00:00", "first_seen": null, "count": 0, "scored_at": "2026-01-02T00:00:00"}]}
// Both ends by id first, then the edge between them: matching the pattern in one go
// walks every KNOWS edge of `a` per row (seconds per 1,000 rows for a busy member).
UNWIND $rows AS row
MATCH (a:Contact {id: row.a})
MATCH (b:Contact {id: row.b})
WITH a, b, row
MATCH (a)-[k:KNOWS]-(b)
SET k.strength = row.strength,
    k.strength_band = row.band,
    k.strength_trend = row.trend,
    k.last_interaction = CASE WHEN row.last_interaction IS NULL THEN null
                              ELSE localdatetime(row.last_interaction) END,
    k.scored_at = localdatetime(row.scored_at),
    k.interaction_count = CASE WHEN row.count > 0 THEN row.count
                               ELSE coalesce(k.interaction_count, 0) END,
    k.first_seen = CASE WHEN row.first_seen IS NULL THEN k.first_seen
                        ELSE localdatetime(row.first_seen) END,
    k.last_seen = CASE WHEN row.last_interaction IS NULL THEN k.last_seen
                       ELSE localdatetime(row.last_interaction) END
RETURN count(k) AS written
