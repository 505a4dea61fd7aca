-- An undo reads a batch's change log a page at a time, one kind after the other, newest
-- first (graph.imports.undo): each page is a range of this index.
CREATE INDEX IF NOT EXISTS batch_change_pages ON batch_change (batch_id, kind, id);
