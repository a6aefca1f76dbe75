import { createColumnHelper, type ColumnDef } from '@tanstack/react-table';
import type { MeteringSchemas } from '../../api/types';
import { Chart } from '../../ui/Chart';
import { DataTable } from '../../ui/DataTable';
import { dateTime, quantity } from '../../ui/format';
import { useListParams } from '../../ui/listParams';
import { Empty } from '../../ui/states';
import { downloadCsv, localPage } from '../settings/lists';
import type { Meter } from './meters';

type UsageRow = MeteringSchemas['UsageRow'];
type Granularity = 'HOUR' | 'DAY' | 'MONTH';

// More series than this make an unreadable chart: the largest groups are drawn, the table holds them all.
const MAX_SERIES = 12;

/** A group's name: its customer, asset and dimension values, in the order grouped by. */
function groupOf(row: UsageRow, groupBy: string[]): string {
  if (!groupBy.length) return 'total';
  return groupBy
    .map((g) => (g === 'customer' ? row.customer : g === 'asset' ? row.asset : row.dimensions?.[g]) ?? '(none)')
    .join(' · ');
}

function windowLabel(iso: string | undefined, granularity: Granularity | undefined): string {
  if (!iso) return '—';
  if (granularity === 'HOUR') return dateTime(iso);
  if (granularity === 'MONTH') return iso.substring(0, 7);
  return iso.substring(0, 10);
}

export function UsageResults({
  rows,
  meter,
  groupBy,
  granularity,
  refreshing,
}: {
  rows: UsageRow[];
  meter: Meter;
  groupBy: string[];
  granularity: Granularity | undefined;
  refreshing: boolean;
}) {
  const params = useListParams();
  const unit = meter.unit ?? '';
  // Only sums and counts add up across groups and windows; a MAX or an AVG does not.
  const additive = meter.aggregation === 'SUM' || meter.aggregation === 'COUNT';
  if (!rows.length) return <Empty>No usage of {meter.apiName} matches in this range.</Empty>;
  // A row's place in the answer is its identity: the API answers each window and group once, in order.
  const position = new Map(rows.map((r, i) => [r, i]));
  const fields: Record<string, (r: UsageRow) => string | undefined> = {
    windowStart: (r) => r.windowStart,
    customer: (r) => r.customer,
    asset: (r) => r.asset,
    value: (r) => r.value,
  };
  groupBy.filter((g) => g !== 'customer' && g !== 'asset').forEach((d) => (fields[d] = (r) => r.dimensions?.[d]));
  return (
    <div aria-busy={refreshing}>
      <section className="card" aria-label="Usage chart">
        <h2>
          {meter.displayName ?? meter.apiName} {granularity ? `per ${granularity.toLowerCase()}` : 'over the range'}
          {unit ? ` (${unit})` : ''}
        </h2>
        <UsageChart rows={rows} groupBy={groupBy} granularity={granularity} additive={additive} label={meter.apiName ?? ''} />
      </section>
      <div className="filters">
        <span className="muted">
          {rows.length} rows. {granularity === 'HOUR' ? 'Hours in your time zone.' : granularity ? 'Windows are UTC.' : ''}
        </span>
        <button
          type="button"
          onClick={() =>
            downloadCsv(
              `usage-${meter.apiName}.csv`,
              ['window start', 'window end', ...groupBy, 'value'],
              rows.map((r) => [
                r.windowStart,
                r.windowEnd,
                ...groupBy.map((g) => (g === 'customer' ? r.customer : g === 'asset' ? r.asset : r.dimensions?.[g])),
                r.value,
              ]),
            )
          }
        >
          Export CSV
        </button>
      </div>
      <DataTable
        label="Usage rows"
        columns={columns(groupBy, granularity, unit)}
        data={localPage(rows, params, fields)}
        isPending={false}
        error={null}
        params={params}
        rowKey={(r) => String(position.get(r))}
        empty="No usage."
      />
    </div>
  );
}

const column = createColumnHelper<UsageRow>();
function columns(groupBy: string[], granularity: Granularity | undefined, unit: string): ColumnDef<UsageRow, any>[] {
  const cols: ColumnDef<UsageRow, any>[] = [];
  cols.push(
    column.accessor('windowStart', {
      header: granularity ? `Window (${granularity.toLowerCase()})` : 'From',
      meta: { sort: 'windowStart' },
      cell: (c) =>
        granularity ? windowLabel(c.getValue(), granularity) : `${dateTime(c.getValue())} – ${dateTime(c.row.original.windowEnd)}`,
    }),
  );
  for (const g of groupBy) {
    const none = (v: string | undefined) => v ?? '(none)';
    if (g === 'customer') cols.push(column.accessor('customer', { header: 'Customer', meta: { sort: 'customer' }, cell: (c) => none(c.getValue()) }));
    else if (g === 'asset') cols.push(column.accessor('asset', { header: 'Asset', meta: { sort: 'asset' }, cell: (c) => none(c.getValue()) }));
    else cols.push(column.display({ id: `dim-${g}`, header: g, meta: { sort: g }, cell: (c) => c.row.original.dimensions?.[g] ?? '(none)' }));
  }
  cols.push(
    column.accessor('value', {
      header: unit ? `Usage (${unit})` : 'Usage',
      meta: { sort: 'value', numeric: true },
      cell: (c) => quantity(c.getValue()),
    }),
  );
  return cols;
}

function UsageChart({
  rows,
  groupBy,
  granularity,
  additive,
  label,
}: {
  rows: UsageRow[];
  groupBy: string[];
  granularity: Granularity | undefined;
  additive: boolean;
  label: string;
}) {
  // Rank groups by their largest value (a sum would mean nothing for MAX or AVG meters).
  const peak = new Map<string, number>();
  rows.forEach((r) => {
    const g = groupOf(r, groupBy);
    peak.set(g, Math.max(peak.get(g) ?? -Infinity, Number(r.value ?? 0)));
  });
  const groups = [...peak.keys()].sort((a, b) => peak.get(b)! - peak.get(a)!);
  const drawn = groups.slice(0, MAX_SERIES);
  const note = groups.length > MAX_SERIES ? `The ${MAX_SERIES} largest of ${groups.length} groups are drawn; the table holds them all.` : null;
  if (!granularity) {
    return (
      <>
        <Chart
          label={`Usage of ${label} by group`}
          height={Math.max(200, drawn.length * 28 + 60)}
          option={{
            tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
            grid: { left: 160, right: 30 },
            xAxis: { type: 'value' },
            yAxis: { type: 'category', data: [...drawn].reverse() },
            series: [{ type: 'bar', name: label, data: [...drawn].reverse().map((g) => peak.get(g) ?? 0) }],
          }}
        />
        {note ? <p className="muted">{note}</p> : null}
      </>
    );
  }
  const windows = [...new Set(rows.map((r) => r.windowStart ?? ''))].sort();
  const value = new Map(rows.map((r) => [`${r.windowStart}|${groupOf(r, groupBy)}`, Number(r.value ?? 0)]));
  return (
    <>
      <Chart
        label={`Usage of ${label} per ${granularity.toLowerCase()}`}
        height={300}
        option={{
          tooltip: { trigger: 'axis' },
          legend: { type: 'scroll' },
          grid: { left: 70, right: 20, top: 40 },
          xAxis: { type: 'category', data: windows.map((w) => windowLabel(w, granularity)) },
          yAxis: { type: 'value' },
          dataZoom: windows.length > 60 ? [{ type: 'inside' }, { type: 'slider' }] : undefined,
          series: drawn.map((g) => ({
            name: g,
            type: additive ? 'bar' : 'line',
            stack: additive ? 'usage' : undefined,
            data: windows.map((w) => value.get(`${w}|${g}`) ?? (additive ? 0 : null)),
          })),
        }}
      />
      {note ? <p className="muted">{note}</p> : null}
    </>
  );
}
