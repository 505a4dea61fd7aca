// mode: write
// Store each account's health and churn risk (0-100), their trends, the ICP fit of
// prospects (null otherwise) and when they were scored.
// example: {"rows": [{"id": "missing-account", "health": 61.5, "trend": "flat", "churn": 12.0, "churn_trend": "down", "icp": null, "at": "2026-01-02T00:00:00"}]}
UNWIND $rows AS row
MATCH (a:Account {id: row.id})
SET a.health = row.health, a.health_trend = row.trend, a.churn_risk = row.churn,
    a.churn_trend = row.churn_trend, a.icp_fit = row.icp,
    a.scored_at = localdatetime(row.at)
RETURN count(a) AS written
