-- The margin queries (benchmarked: p95 < 200 ms over 12 months × 1,000 clients) read ready rows, computed once when a
-- row is written instead of by window functions and joins on every request:
-- * each closed reading's and each open projection line's revenue: what it bills plus its share of the period's
--   plan-level discounts (DiscountSpread), so grouping by meter, dimension or source type adds up to the period;
-- * each closed invoice's revenue and metered cost, overage and buffer (the sums of its readings'), for figures by
--   client and by month;
-- * each late-usage adjustment with the meter and source type it corrects;
-- * dimension sets already parsed (jsonb), for grouping by a dimension;
-- * closed periods summed across clients (closed_rollup), for every client's figures by meter, dimension or source
--   type: a row per period, meter, source type and dimension set instead of a row per client's reading.
-- The backfills below spread an existing discount the same way, to the same 12 decimals, without DiscountSpread's
-- last-line remainder (at most a few units in the 12th decimal); a projection is written again by its client's next
-- recompute anyway.

ALTER TABLE closed_reading ADD COLUMN revenue numeric;
UPDATE closed_reading r SET revenue = r.billed_amount + CASE
        WHEN coalesce(d.amount, 0) = 0 THEN 0
        WHEN t.charge_total <> 0 THEN CASE WHEN r.charge_key IS NOT NULL
                                           THEN round(d.amount * r.billed_amount / t.charge_total, 12) ELSE 0 END
        WHEN t.all_total <> 0 THEN round(d.amount * r.billed_amount / t.all_total, 12)
        ELSE 0 END
FROM (SELECT invoice_id, coalesce(sum(billed_amount) FILTER (WHERE charge_key IS NOT NULL), 0) AS charge_total,
             sum(billed_amount) AS all_total
      FROM closed_reading GROUP BY invoice_id) t
LEFT JOIN (SELECT invoice_id, sum(amount) AS amount FROM closed_line
           WHERE kind = 'DISCOUNT' AND charge_key IS NULL GROUP BY invoice_id) d ON d.invoice_id = t.invoice_id
WHERE t.invoice_id = r.invoice_id;
ALTER TABLE closed_reading ALTER COLUMN revenue SET NOT NULL;
ALTER TABLE closed_reading ADD COLUMN dimension_set jsonb GENERATED ALWAYS AS (dimensions::jsonb) STORED;

ALTER TABLE closed_invoice ADD COLUMN revenue numeric NOT NULL DEFAULT 0;
ALTER TABLE closed_invoice ADD COLUMN cost numeric NOT NULL DEFAULT 0;
ALTER TABLE closed_invoice ADD COLUMN overage_amount numeric NOT NULL DEFAULT 0;
ALTER TABLE closed_invoice ADD COLUMN buffer_amount numeric NOT NULL DEFAULT 0;
UPDATE closed_invoice ci SET revenue = s.revenue, cost = s.cost, overage_amount = s.overage_amount,
    buffer_amount = s.buffer_amount
FROM (SELECT invoice_id, sum(revenue) AS revenue, sum(cost) AS cost,
             coalesce(sum(overage_amount) FILTER (WHERE bucket_id IS NOT NULL), 0) AS overage_amount,
             coalesce(sum(buffer_amount) FILTER (WHERE bucket_id IS NOT NULL), 0) AS buffer_amount
      FROM closed_reading GROUP BY invoice_id) s
WHERE s.invoice_id = ci.id;
ALTER TABLE closed_invoice ALTER COLUMN revenue DROP DEFAULT;
ALTER TABLE closed_invoice ALTER COLUMN cost DROP DEFAULT;
ALTER TABLE closed_invoice ALTER COLUMN overage_amount DROP DEFAULT;
ALTER TABLE closed_invoice ALTER COLUMN buffer_amount DROP DEFAULT;

ALTER TABLE closed_line ADD COLUMN meter text;
ALTER TABLE closed_line ADD COLUMN source_type text;
UPDATE closed_line l SET (meter, source_type) = (
    SELECT cr.meter, cr.source_type FROM closed_invoice ci
    JOIN closed_invoice own ON own.id = l.invoice_id AND own.client_id = ci.client_id
    JOIN closed_reading cr ON cr.invoice_id = ci.id
    WHERE cr.bucket_id = l.bucket_id OR (l.bucket_id IS NULL AND cr.charge_key = l.charge_key)
    ORDER BY ci.period_start = l.corrects_period DESC, ci.period_start DESC, cr.position LIMIT 1)
WHERE l.kind = 'ADJUSTMENT';
CREATE INDEX closed_line_adjustment_idx ON closed_line (corrects_period) WHERE kind = 'ADJUSTMENT';

-- One client's margin, its last closed period, and an adjustment's corrected reading are looked up by client.
CREATE INDEX closed_invoice_client_idx ON closed_invoice (client_id, period_start);

-- Projection lines and totals are rewritten all day by the freshness path; room left in each page lets an update stay
-- on its page without touching the primary key (a HOT update: 25% of line updates with full pages, 96% with half of
-- each page free; 70% full keeps most of that and the margin queries' scan of the lines short).
-- Adding the stored column below rewrites the lines' table with the room; the totals' pages get it as they fill.
ALTER TABLE projection SET (fillfactor = 70);
ALTER TABLE projection_total SET (fillfactor = 70);

ALTER TABLE projection ADD COLUMN projected_revenue numeric;
UPDATE projection p SET projected_revenue = p.projected_cost + CASE
        WHEN tot.projected_revenue = t.all_total THEN 0
        WHEN t.charge_total <> 0 THEN CASE WHEN p.charge_key IS NOT NULL
                                           THEN round((tot.projected_revenue - t.all_total) * p.projected_cost
                                                      / t.charge_total, 12)
                                           ELSE 0 END
        WHEN t.all_total <> 0 THEN round((tot.projected_revenue - t.all_total) * p.projected_cost / t.all_total, 12)
        ELSE 0 END
FROM projection_total tot
JOIN (SELECT client_id, sum(projected_cost) AS all_total,
             coalesce(sum(projected_cost) FILTER (WHERE charge_key IS NOT NULL), 0) AS charge_total
      FROM projection GROUP BY client_id) t ON t.client_id = tot.client_id
WHERE tot.client_id = p.client_id;
UPDATE projection SET projected_revenue = projected_cost WHERE projected_revenue IS NULL;
ALTER TABLE projection ALTER COLUMN projected_revenue SET NOT NULL;
ALTER TABLE projection ADD COLUMN dimension_set jsonb GENERATED ALWAYS AS (dimensions::jsonb) STORED;

-- Every client's closed periods summed per period, currency, meter, source type ('' for none, to be part of the key)
-- and dimension set; adjustments on the period they correct. ClosedPeriods adds an invoice when it is recorded and takes
-- it away when it is voided, in the same transaction; readings counts what a row holds, and a row at 0 goes.
CREATE TABLE closed_rollup (
    period_start  timestamptz NOT NULL,
    currency      text        NOT NULL,
    meter         text        NOT NULL,
    source_type   text        NOT NULL,
    dimensions    text        NOT NULL,
    dimension_set jsonb       GENERATED ALWAYS AS (dimensions::jsonb) STORED,
    readings      integer     NOT NULL,
    usage         numeric     NOT NULL,
    cost          numeric     NOT NULL,
    revenue       numeric     NOT NULL,
    PRIMARY KEY (period_start, currency, meter, source_type, dimensions)
);
INSERT INTO closed_rollup (period_start, currency, meter, source_type, dimensions, readings, usage, cost, revenue)
SELECT period_start, currency, meter, source_type, dimensions, count(*), sum(usage), sum(cost), sum(revenue) FROM (
    SELECT ci.period_start, ci.currency, r.meter, coalesce(r.source_type, '') AS source_type, r.dimensions, r.usage,
           r.cost, r.revenue
    FROM closed_invoice ci JOIN closed_reading r ON r.invoice_id = ci.id WHERE ci.voided_at IS NULL
    UNION ALL
    SELECT l.corrects_period, ci.currency, coalesce(l.meter, '(unattributed)'), coalesce(l.source_type, ''), '{}', 0, 0,
           l.amount
    FROM closed_invoice ci JOIN closed_line l ON l.invoice_id = ci.id
    WHERE ci.voided_at IS NULL AND l.kind = 'ADJUSTMENT') x
GROUP BY 1, 2, 3, 4, 5;
