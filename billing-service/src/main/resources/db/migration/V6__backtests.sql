-- Backtests: a past period re-rated under a candidate plan. Nothing but the result is stored.
CREATE TABLE backtest (
    id           uuid        PRIMARY KEY,
    price_plan   uuid        NOT NULL,
    version      integer,
    period       text        NOT NULL,
    requested_by text        NOT NULL,
    created_at   timestamptz NOT NULL,
    result       text        NOT NULL
);

CREATE INDEX backtest_recent_idx ON backtest (created_at DESC);
