-- Projection's own copy of what pricing and billing publish (a service never reads another's database): each row
-- holds the latest revision of one record, as its versioned contract payload (JSON). kind is one of CLIENT, BUCKET,
-- SUBSCRIPTION (from meterline.billing.events), PLAN_VERSION, DISCOUNT, UNIT_TYPE (from meterline.pricing.catalog).
-- client and customer are billing's client id and the client's customer id (on usage events), for the billing kinds,
-- so a client's records are read together.
CREATE TABLE replica (
    kind     text   NOT NULL,
    id       text   NOT NULL,
    revision bigint NOT NULL,
    client   uuid,
    customer text,
    payload  text   NOT NULL,
    PRIMARY KEY (kind, id)
);

CREATE INDEX replica_client_idx ON replica (client, kind) WHERE client IS NOT NULL;
CREATE INDEX replica_customer_idx ON replica (customer, kind) WHERE customer IS NOT NULL;

-- Real-time usage from meterline.usage.metered, summed per customer, meter, asset, dimension set and UTC hour.
-- The consumer writes it with hand-written set-based SQL (the freshness benchmark's hot path).
CREATE TABLE usage_hour (
    customer text        NOT NULL,
    meter    text        NOT NULL,
    asset    text        NOT NULL DEFAULT '',
    dims     text        NOT NULL DEFAULT '{}',
    hour     timestamptz NOT NULL,
    value    numeric     NOT NULL,
    events   bigint      NOT NULL,
    max_value numeric    NOT NULL,
    PRIMARY KEY (customer, meter, hour, asset, dims)
);

-- The same per customer, meter and hour: the series each forecast learns from (a client's own history).
CREATE TABLE usage_meter_hour (
    customer  text        NOT NULL,
    meter     text        NOT NULL,
    hour      timestamptz NOT NULL,
    value     numeric     NOT NULL,
    events    bigint      NOT NULL,
    max_value numeric     NOT NULL,
    PRIMARY KEY (customer, meter, hour)
);

-- Each metered event identity applied once (delivery is at least once). Kept for a retention window
-- (meterline.projection.usage.seen-retention), long enough for any redelivery.
CREATE TABLE metered_event_seen (
    scope    text        NOT NULL,
    event_id text        NOT NULL,
    seen_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (scope, event_id)
);

CREATE INDEX metered_event_seen_at_idx ON metered_event_seen (seen_at);

-- Customers whose usage changed since their projection was last computed (the debounce queue).
CREATE TABLE dirty_customer (
    customer   text        PRIMARY KEY,
    changed_at timestamptz NOT NULL
);

-- The open period's projection of each client, per bucket and per plan charge and dimension set. Replaced whole
-- on each recompute of the client.
CREATE TABLE projection (
    client_id          uuid        NOT NULL,
    line               text        NOT NULL,
    external_id        text        NOT NULL,
    bucket_id          uuid,
    charge_key         text,
    meter              text        NOT NULL,
    dimensions         text,
    unit_type_id       uuid,
    source_type        text,
    period_start       timestamptz NOT NULL,
    period_end         timestamptz NOT NULL,
    currency           text        NOT NULL,
    current_usage      numeric     NOT NULL,
    projected_usage    numeric     NOT NULL,
    projected_low      numeric     NOT NULL,
    projected_high     numeric     NOT NULL,
    commit_units       numeric,
    percent_of_commit  numeric,
    current_revenue    numeric     NOT NULL,
    current_cost       numeric     NOT NULL,
    projected_cost     numeric     NOT NULL,
    projected_metered_cost numeric NOT NULL,
    projected_overage  numeric,
    projected_buffer   numeric,
    method             text        NOT NULL,
    calculated_at      timestamptz NOT NULL,
    PRIMARY KEY (client_id, line)
);

-- The open period's totals of each client: revenue (what the period would invoice, after discounts, before
-- adjustments and credits) and metered cost, so far and projected.
CREATE TABLE projection_total (
    client_id          uuid        PRIMARY KEY,
    external_id        text        NOT NULL,
    period_start       timestamptz NOT NULL,
    period_end         timestamptz NOT NULL,
    currency           text        NOT NULL,
    current_revenue    numeric     NOT NULL,
    current_cost       numeric     NOT NULL,
    projected_revenue  numeric     NOT NULL,
    projected_cost     numeric     NOT NULL,
    calculated_at      timestamptz NOT NULL
);

-- Closed periods, from billing's InvoiceFinalized: the invoice and its readings and lines.
CREATE TABLE closed_invoice (
    id           uuid        PRIMARY KEY,
    number       text        NOT NULL,
    client_id    uuid        NOT NULL,
    external_id  text        NOT NULL,
    currency     text        NOT NULL,
    period_start timestamptz NOT NULL,
    period_end   timestamptz NOT NULL,
    total        numeric     NOT NULL,
    issued_at    timestamptz NOT NULL,
    voided_at    timestamptz
);

CREATE INDEX closed_invoice_period_idx ON closed_invoice (period_start, client_id);

CREATE TABLE closed_reading (
    invoice_id     uuid    NOT NULL REFERENCES closed_invoice (id),
    position       integer NOT NULL,
    bucket_id      uuid,
    unit_type_id   uuid,
    source_type    text,
    charge_key     text,
    meter          text    NOT NULL,
    dimensions     text    NOT NULL DEFAULT '{}',
    usage          numeric NOT NULL,
    commit_units   numeric,
    overage_units  numeric,
    overage_amount numeric,
    buffer_units   numeric,
    buffer_amount  numeric,
    billed_amount  numeric NOT NULL,
    cost           numeric NOT NULL,
    PRIMARY KEY (invoice_id, position)
);

-- Invoice lines that are not a reading's own amount: plan-level discounts, late-usage adjustments (counted in the
-- period they correct) and credits.
CREATE TABLE closed_line (
    invoice_id      uuid        NOT NULL REFERENCES closed_invoice (id),
    position        integer     NOT NULL,
    kind            text        NOT NULL,
    amount          numeric     NOT NULL,
    bucket_id       uuid,
    charge_key      text,
    corrects_period timestamptz,
    PRIMARY KEY (invoice_id, position)
);
