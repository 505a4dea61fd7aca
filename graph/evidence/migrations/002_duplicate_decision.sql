-- What the user decided about a probable duplicate of a staged batch (merge or split).
-- Keyed by the incoming row and the candidate: the candidate's node id when it is in the
-- graph, "row:N" (its first row) when it comes from the same file; `number` is the one the
-- preview shows.
CREATE TABLE duplicate_decision (
    batch_id      bigint NOT NULL REFERENCES import_batch (id) ON DELETE CASCADE,
    row_number    integer NOT NULL,
    candidate_ref text NOT NULL,
    number        integer NOT NULL,
    decision      text NOT NULL CHECK (decision IN ('merge', 'split')),
    decided_by    text NOT NULL,
    decided_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (batch_id, row_number, candidate_ref)
);
