-- Alert rules: what to watch, where, and where to say so.
CREATE TABLE alert_rule (
    id             uuid        PRIMARY KEY,
    name           text        NOT NULL,
    kind           text        NOT NULL,
    client_id      uuid,
    bucket_id      uuid,
    meter          text,
    threshold      numeric     NOT NULL,
    warning_at     numeric,
    webhook_url    text,
    webhook_secret text,
    enabled        boolean     NOT NULL,
    created_at     timestamptz NOT NULL,
    updated_at     timestamptz NOT NULL,
    version        bigint      NOT NULL
);

-- Each rule's state per scope (a client, a bucket or plan charge line, a client's meter).
CREATE TABLE alert_state (
    rule_id         uuid        NOT NULL REFERENCES alert_rule (id) ON DELETE CASCADE,
    scope           text        NOT NULL,
    client_id       uuid,
    status          text        NOT NULL,
    since           timestamptz NOT NULL,
    notified_period timestamptz,
    period_start    timestamptz NOT NULL,
    value           numeric,
    evaluated_at    timestamptz NOT NULL,
    version         bigint      NOT NULL,
    PRIMARY KEY (rule_id, scope)
);

CREATE INDEX alert_state_status_idx ON alert_state (status, rule_id);

-- Every state change, kept.
CREATE TABLE alert_history (
    id          uuid        PRIMARY KEY,
    rule_id     uuid        NOT NULL REFERENCES alert_rule (id) ON DELETE CASCADE,
    scope       text        NOT NULL,
    from_status text,
    to_status   text        NOT NULL,
    value       numeric,
    threshold   numeric     NOT NULL,
    notified    boolean     NOT NULL,
    at          timestamptz NOT NULL
);

CREATE INDEX alert_history_rule_idx ON alert_history (rule_id, at DESC);

-- Webhook deliveries (one per notification) and each attempt at one.
CREATE TABLE webhook_delivery (
    id              uuid        PRIMARY KEY,
    rule_id         uuid        NOT NULL REFERENCES alert_rule (id) ON DELETE CASCADE,
    url             text        NOT NULL,
    payload         text        NOT NULL,
    status          text        NOT NULL CHECK (status IN ('PENDING', 'DELIVERED', 'FAILED')),
    attempts        integer     NOT NULL,
    next_attempt_at timestamptz,
    created_at      timestamptz NOT NULL,
    delivered_at    timestamptz,
    version         bigint      NOT NULL
);

CREATE INDEX webhook_delivery_due_idx ON webhook_delivery (next_attempt_at) WHERE status = 'PENDING';
CREATE INDEX webhook_delivery_rule_idx ON webhook_delivery (rule_id, created_at DESC);

CREATE TABLE webhook_attempt (
    delivery_id  uuid        NOT NULL REFERENCES webhook_delivery (id) ON DELETE CASCADE,
    attempt      integer     NOT NULL,
    at           timestamptz NOT NULL,
    status_code  integer,
    error        text,
    duration_ms  bigint      NOT NULL,
    PRIMARY KEY (delivery_id, attempt)
);
