-- Routine marks (the schedule, a catalog change re-rating every client) are taken after the clients whose own usage
-- or terms changed, so re-rating everyone never holds up fresh usage (DirtyClients).
ALTER TABLE dirty_customer ADD COLUMN routine boolean NOT NULL DEFAULT false;
CREATE INDEX dirty_customer_take_idx ON dirty_customer (routine, changed_at);
