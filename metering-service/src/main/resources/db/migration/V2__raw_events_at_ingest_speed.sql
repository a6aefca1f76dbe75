-- Raw events at ingest speed: every index on meter_event costs every stored event a write, so it keeps only what
-- its readers need.
-- * No unique key: the event_identity ledger already admits each identity once, in the same transaction.
-- * Dimensions once, as the canonical JSON text dims_key (queries cast it to jsonb).
-- * Time through a BRIN index: events arrive roughly in time order, so block ranges summarise them well, and an
--   insert costs next to nothing. Partial-hour usage queries read raw events by meter and time with it.
-- * batch_id through a BRIN index too: batch ids are time-ordered, and only the metered-usage relay's recovery
--   route reads a batch back (after a crash).
ALTER TABLE meter_event DROP CONSTRAINT meter_event_pkey;
DROP INDEX meter_event_meter_time_idx;
DROP INDEX meter_event_asset_idx;
ALTER TABLE meter_event DROP COLUMN dimensions;
DROP INDEX meter_event_batch_idx;
CREATE INDEX meter_event_time_brin ON meter_event USING brin (event_time) WITH (autosummarize = on);
CREATE INDEX meter_event_batch_brin ON meter_event USING brin (batch_id) WITH (autosummarize = on);

-- Rollup rows are updated in place by every batch that adds to them: leave room on each page for the new version,
-- so the update stays on the page and no index needs a new entry.
ALTER TABLE usage_rollup SET (fillfactor = 80);

-- The ledger, leaner:
-- * its key compares as bytes (COLLATE "C"): an identity is not text sorted for people, and a byte comparison on
--   every insert and lookup is cheaper than the locale's;
-- * what a duplicate is compared with (to count one that disagrees, in a metric) is a 64-bit fingerprint of the
--   first sighting's timestamp and value, not the two columns themselves.
ALTER TABLE event_identity ALTER COLUMN scope TYPE text COLLATE "C", ALTER COLUMN event_id TYPE text COLLATE "C";
ALTER TABLE event_identity DROP COLUMN event_time, DROP COLUMN value, ADD COLUMN fingerprint bigint NOT NULL DEFAULT 0;
ALTER TABLE event_identity ALTER COLUMN fingerprint DROP DEFAULT;
-- Identities older than the dedup window are pruned (LedgerPruning); rows arrive in first_seen order, so a BRIN index
-- finds them at almost no cost per insert.
CREATE INDEX event_identity_first_seen_brin ON event_identity USING brin (first_seen) WITH (autosummarize = on);
