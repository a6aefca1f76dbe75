-- Meters and assets are Hibernate Reactive entities for admin changes: a version for optimistic locking. The ingest
-- writer's upsert of an asset's sightings leaves the version alone, so it never makes an admin's change conflict.
ALTER TABLE meter ADD COLUMN version bigint NOT NULL DEFAULT 0;

ALTER TABLE asset ADD COLUMN version bigint NOT NULL DEFAULT 0;
