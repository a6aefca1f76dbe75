-- How far billing has invoiced each client, from its invoice-finalized events on meterline.billing.events: a month of
-- raw events is dropped only once every enabled client has been invoiced past its end (ingest/RawRetention).
ALTER TABLE billing_client ADD COLUMN billed_through timestamptz;
