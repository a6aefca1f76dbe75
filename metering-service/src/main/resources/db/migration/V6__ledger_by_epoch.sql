-- The dedup ledger, partitioned by epoch of first sight (issue 14; docs/metering.md, "The dedup ledger").
-- One partition per epoch (meterline.ingest.ledger-epoch, ten days by default): identities are claimed in the current
-- epoch's partition, whose key stays the size of one epoch whatever the window holds; a sealed epoch is never written
-- again, and is dropped whole once it ended longer ago than the dedup window. A claim checks the sealed epochs through
-- in-memory filters built from them (IdentityLedger), so only the rare maybe-seen identity costs an index probe in an
-- old partition.
--
-- Writers and the epoch's turn exclude each other through one advisory lock (LEDGER_LOCK below): a writer holds it
-- shared for its transaction and reads the current epoch after taking it; the turn takes it exclusively. So once an
-- epoch is sealed no transaction can still be claiming in it, and every claim after the turn sees it as sealed.

CREATE TABLE ledger_epoch (
    epoch      int         PRIMARY KEY,
    started_at timestamptz NOT NULL,
    sealed_at  timestamptz,           -- null for the current epoch, the one identities are claimed in
    identities bigint,                -- counted when its filter is built
    filter     bytea                  -- the sealed epoch's identities as a blocked Bloom filter (IdentityFilter)
);
CREATE UNIQUE INDEX ledger_epoch_one_current ON ledger_epoch ((true)) WHERE sealed_at IS NULL;

-- The current epoch: a default for hand-made rows (tests, the benchmark's fill); the writer names it itself.
CREATE FUNCTION ledger_current_epoch() RETURNS int LANGUAGE sql STABLE AS
$$ SELECT epoch FROM ledger_epoch WHERE sealed_at IS NULL $$;

ALTER TABLE event_identity RENAME TO event_identity_unpartitioned;
ALTER INDEX event_identity_pkey RENAME TO event_identity_unpartitioned_pkey;

CREATE TABLE event_identity (
    epoch       int         NOT NULL DEFAULT ledger_current_epoch(),
    scope       text        COLLATE "C" NOT NULL,
    event_id    text        COLLATE "C" NOT NULL,
    fingerprint bigint      NOT NULL,
    first_seen  timestamptz NOT NULL DEFAULT now(),
    -- Unique per partition; across partitions the claim's check of the sealed epochs keeps an identity unique.
    PRIMARY KEY (scope, event_id, epoch)
) PARTITION BY LIST (epoch);

-- Seals the current epoch at `at` if it started at least `length` before (whatever its age if `length` is null), and
-- opens the next with its partition; returns the new epoch, or null if none was due. When due, it waits for every
-- writer's transaction to end, and holds new ones back until it commits (milliseconds: it reads no partition).
CREATE FUNCTION ledger_open_epoch(at timestamptz, length interval) RETURNS int LANGUAGE plpgsql AS $$
DECLARE
    sealing record;
    opened  int;
BEGIN
    -- Not due: answered without the lock, so that looking (every minute, from every replica) costs writers nothing.
    IF length IS NOT NULL
       AND EXISTS (SELECT 1 FROM ledger_epoch WHERE sealed_at IS NULL AND started_at > at - length) THEN
        RETURN NULL;
    END IF;
    PERFORM pg_advisory_xact_lock(7215340814);  -- LEDGER_LOCK
    SELECT epoch, started_at INTO sealing FROM ledger_epoch WHERE sealed_at IS NULL;
    IF sealing.epoch IS NOT NULL AND length IS NOT NULL AND sealing.started_at > at - length THEN
        RETURN NULL;
    END IF;
    SELECT coalesce(max(epoch), 0) + 1 INTO opened FROM ledger_epoch;
    EXECUTE format('CREATE TABLE event_identity_e%s PARTITION OF event_identity FOR VALUES IN (%s)', opened, opened);
    UPDATE ledger_epoch SET sealed_at = at WHERE epoch = sealing.epoch;
    INSERT INTO ledger_epoch (epoch, started_at) VALUES (opened, at);
    RETURN opened;
END $$;

-- Drops the sealed epochs that ended before `cutoff` (the start of the dedup window); returns how many identities
-- they held.
CREATE FUNCTION ledger_drop_epochs(cutoff timestamptz) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
    ended   record;
    dropped bigint := 0;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM ledger_epoch WHERE sealed_at < cutoff) THEN
        RETURN 0;  -- nothing to drop: no lock taken
    END IF;
    PERFORM pg_advisory_xact_lock(7215340814);  -- LEDGER_LOCK
    FOR ended IN SELECT epoch, identities FROM ledger_epoch WHERE sealed_at < cutoff ORDER BY epoch LOOP
        EXECUTE format('DROP TABLE IF EXISTS event_identity_e%s', ended.epoch);
        DELETE FROM ledger_epoch WHERE epoch = ended.epoch;
        dropped := dropped + coalesce(ended.identities, 0);
    END LOOP;
    RETURN dropped;
END $$;

-- What a writer claims against: takes LEDGER_LOCK shared for its transaction, then (in a statement of its own, so it
-- sees a turn that committed while it waited) lists the epochs; the one not sealed is current.
CREATE FUNCTION ledger_epochs_for_claim() RETURNS TABLE (epoch int, sealed boolean) LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_advisory_xact_lock_shared(7215340814);  -- LEDGER_LOCK
    RETURN QUERY SELECT e.epoch, e.sealed_at IS NOT NULL FROM ledger_epoch e ORDER BY e.epoch;
END $$;

-- Everything claimed so far is the first epoch: it is sealed at the first turn and dropped a window later.
SELECT ledger_open_epoch(now(), NULL);
INSERT INTO event_identity (epoch, scope, event_id, fingerprint, first_seen)
SELECT 1, scope, event_id, fingerprint, first_seen FROM event_identity_unpartitioned;
DROP TABLE event_identity_unpartitioned;
