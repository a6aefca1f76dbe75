-- Billing's copy of pricing's catalog, consumed from meterline.pricing.catalog (a service never reads another's
-- database). Each row is the latest revision seen; published plan versions are immutable.
CREATE TABLE unit_type (
    id             uuid    PRIMARY KEY,
    revision       integer NOT NULL,
    name           text    NOT NULL,
    description    text,
    meter          text    NOT NULL,
    aggregation    text    NOT NULL,
    auto_provision boolean NOT NULL,
    currency       text    NOT NULL,
    commit_units   numeric,
    base_price     numeric,
    overage_rate   numeric,
    filter_on      text,
    filter_pattern text,
    deleted        boolean NOT NULL
);

CREATE INDEX unit_type_name_idx ON unit_type (name) WHERE NOT deleted;

CREATE TABLE plan_version (
    plan_id        uuid        NOT NULL,
    version        integer     NOT NULL,
    kind           text        NOT NULL CHECK (kind IN ('PRICE', 'COST')),
    name           text        NOT NULL,
    currency       text        NOT NULL,
    client         text,
    effective_from timestamptz NOT NULL,
    published_at   timestamptz NOT NULL,
    charges        text        NOT NULL,
    PRIMARY KEY (plan_id, version)
);

CREATE INDEX plan_version_effective_idx ON plan_version (kind, currency, effective_from);

CREATE TABLE plan_discount (
    id          uuid          PRIMARY KEY,
    revision    integer       NOT NULL,
    name        text          NOT NULL,
    type        text          NOT NULL,
    value       numeric       NOT NULL,
    currency    text,
    scope       text          NOT NULL,
    plan_id     uuid,
    charge_key  text,
    client      text,
    valid_from  timestamptz,
    valid_until timestamptz,
    archived    boolean       NOT NULL
);
