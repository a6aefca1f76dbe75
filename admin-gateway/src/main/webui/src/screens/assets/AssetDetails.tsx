import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { metering, ok } from '../../api/http';
import { Chart } from '../../ui/Chart';
import { dateTime, quantity } from '../../ui/format';
import { Empty, ErrorState, Loading } from '../../ui/states';
import { yesNo } from '../../ui/format';

const DAYS = 30;

/** The selected asset: its facts and its daily usage per meter over the last 30 days. */
export function AssetDetails({ id, onClose }: { id: string; onClose: () => void }) {
  const ref = useRef<HTMLElement>(null);
  const asset = useQuery({
    queryKey: ['asset', id],
    queryFn: () => ok(metering.GET('/api/v1/assets/{id}', { params: { path: { id } } })),
  });
  const usage = useQuery({
    queryKey: ['asset', id, 'usage', DAYS],
    queryFn: () => ok(metering.GET('/api/v1/assets/{id}/usage', { params: { path: { id }, query: { days: DAYS } } })),
  });
  useEffect(() => {
    ref.current?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  }, [id]);
  const a = asset.data;
  return (
    <section className="card" aria-label={`Asset ${id}`} ref={ref} style={{ marginTop: 12 }}>
      <div className="page-title" style={{ marginBottom: 8 }}>
        <h2 style={{ margin: 0 }}>
          Asset <code>{id}</code>
          {a?.name ? ` · ${a.name}` : ''}
        </h2>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
      {asset.isPending ? (
        <Loading what="the asset" />
      ) : asset.isError ? (
        <ErrorState error={asset.error} onRetry={() => asset.refetch()} />
      ) : (
        <dl className="facts" style={{ marginBottom: 12 }}>
          <dt>Client</dt>
          <dd>{a?.client ?? 'unassigned'}</dd>
          <dt>Source</dt>
          <dd>{a?.source ?? '—'}</dd>
          <dt>Description</dt>
          <dd>{a?.description ?? '—'}</dd>
          <dt>Acknowledged · enabled · disregarded</dt>
          <dd>
            {yesNo(a?.acknowledged)} · {yesNo(a?.enabled)} · {yesNo(a?.disregarded)}
          </dd>
          <dt>First seen · last seen</dt>
          <dd>
            {dateTime(a?.firstSeen)} · {dateTime(a?.lastSeen)}
          </dd>
        </dl>
      )}
      <h2>Usage, last {DAYS} days</h2>
      {usage.isPending ? (
        <Loading what="usage" />
      ) : usage.isError ? (
        <ErrorState error={usage.error} onRetry={() => usage.refetch()} />
      ) : Object.keys(usage.data).length === 0 ? (
        <Empty>No usage in the last {DAYS} days.</Empty>
      ) : (
        <UsageChart id={id} series={usage.data} />
      )}
    </section>
  );
}

type Rows = Record<string, { windowStart?: string; value?: string }[]>;

function UsageChart({ id, series }: { id: string; series: Rows }) {
  // Meters count different units: the legend hides and shows each.
  const meters = Object.keys(series);
  const days: string[] = [];
  const end = Date.now();
  for (let i = DAYS - 1; i >= 0; i--) days.push(new Date(end - i * 86_400_000).toISOString().substring(0, 10));
  const value = (m: string, day: string) => {
    const row = series[m].find((r) => r.windowStart?.substring(0, 10) === day);
    return row?.value === undefined ? 0 : Number(row.value);
  };
  return (
    <Chart
      label={`Daily usage of ${id}`}
      option={{
        tooltip: { trigger: 'axis' },
        legend: { data: meters, top: 0 },
        grid: { left: 60, right: 20, top: 30, bottom: 30 },
        xAxis: { type: 'category', data: days.map((d) => d.substring(5)) },
        yAxis: { type: 'value', axisLabel: { formatter: (v: number) => quantity(v, 2) } },
        series: meters.map((m) =>
          meters.length > 1
            ? { name: m, type: 'line' as const, showSymbol: false, data: days.map((d) => value(m, d)) }
            : { name: m, type: 'bar' as const, data: days.map((d) => value(m, d)) },
        ),
      }}
    />
  );
}
