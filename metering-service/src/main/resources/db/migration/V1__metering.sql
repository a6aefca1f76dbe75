-- Metering: meters, deduplicated meter events (monthly partitions), hourly rollups, assets, suppressions, API keys.

CREATE TABLE meter (
    id           uuid PRIMARY KEY,
    api_name     text        NOT NULL UNIQUE,
    display_name text        NOT NULL,
    unit         text,
    aggregation  text        NOT NULL CHECK (aggregation IN ('SUM', 'COUNT', 'MAX', 'MIN', 'AVG', 'UNIQUE_COUNT', 'LATEST')),
    unique_by    text,
    dimensions   text[]      NOT NULL DEFAULT '{}',
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now()
);

-- The dedup ledger: one row per event identity (its id within its customer, or its asset). The consumer inserts here
-- and stores only the events whose identity was new, in the same transaction (never a claim before the write).
-- Not partitioned, so an identity is unique whatever its timestamp. It has no index but its key: each one costs every
-- stored event a write.
CREATE TABLE event_identity (
    scope       text           NOT NULL,
    event_id    text           NOT NULL,
    event_time  timestamptz    NOT NULL,
    value       numeric(38, 9) NOT NULL,
    first_seen  timestamptz    NOT NULL DEFAULT now(),
    PRIMARY KEY (scope, event_id)
);

-- Raw events, partitioned by month of their timestamp; partitions are created as events arrive.
CREATE TABLE meter_event (
    scope        text           NOT NULL,
    event_id     text           NOT NULL,
    event_time   timestamptz    NOT NULL,
    meter        text           NOT NULL,
    customer     text,
    asset        text,
    source       text,
    value        numeric(38, 9) NOT NULL,
    dimensions   jsonb          NOT NULL DEFAULT '{}',
    dims_key     text           NOT NULL DEFAULT '{}',
    ingested_at  timestamptz    NOT NULL,
    stored_at    timestamptz    NOT NULL DEFAULT now(),
    batch_id     uuid           NOT NULL,
    PRIMARY KEY (scope, event_id, event_time)
) PARTITION BY RANGE (event_time);
CREATE TABLE meter_event_default PARTITION OF meter_event DEFAULT;
CREATE INDEX meter_event_meter_time_idx ON meter_event (meter, event_time);
CREATE INDEX meter_event_asset_idx ON meter_event (asset, event_time) WHERE asset IS NOT NULL;
CREATE INDEX meter_event_batch_idx ON meter_event (batch_id);

-- Hourly rollups per meter, customer, asset and dimension set. Every aggregation stays exact over whole hours:
-- SUM and COUNT add up, MIN and MAX take the extreme of extremes, AVG is sum ÷ count, LATEST keeps the latest event.
CREATE TABLE usage_rollup (
    meter            text           NOT NULL,
    hour             timestamptz    NOT NULL,
    customer_key     text           NOT NULL,
    asset_key        text           NOT NULL,
    dims_key         text           NOT NULL,
    customer         text,
    asset            text,
    dimensions       jsonb          NOT NULL,
    event_count      bigint         NOT NULL,
    value_sum        numeric(38, 9) NOT NULL,
    value_min        numeric(38, 9) NOT NULL,
    value_max        numeric(38, 9) NOT NULL,
    latest_time      timestamptz    NOT NULL,
    latest_event_id  text           NOT NULL,
    latest_value     numeric(38, 9) NOT NULL,
    PRIMARY KEY (meter, hour, customer_key, asset_key, dims_key)
);
CREATE INDEX usage_rollup_asset_idx ON usage_rollup (asset_key, hour);

-- UNIQUE_COUNT: the distinct values of the meter's uniqueBy dimension per hour, so a count over any set of hours is
-- exact (a count of distinct values, not a sum of hourly counts).
CREATE TABLE usage_rollup_unique (
    meter        text        NOT NULL,
    hour         timestamptz NOT NULL,
    customer_key text        NOT NULL,
    asset_key    text        NOT NULL,
    dims_key     text        NOT NULL,
    unique_value text        NOT NULL,
    PRIMARY KEY (meter, hour, customer_key, asset_key, dims_key, unique_value)
);

-- A batch of stored events waiting to go on meterline.usage.metered (one outbox row per consumed batch).
CREATE TABLE metered_batch (
    batch_id     uuid PRIMARY KEY,
    created_at   timestamptz NOT NULL DEFAULT now(),
    published_at timestamptz
);
CREATE INDEX metered_batch_unpublished_idx ON metered_batch (created_at) WHERE published_at IS NULL;

CREATE TABLE asset (
    id           text PRIMARY KEY,
    name         text,
    description  text,
    source       text,
    client       text,
    acknowledged boolean     NOT NULL DEFAULT false,
    enabled      boolean     NOT NULL DEFAULT true,
    disregarded  boolean     NOT NULL DEFAULT false,
    first_seen   timestamptz NOT NULL,
    last_seen    timestamptz NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX asset_client_idx ON asset (client);

CREATE TABLE suppression (
    id            uuid PRIMARY KEY,
    pattern       text        NOT NULL,
    target        text        NOT NULL CHECK (target IN ('ASSET', 'SOURCE', 'CUSTOMER')),
    reason        text        NOT NULL,
    dropped_count bigint      NOT NULL DEFAULT 0,
    created_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE api_key (
    id           uuid PRIMARY KEY,
    name         text        NOT NULL,
    role         text        NOT NULL CHECK (role IN ('ingest', 'read')),
    customer     text,
    key_hash     text        NOT NULL UNIQUE,
    key_prefix   text        NOT NULL,
    enabled      boolean     NOT NULL DEFAULT true,
    revoked_at   timestamptz,
    created_at   timestamptz NOT NULL DEFAULT now(),
    last_used_at timestamptz
);
