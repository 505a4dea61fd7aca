// mode: write
// Move a deal to a stage and append the step to its stage history (a StageChange node).
// Only while the deal is still in $change.from_stage: a concurrent move makes it match
// nothing. Times travel as ISO text; $props holds the plain fields set with the move.
// example: {"id": "missing-deal", "stage": "02-QUALIFYING", "at": "2026-01-02T00:00:00", "props": {}, "loss_reason": null, "expected_close": null, "actual_close": null, "change": {"id": "sc_example", "from_stage": "01-IDENTIFIED", "by": "mem_1", "days_in_stage": 1.0, "sources": ["pipeline"]}}
MATCH (d:Deal {id: $id})
WHERE d.stage = $change.from_stage
SET d += $props,
    d.stage = $stage,
    d.loss_reason = $loss_reason,
    d.stage_entered_at = localdatetime($at),
    d.updated_at = localdatetime($at),
    d.expected_close = coalesce(date($expected_close), d.expected_close),
    d.actual_close = date($actual_close)
CREATE (s:StageChange {id: $change.id})
SET s.deal_id = $id, s.from_stage = $change.from_stage, s.to_stage = $stage,
    s.by = $change.by, s.days_in_stage = $change.days_in_stage,
    s.sources = $change.sources, s.at = localdatetime($at),
    s.created_at = localdatetime($at), s.updated_at = localdatetime($at)
CREATE (d)-[:HAS_STAGE_CHANGE]->(s)
RETURN d.id AS id, s.id AS change
