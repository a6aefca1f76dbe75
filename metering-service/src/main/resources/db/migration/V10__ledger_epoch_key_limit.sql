-- The dedup ledger's current epoch is also sealed once its key outgrows a limit (issue 14; docs/metering.md, "The
-- dedup ledger"). Every claim inserts into that key at a random place, so the key must stay in PostgreSQL's buffers;
-- with a limit by time alone, a busy deployment's epoch outgrows them and each claim waits on reads and writes of
-- evicted pages (docs/benchmarks.md, "An epoch's key within memory"). An epoch is sealed for its size only once it is
-- at least a minimum age, so that the window never holds more than window ÷ minimum epochs, each costing every claim a
-- filter check. Sealed early, an epoch is still dropped only once it was sealed longer ago than the dedup window, so
-- every identity is remembered at least that long.
-- The two-argument ledger_open_epoch stays as it was: replicas of the previous version call it during an upgrade.

-- The current epoch's key on disk, in bytes; 0 while it has no partition.
CREATE FUNCTION ledger_current_key_bytes() RETURNS bigint LANGUAGE sql STABLE AS $$
    SELECT coalesce(pg_indexes_size(to_regclass(format('event_identity_e%s', ledger_current_epoch()))), 0)
$$;

-- Whether the current epoch is due to be sealed at `at`: there is none; or it started `length` ago or more; or it
-- started `min_length` ago or more and its key holds more than `max_key` bytes. A null `length` or `max_key` sets no
-- such limit (unlike the two-argument ledger_open_epoch, where a null length turns at once).
CREATE FUNCTION ledger_epoch_due(at timestamptz, length interval, max_key bigint, min_length interval)
RETURNS boolean LANGUAGE sql STABLE AS $$
    SELECT NOT EXISTS (SELECT 1 FROM ledger_epoch
                       WHERE sealed_at IS NULL
                         AND (length IS NULL OR started_at > at - length)
                         AND (max_key IS NULL OR started_at > at - min_length
                              OR ledger_current_key_bytes() <= max_key))
$$;

-- Seals the current epoch and opens the next if it is due (above); answers the epoch opened, or null. The seal is
-- dated no earlier than the epoch's start, whatever the caller's clock.
CREATE FUNCTION ledger_open_epoch(at timestamptz, length interval, max_key bigint, min_length interval) RETURNS int
LANGUAGE plpgsql AS $$
BEGIN
    -- Not due: answered without the lock, so that looking (every minute, from every replica) costs writers nothing.
    IF NOT ledger_epoch_due(at, length, max_key, min_length) THEN
        RETURN NULL;
    END IF;
    PERFORM pg_advisory_xact_lock(7215340814);  -- LEDGER_LOCK
    -- Asked again under the lock (a new snapshot): another replica may have turned it meanwhile.
    IF NOT ledger_epoch_due(at, length, max_key, min_length) THEN
        RETURN NULL;
    END IF;
    -- Turns it now; the lock it takes again is already held.
    RETURN ledger_open_epoch(greatest(at, (SELECT started_at FROM ledger_epoch WHERE sealed_at IS NULL)), NULL);
END $$;
