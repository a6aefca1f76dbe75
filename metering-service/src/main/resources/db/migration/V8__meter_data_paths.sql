-- OpenMeter-style meters: the CloudEvent type a meter reads when it is not the meter's name (eventType), and where a
-- CloudEvent carries the value (valueProperty) and each dimension (groupBy) in data. Without them a meter reads the
-- CloudEvents typed with its name, data.value, and each dimension from the data field of its name, as before.
ALTER TABLE meter ADD COLUMN event_type text;
ALTER TABLE meter ADD COLUMN value_property text;
ALTER TABLE meter ADD COLUMN group_by jsonb NOT NULL DEFAULT '{}';
-- A CloudEvent's type picks exactly one meter.
CREATE UNIQUE INDEX meter_event_type_key ON meter (event_type) WHERE event_type IS NOT NULL;
