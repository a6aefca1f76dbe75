-- Daily totals beside the hourly ones: an open period's usage so far is its whole UTC days here plus its first
-- partial day from usage_hour, a few dozen rows per series instead of hundreds (the recompute benchmark).
CREATE TABLE usage_day (
    customer  text    NOT NULL,
    meter     text    NOT NULL,
    asset     text    NOT NULL DEFAULT '',
    dims      text    NOT NULL DEFAULT '{}',
    day       date    NOT NULL,
    value     numeric NOT NULL,
    events    bigint  NOT NULL,
    max_value numeric NOT NULL,
    PRIMARY KEY (customer, meter, day, asset, dims)
);

INSERT INTO usage_day (customer, meter, asset, dims, day, value, events, max_value)
SELECT customer, meter, asset, dims, (hour AT TIME ZONE 'UTC')::date, sum(value), sum(events), max(max_value)
FROM usage_hour GROUP BY 1, 2, 3, 4, 5;

-- Each series' fitted forecast model (its history's weekly profile, level and calibrated error), refitted every
-- meterline.projection.recompute.refit: a recompute applies it without reading the history again.
CREATE TABLE forecast_model (
    customer  text        NOT NULL,
    series    text        NOT NULL,
    fitted_at timestamptz NOT NULL,
    model     text        NOT NULL,
    PRIMARY KEY (customer, series)
);
