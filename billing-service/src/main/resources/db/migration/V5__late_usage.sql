-- What happens to usage stored for a period after its invoice was finalized, per meter (default ADJUST_NEXT).
CREATE TABLE late_usage_policy (
    meter      text        PRIMARY KEY,
    policy     text        NOT NULL CHECK (policy IN ('ADJUST_NEXT', 'REJECT')),
    updated_at timestamptz NOT NULL,
    version    bigint      NOT NULL
);

-- Late usage of REJECT meters: reported, never billed. One row per client, period and meter, kept up to date.
CREATE TABLE late_usage_report (
    client_id     uuid        NOT NULL REFERENCES client (id),
    period_start  timestamptz NOT NULL,
    period_end    timestamptz NOT NULL,
    meter         text        NOT NULL,
    billed_usage  numeric     NOT NULL,
    current_usage numeric     NOT NULL,
    detected_at   timestamptz NOT NULL,
    PRIMARY KEY (client_id, period_start, meter)
);
