-- Billing's copy of metering's assets (meterline.metering.assets, compacted), for auto-provisioning and the
-- unbound-assets view. client is the external id of the client the asset is assigned to.
CREATE TABLE asset (
    id          text        PRIMARY KEY,
    name        text,
    source      text,
    client      text,
    enabled     boolean     NOT NULL,
    disregarded boolean     NOT NULL,
    last_seen   timestamptz
);

CREATE INDEX asset_client_idx ON asset (client) WHERE NOT disregarded;
