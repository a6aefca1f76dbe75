-- Raw events at ingest speed: every index on meter_event costs every stored event a write, so it keeps only what
-- its readers need.
-- * No unique key: the event_identity ledger already admits each identity once, in the same transaction.
-- * Dimensions once, as the canonical JSON text dims_key (queries cast it to jsonb).
-- * Time through a BRIN index: events arrive roughly in time order, so block ranges summarise them well, and an
--   insert costs next to nothing. Partial-hour usage queries read raw events by meter and time with it.
-- * batch_id keeps its B-tree (the metered-usage relay reads a batch back after a crash); batch ids are now
--   time-ordered, so that index grows at its end.
ALTER TABLE meter_event DROP CONSTRAINT meter_event_pkey;
DROP INDEX meter_event_meter_time_idx;
DROP INDEX meter_event_asset_idx;
ALTER TABLE meter_event DROP COLUMN dimensions;
CREATE INDEX meter_event_time_brin ON meter_event USING brin (event_time) WITH (autosummarize = on);

-- Rollup rows are updated in place by every batch that adds to them: leave room on each page for the new version,
-- so the update stays on the page and no index needs a new entry.
ALTER TABLE usage_rollup SET (fillfactor = 80);

-- The ledger's key compares as bytes (COLLATE "C"): an identity is not text sorted for people, and a byte comparison
-- on every insert and lookup is cheaper than the locale's.
ALTER TABLE event_identity ALTER COLUMN scope TYPE text COLLATE "C", ALTER COLUMN event_id TYPE text COLLATE "C";
