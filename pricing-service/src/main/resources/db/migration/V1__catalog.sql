-- The pricing catalog: unit types (bucket templates), price plans and cost-rate plans (a draft plus immutable,
-- effective-dated versions), and discounts. Amounts are numeric with 9 decimals; a currency sits beside them.

CREATE TABLE unit_type (
    id             uuid PRIMARY KEY,
    name           text        NOT NULL,
    description    text,
    meter          text        NOT NULL,
    aggregation    text        NOT NULL CHECK (aggregation IN ('SUM', 'COUNT', 'MAX', 'MIN', 'AVG', 'UNIQUE_COUNT', 'LATEST')),
    auto_provision boolean     NOT NULL DEFAULT false,
    currency       char(3)     NOT NULL,
    commit_units   numeric(38, 9),
    base_price     numeric(38, 9),
    overage_rate   numeric(38, 9),
    filter_on      text CHECK (filter_on IN ('ASSET_NAME', 'SOURCE')),
    filter_pattern text,
    revision       int         NOT NULL DEFAULT 1,
    deleted        boolean     NOT NULL DEFAULT false,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX unit_type_name_idx ON unit_type (lower(name)) WHERE NOT deleted;

-- kind PRICE: what a client pays; kind COST: what the same usage costs us. Same structure, same engine.
CREATE TABLE plan (
    id             uuid PRIMARY KEY,
    kind           text        NOT NULL CHECK (kind IN ('PRICE', 'COST')),
    name           text        NOT NULL,
    description    text,
    currency       char(3)     NOT NULL,
    client         text,
    draft_charges  jsonb       NOT NULL,
    draft_revision int         NOT NULL DEFAULT 1,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX plan_name_idx ON plan (kind, lower(name));
CREATE INDEX plan_client_idx ON plan (client) WHERE client IS NOT NULL;

-- Published versions are never updated or deleted.
CREATE TABLE plan_version (
    plan_id        uuid        NOT NULL REFERENCES plan (id),
    version        int         NOT NULL,
    effective_from timestamptz NOT NULL,
    currency       char(3)     NOT NULL,
    charges        jsonb       NOT NULL,
    published_at   timestamptz NOT NULL DEFAULT now(),
    published_by   text        NOT NULL,
    PRIMARY KEY (plan_id, version)
);
CREATE INDEX plan_version_effective_idx ON plan_version (plan_id, effective_from DESC);

CREATE TABLE discount (
    id          uuid PRIMARY KEY,
    name        text           NOT NULL,
    type        text           NOT NULL CHECK (type IN ('PERCENT', 'AMOUNT')),
    value       numeric(38, 9) NOT NULL CHECK (value >= 0),
    currency    char(3),
    scope       text           NOT NULL CHECK (scope IN ('PLAN', 'CHARGE', 'CLIENT')),
    plan_id     uuid REFERENCES plan (id),
    charge_key  text,
    client      text,
    valid_from  timestamptz,
    valid_until timestamptz,
    revision    int            NOT NULL DEFAULT 1,
    archived    boolean        NOT NULL DEFAULT false,
    created_at  timestamptz    NOT NULL DEFAULT now(),
    updated_at  timestamptz    NOT NULL DEFAULT now(),
    CHECK (scope <> 'CLIENT' OR client IS NOT NULL),
    CHECK (scope = 'CLIENT' OR plan_id IS NOT NULL),
    CHECK (scope <> 'CHARGE' OR charge_key IS NOT NULL),
    CHECK (valid_from IS NULL OR valid_until IS NULL OR valid_from < valid_until)
);
CREATE INDEX discount_plan_idx ON discount (plan_id) WHERE NOT archived;
CREATE INDEX discount_client_idx ON discount (client) WHERE NOT archived;
