-- Two recomputes of one client can overlap (parallel drains, several replicas): each save carries the database time at
-- which its recompute took the client's mark, and a save never overwrites one taken later (ProjectionWriter).
ALTER TABLE projection_total ADD COLUMN inputs_at timestamptz NOT NULL DEFAULT '-infinity';

-- A line is written only when its figures change (the freshness path writes far less); when it was calculated is the
-- client's projection_total.calculated_at, and the line keeps when its figures last changed.
ALTER TABLE projection RENAME COLUMN calculated_at TO changed_at;
