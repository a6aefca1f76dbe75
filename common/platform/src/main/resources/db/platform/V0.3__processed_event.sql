-- Idempotent consumers: the id of every event a consumer has applied, written in the same transaction as the effect,
-- so that a redelivered event (at-least-once relays, rebalances, replays of a compacted topic) is applied once.
CREATE TABLE processed_event (
    consumer     text        NOT NULL,
    event_id     text        NOT NULL,
    processed_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, event_id)
);
