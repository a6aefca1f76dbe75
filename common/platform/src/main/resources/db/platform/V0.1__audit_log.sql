-- Every admin change writes one row here, in the same transaction as the change (architecture.md, "audited").
-- Versions 0.x are the platform's, shared by every service database; a service's own migrations start at V1.
CREATE TABLE audit_log (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    occurred_at timestamptz NOT NULL DEFAULT now(),
    actor       text        NOT NULL,
    actor_type  text        NOT NULL CHECK (actor_type IN ('user', 'api_key', 'system')),
    action      text        NOT NULL,
    table_name  text        NOT NULL,
    record_id   text        NOT NULL,
    old_values  jsonb,
    new_values  jsonb
);

CREATE INDEX audit_log_recent_idx ON audit_log (occurred_at DESC, id DESC);
CREATE INDEX audit_log_record_idx ON audit_log (table_name, record_id);
