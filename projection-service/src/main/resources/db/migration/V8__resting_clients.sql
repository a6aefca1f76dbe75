-- A recomputed client rests for meterline.projection.recompute.debounce: a mark made meanwhile waits until due_at, so a
-- client with usage in every batch is recomputed once per debounce rather than by every drain (measured: each of 1,000
-- busy clients 7 to 8 times a second, docs/benchmarks.md). A row with no changed_at is a client with no mark, resting
-- until due_at; the recompute forgets such rows an hour after their rest ends.
ALTER TABLE dirty_customer ADD COLUMN due_at timestamptz NOT NULL DEFAULT '-infinity';
ALTER TABLE dirty_customer ALTER COLUMN changed_at DROP NOT NULL;
DROP INDEX dirty_customer_take_idx;
-- Marks are taken when due: at their change, or at the end of the client's rest if later.
CREATE INDEX dirty_customer_take_idx ON dirty_customer (routine, greatest(changed_at, due_at))
    WHERE changed_at IS NOT NULL;
