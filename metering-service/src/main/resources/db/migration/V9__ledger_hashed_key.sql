-- The dedup ledger keyed by a 128-bit hash of the identity (issue 14; docs/metering.md, "The dedup ledger").
-- Measured on 2 cores (docs/benchmarks.md, "A 128-bit key"): inserting a million new identities into a partition of
-- seven million took a third less time with this key than with (scope, event_id, epoch), wrote a fifth less WAL, and
-- the key takes 36 bytes per identity against 67, so twice as many identities stay in memory.
-- * `key` is the first 16 bytes of SHA-256 over scope, a zero byte and event_id (UTF-8): ledger_key() below, and
--   LedgerKey in the service, which computes it off the database's cores. Both must agree
--   (LedgerCollisionsTest.theServicesKeyIsTheDatabases).
-- * The full identity stays in the row, out of the key, so a claim can tell a collision (another identity with the
--   same key: fewer than 1 in 10^19 with 3.5 billion identities in the window) from a duplicate. The rare identity whose key is already
--   taken in its epoch by another is claimed in event_identity_collision instead, by its full identity.
-- * first_seen is gone: epochs date an identity, and nothing read it.

CREATE FUNCTION ledger_key(scope text, event_id text) RETURNS uuid LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS
$$ SELECT encode(substring(sha256(convert_to(scope, 'UTF8') || decode('00', 'hex') || convert_to(event_id, 'UTF8'))
                 FROM 1 FOR 16), 'hex')::uuid $$;

ALTER TABLE event_identity RENAME TO event_identity_v6;

CREATE TABLE event_identity (
    key         uuid   NOT NULL,
    epoch       int    NOT NULL DEFAULT ledger_current_epoch(),
    fingerprint bigint NOT NULL,
    scope       text   COLLATE "C" NOT NULL,
    event_id    text   COLLATE "C" NOT NULL
) PARTITION BY LIST (epoch);
-- Each partition's primary key is the key alone (ledger_partition below), unique per partition; across partitions
-- the claim's check of the sealed epochs keeps an identity unique. A key on the partitioned table would have to hold
-- the epoch too: 8 more bytes in every entry (alignment), a fifth of the key.

-- Makes the epoch's partition, with its key.
CREATE FUNCTION ledger_partition(epoch int) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE format('CREATE TABLE event_identity_e%s PARTITION OF event_identity FOR VALUES IN (%s)', epoch, epoch);
    EXECUTE format('ALTER TABLE event_identity_e%s ADD PRIMARY KEY (key)', epoch);
END $$;

-- Identities whose key another identity already holds in the same epoch: claimed here by their full identity.
-- Dropped with their epoch (ledger_drop_epochs below), and part of their epoch's filter.
CREATE TABLE event_identity_collision (
    scope       text   COLLATE "C" NOT NULL,
    event_id    text   COLLATE "C" NOT NULL,
    epoch       int    NOT NULL,
    fingerprint bigint NOT NULL,
    PRIMARY KEY (scope, event_id)
);

-- Every epoch's identities, moved partition by partition into the new shape (ordered by key, as claims write them);
-- one whose key another already holds in its epoch goes to event_identity_collision. One transaction: the old
-- partitions' disk is freed at its end (docs/deployment.md, "Upgrading to V9").
DO $$
DECLARE
    e     record;
    moved bigint;
    held  bigint;
BEGIN
    FOR e IN SELECT epoch FROM ledger_epoch ORDER BY epoch LOOP
        IF to_regclass(format('event_identity_e%s', e.epoch)) IS NULL THEN
            PERFORM ledger_partition(e.epoch);
            CONTINUE;
        END IF;
        EXECUTE format('ALTER TABLE event_identity_v6 DETACH PARTITION event_identity_e%s', e.epoch);
        EXECUTE format('ALTER TABLE event_identity_e%s RENAME TO event_identity_v6_e%s', e.epoch, e.epoch);
        PERFORM ledger_partition(e.epoch);
        EXECUTE format('INSERT INTO event_identity_e%s (key, epoch, fingerprint, scope, event_id) '
                       'SELECT ledger_key(scope, event_id), epoch, fingerprint, scope, event_id '
                       'FROM event_identity_v6_e%s ORDER BY 1 ON CONFLICT (key) DO NOTHING', e.epoch, e.epoch);
        GET DIAGNOSTICS moved = ROW_COUNT;
        EXECUTE format('SELECT count(*) FROM event_identity_v6_e%s', e.epoch) INTO held;
        IF moved < held THEN
            EXECUTE format('INSERT INTO event_identity_collision (scope, event_id, epoch, fingerprint) '
                           'SELECT o.scope, o.event_id, o.epoch, o.fingerprint FROM event_identity_v6_e%s o '
                           'WHERE NOT EXISTS (SELECT 1 FROM event_identity_e%s n '
                           'WHERE n.key = ledger_key(o.scope, o.event_id) '
                           'AND n.scope = o.scope AND n.event_id = o.event_id)', e.epoch, e.epoch);
        END IF;
        EXECUTE format('DROP TABLE event_identity_v6_e%s', e.epoch);
    END LOOP;
END $$;
DROP TABLE event_identity_v6;

-- As in V6, with the partition made by ledger_partition.
CREATE OR REPLACE FUNCTION ledger_open_epoch(at timestamptz, length interval) RETURNS int LANGUAGE plpgsql AS $$
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
    PERFORM ledger_partition(opened);
    UPDATE ledger_epoch SET sealed_at = at WHERE epoch = sealing.epoch;
    INSERT INTO ledger_epoch (epoch, started_at) VALUES (opened, at);
    RETURN opened;
END $$;

CREATE OR REPLACE FUNCTION ledger_drop_epochs(cutoff timestamptz) RETURNS bigint LANGUAGE plpgsql AS $$
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
        DELETE FROM event_identity_collision WHERE epoch = ended.epoch;
        DELETE FROM ledger_epoch WHERE epoch = ended.epoch;
        dropped := dropped + coalesce(ended.identities, 0);
    END LOOP;
    RETURN dropped;
END $$;
