-- Billing runs: jobs that close periods. Each selected client is one row, done in its own transaction.
CREATE TABLE billing_run (
    id           uuid        PRIMARY KEY,
    status       text        NOT NULL CHECK (status IN ('QUEUED', 'RUNNING', 'SUCCEEDED', 'PARTIAL', 'FAILED')),
    as_of        timestamptz NOT NULL,
    all_clients  boolean     NOT NULL,
    total        integer     NOT NULL,
    done         integer     NOT NULL,
    failed       integer     NOT NULL,
    invoices     integer     NOT NULL,
    requested_by text        NOT NULL,
    created_at   timestamptz NOT NULL,
    started_at   timestamptz,
    finished_at  timestamptz,
    -- The process working on the run, and when it last said so: a run whose owner went silent is picked up again.
    owner        text,
    heartbeat_at timestamptz,
    version      bigint      NOT NULL
);

CREATE INDEX billing_run_open_idx ON billing_run (created_at) WHERE status IN ('QUEUED', 'RUNNING');
CREATE INDEX billing_run_recent_idx ON billing_run (created_at DESC);

CREATE TABLE billing_run_client (
    run_id    uuid    NOT NULL REFERENCES billing_run (id),
    client_id uuid    NOT NULL REFERENCES client (id),
    status    text    NOT NULL CHECK (status IN ('PENDING', 'DONE', 'FAILED')),
    invoices  integer NOT NULL DEFAULT 0,
    error     text,
    PRIMARY KEY (run_id, client_id)
);

CREATE INDEX billing_run_client_pending_idx ON billing_run_client (run_id, client_id) WHERE status = 'PENDING';

-- Invoices: one per client and period, immutable once finalized; numbers gap-free per currency and UTC year.
CREATE TABLE invoice (
    id             uuid        PRIMARY KEY,
    number         text        NOT NULL UNIQUE,
    client_id      uuid        NOT NULL REFERENCES client (id),
    period_start   timestamptz NOT NULL,
    period_end     timestamptz NOT NULL,
    currency       text        NOT NULL,
    status         text        NOT NULL CHECK (status IN ('FINALIZED', 'PAID', 'VOID')),
    total          numeric     NOT NULL CHECK (total >= 0),
    credit_carried numeric     NOT NULL,
    issued_at      timestamptz NOT NULL,
    due_at         timestamptz NOT NULL,
    billing_run_id uuid,
    paid_at        timestamptz,
    voided_at      timestamptz,
    void_reason    text,
    stripe_status  text CHECK (stripe_status IN ('PENDING', 'SYNCED', 'FAILED')),
    stripe_invoice_id text,
    stripe_error   text,
    stripe_attempts integer    NOT NULL DEFAULT 0,
    version        bigint      NOT NULL,
    UNIQUE (client_id, period_start)
);

CREATE INDEX invoice_client_idx ON invoice (client_id, period_start DESC);
CREATE INDEX invoice_stripe_pending_idx ON invoice (issued_at) WHERE stripe_status = 'PENDING';

CREATE TABLE invoice_line (
    invoice_id      uuid    NOT NULL REFERENCES invoice (id),
    position        integer NOT NULL,
    kind            text    NOT NULL CHECK (kind IN ('BASE', 'OVERAGE', 'CHARGE', 'MINIMUM', 'DISCOUNT', 'ADJUSTMENT',
                                                     'CREDIT')),
    description     text    NOT NULL,
    quantity        numeric,
    unit_price      numeric,
    amount          numeric NOT NULL,
    bucket_id       uuid,
    charge_key      text,
    dimensions      text,
    corrects_period timestamptz,
    PRIMARY KEY (invoice_id, position)
);

CREATE INDEX invoice_line_corrections_idx ON invoice_line (corrects_period) WHERE kind = 'ADJUSTMENT';

-- Readings: per bucket, or per plan charge and dimension set, and period: usage, billed, cost.
CREATE TABLE billing_reading (
    id             uuid        PRIMARY KEY,
    invoice_id     uuid        NOT NULL REFERENCES invoice (id),
    client_id      uuid        NOT NULL REFERENCES client (id),
    period_start   timestamptz NOT NULL,
    period_end     timestamptz NOT NULL,
    currency       text        NOT NULL,
    bucket_id      uuid,
    unit_type_id   uuid,
    source_type    text,
    charge_key     text,
    meter          text        NOT NULL,
    dimensions     text        NOT NULL,
    usage          numeric     NOT NULL,
    commit_units   numeric,
    overage_units  numeric,
    overage_amount numeric,
    buffer_units   numeric,
    buffer_amount  numeric,
    base_amount    numeric,
    billed_amount  numeric     NOT NULL,
    cost           numeric     NOT NULL,
    uncosted_usage numeric     NOT NULL,
    finalized      boolean     NOT NULL
);

CREATE INDEX billing_reading_client_idx ON billing_reading (client_id, period_start DESC);
CREATE INDEX billing_reading_period_idx ON billing_reading (period_start, unit_type_id);

CREATE TABLE invoice_sequence (
    currency text    NOT NULL,
    year     integer NOT NULL,
    last     bigint  NOT NULL,
    PRIMARY KEY (currency, year)
);
