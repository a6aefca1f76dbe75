-- Clients: the customers billing invoices. external_id is the `customer` on usage events.
CREATE TABLE client (
    id                   uuid        PRIMARY KEY,
    name                 text        NOT NULL,
    external_id          text        NOT NULL,
    currency             text        NOT NULL,
    time_zone            text        NOT NULL,
    cycle_type           text        NOT NULL CHECK (cycle_type IN ('CALENDAR_MONTH', 'ANNIVERSARY')),
    anchor_day           integer     CHECK (anchor_day BETWEEN 1 AND 31),
    starts_at            timestamptz NOT NULL,
    ends_at              timestamptz,
    grace_period_seconds bigint      NOT NULL CHECK (grace_period_seconds >= 0),
    payment_terms_days   integer     NOT NULL CHECK (payment_terms_days >= 0),
    enabled              boolean     NOT NULL,
    stripe_customer_id   text,
    created_at           timestamptz NOT NULL,
    updated_at           timestamptz NOT NULL,
    version              bigint      NOT NULL,
    CHECK ((cycle_type = 'ANNIVERSARY') = (anchor_day IS NOT NULL)),
    CHECK (ends_at IS NULL OR ends_at > starts_at)
);

CREATE UNIQUE INDEX client_external_id_key ON client (external_id);
CREATE INDEX client_name_idx ON client (lower(name), id);
