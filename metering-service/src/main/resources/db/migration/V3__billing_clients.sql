-- billing's clients as metering last heard of them (meterline.billing.events): an asset may only be assigned to a
-- client billing knows and bills. external_id is the customer on usage events.
CREATE TABLE billing_client (
    client_id   uuid    PRIMARY KEY,
    external_id text    NOT NULL,
    enabled     boolean NOT NULL,
    revision    bigint  NOT NULL
);

CREATE INDEX billing_client_external_idx ON billing_client (external_id);
