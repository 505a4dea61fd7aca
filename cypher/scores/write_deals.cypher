// mode: write
// Store each open deal's win probability (0-1), its trend and when it was scored.
// example: {"rows": [{"id": "missing-deal", "p": 0.42, "trend": "up", "at": "2026-01-02T00:00:00"}]}
UNWIND $rows AS row
MATCH (d:Deal {id: row.id})
SET d.win_probability = row.p, d.win_trend = row.trend,
    d.scored_at = localdatetime(row.at)
RETURN count(d) AS written
