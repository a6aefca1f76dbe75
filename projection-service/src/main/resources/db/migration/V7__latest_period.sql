-- Each client's most recent closed period (not void) is flagged. The dashboard and over/under read "last period"
-- for every client, and finding it by sorting every invoice took most of their time (12 months x 1,000 clients).
-- ClosedPeriods keeps the flag in the transaction that records or voids an invoice.
ALTER TABLE closed_invoice ADD COLUMN latest boolean NOT NULL DEFAULT false;

UPDATE closed_invoice ci SET latest = true
FROM (SELECT DISTINCT ON (client_id) id FROM closed_invoice WHERE voided_at IS NULL
      ORDER BY client_id, period_start DESC, issued_at DESC, id) last
WHERE ci.id = last.id;

CREATE INDEX closed_invoice_latest_idx ON closed_invoice (client_id) WHERE latest;
