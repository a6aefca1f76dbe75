-- API keys and suppression rules are Hibernate Reactive entities: a version for optimistic locking of admin changes.
ALTER TABLE api_key ADD COLUMN version bigint NOT NULL DEFAULT 0;

ALTER TABLE suppression ADD COLUMN version bigint NOT NULL DEFAULT 0;
