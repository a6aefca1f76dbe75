-- Billing buckets: a client's commitment for one unit type (commit units, base price, overage rate).
CREATE TABLE bucket (
    id           uuid        PRIMARY KEY,
    client_id    uuid        NOT NULL REFERENCES client (id),
    unit_type_id uuid        NOT NULL REFERENCES unit_type (id),
    meter        text        NOT NULL,
    name         text        NOT NULL,
    source_type  text,
    commit_units numeric     NOT NULL CHECK (commit_units > 0),
    base_price   numeric     NOT NULL CHECK (base_price >= 0),
    overage_rate numeric     NOT NULL CHECK (overage_rate >= 0),
    starts_at    timestamptz NOT NULL,
    ends_at      timestamptz,
    reviewed     boolean     NOT NULL,
    enabled      boolean     NOT NULL,
    auto_provisioned boolean NOT NULL DEFAULT false,
    created_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL,
    version      bigint      NOT NULL,
    CHECK (ends_at IS NULL OR ends_at > starts_at)
);

CREATE INDEX bucket_client_idx ON bucket (client_id, meter);
CREATE INDEX bucket_unit_type_idx ON bucket (unit_type_id);

-- Which assets a bucket counts. One asset counts in at most one bucket per meter.
CREATE TABLE bucket_asset (
    bucket_id  uuid        NOT NULL REFERENCES bucket (id) ON DELETE CASCADE,
    meter      text        NOT NULL,
    asset      text        NOT NULL,
    bound_at   timestamptz NOT NULL,
    PRIMARY KEY (bucket_id, asset),
    UNIQUE (meter, asset)
);

-- Subscriptions: a client on a price plan (pricing's, versioned) for a time.
CREATE TABLE subscription (
    id                        uuid        PRIMARY KEY,
    client_id                 uuid        NOT NULL REFERENCES client (id),
    price_plan_id             uuid        NOT NULL,
    starts_at                 timestamptz NOT NULL,
    ends_at                   timestamptz,
    bill_meters_with_buckets  boolean     NOT NULL,
    created_at                timestamptz NOT NULL,
    updated_at                timestamptz NOT NULL,
    version                   bigint      NOT NULL,
    CHECK (ends_at IS NULL OR ends_at > starts_at)
);

CREATE INDEX subscription_client_idx ON subscription (client_id);
