import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { createColumnHelper, type ColumnDef } from '@tanstack/react-table';
import { useNavigate } from 'react-router';
import { panel, type View } from '../../api/gateway';
import { ok, projection } from '../../api/http';
import type { MarginRow } from '../../api/types';
import { DataTable } from '../../ui/DataTable';
import { Select, Tabs } from '../../ui/filters';
import { money, quantity } from '../../ui/format';
import { useListParams, type ListParams } from '../../ui/listParams';
import { PanelCard } from '../../ui/states';
import { usePrefixedListParams } from '../settings/lists';
import { dimensionKeys, useMeters, type Meter } from '../usage/meters';
import { ClientLabel, ClientSelect, queryPanel } from './clients';
import type { Window } from './period';
import { MarginPercent, SignedMoney, unitMoney, type MarginReport, type UnitEconomicsRow } from './figures';

type Group = 'client' | 'meter' | 'dimension' | 'sourceType';
const GROUPS: [Group, string][] = [
  ['client', 'By client'],
  ['meter', 'By meter'],
  ['dimension', 'By dimension'],
  ['sourceType', 'By source type'],
];
// The view reads the first page of 50, for every client: a table on that page with no client filter uses it.
const VIEW_SIZE = 50;
type UnitPage = { items?: UnitEconomicsRow[]; total?: number };

/** Margin per client, meter, dimension value or source type, and the unit economics behind it. */
export function Breakdown({
  range,
  win,
  v,
  loading,
}: {
  range: { from: string; to: string };
  win: Window;
  v: View | undefined;
  loading: boolean;
}) {
  const params = useListParams();
  const navigate = useNavigate();
  const meters = useMeters();
  const asked = params.get('by') as Group | undefined;
  const by: Group = GROUPS.some(([g]) => g === asked) ? asked! : 'client';
  const dims = dimensionKeys(meters.data);
  const dimension = by === 'dimension' ? (params.get('dimension') ?? dims[0]) : undefined;
  const client = params.get('client');
  const mp = usePrefixedListParams('m', VIEW_SIZE);
  const up = usePrefixedListParams('u', VIEW_SIZE);
  const fromView = (p: ListParams) => p.page === 0 && p.size === VIEW_SIZE && !client;
  const marginFromView = (by === 'client' || by === 'meter') && fromView(mp);
  const unitsFromView = by === 'client' && fromView(up);
  const waiting = by === 'dimension' && !dimension;

  const marginQuery = useQuery({
    queryKey: ['analytics', 'margin', by, dimension, client, range.from, range.to, mp.page, mp.size],
    queryFn: () =>
      ok(
        projection.GET('/api/v1/analytics/margin', {
          params: { query: { ...range, groupBy: by, dimension, client, page: mp.page, size: mp.size } },
        }),
      ),
    enabled: !marginFromView && !waiting,
    placeholderData: keepPreviousData,
  });
  const unitsQuery = useQuery({
    queryKey: ['analytics', 'unit-economics', by, dimension, client, range.from, range.to, up.page, up.size],
    queryFn: () =>
      ok(
        projection.GET('/api/v1/analytics/unit-economics', {
          params: { query: { ...range, groupBy: by as 'client' | 'meter' | 'dimension', dimension, client, page: up.page, size: up.size } },
        }),
      ),
    enabled: !unitsFromView && !waiting && by !== 'sourceType',
    placeholderData: keepPreviousData,
  });
  const marginPanel = marginFromView
    ? panel<MarginReport>(v, by === 'client' ? 'byClient' : 'byMeter')
    : queryPanel(marginQuery, 'projection-service');
  const unitsPanel = unitsFromView ? panel<UnitPage>(v, 'unitEconomics') : queryPanel(unitsQuery, 'projection-service');
  const groupName = by === 'dimension' ? (dimension ?? 'dimension') : by === 'sourceType' ? 'source type' : by;
  const meterOf = (name: string | undefined) => meters.data?.find((m) => m.apiName === name);
  const open = (key: string | undefined) => {
    if (!key) return;
    if (by === 'client') navigate(`/clients/${key}`);
    else if (by === 'meter') navigate(`/usage?meter=${encodeURIComponent(key)}&from=${win.from}&to=${win.to}&granularity=DAY`);
  };
  return (
    <section aria-label="Breakdown">
      <h2 style={{ fontSize: 16 }}>Breakdown and unit economics</h2>
      <Tabs tabs={GROUPS} value={by} onChange={(g) => params.set({ by: g, mpage: undefined, upage: undefined })} />
      <div className="filters">
        {by === 'dimension' ? (
          <Select
            label="Dimension"
            value={dimension}
            options={dims.length ? dims.map((d) => [d, d]) : [['', meters.isPending ? 'loading…' : 'no meter declares a dimension']]}
            onChange={(d) => params.set({ dimension: d, mpage: undefined, upage: undefined })}
          />
        ) : null}
        {by !== 'client' ? (
          <label className="filter">
            <span>Client</span>
            <ClientSelect value={client} onChange={(c) => params.set({ client: c, mpage: undefined, upage: undefined })} />
          </label>
        ) : null}
      </div>
      {waiting ? null : (
        <>
          <PanelCard<MarginReport> title={`Margin by ${groupName}`} panel={marginPanel} loading={loading && marginFromView}>
            {(report) => (
              <DataTable
                label={`Margin by ${groupName}`}
                columns={marginColumns(by, groupName, meterOf)}
                data={report}
                isPending={!marginFromView && marginQuery.isPlaceholderData}
                error={null}
                params={mp}
                rowKey={(r) => `${r.key}-${r.currency}`}
                onRowOpen={by === 'client' || by === 'meter' ? (r) => open(r.key) : undefined}
                empty="No revenue or metered cost in this window."
              />
            )}
          </PanelCard>
          {by === 'sourceType' ? (
            <p className="muted">Unit economics are per client, meter or dimension: a source type spans meters of different units.</p>
          ) : (
            <PanelCard<UnitPage>
              title={`Unit economics by ${groupName}${by === 'meter' ? '' : ' and meter'}`}
              panel={unitsPanel}
              loading={loading && unitsFromView}
            >
              {(page) => (
                <DataTable
                  label={`Unit economics by ${groupName}`}
                  columns={unitColumns(by, groupName, meterOf)}
                  data={page}
                  isPending={!unitsFromView && unitsQuery.isPlaceholderData}
                  error={null}
                  params={up}
                  rowKey={(r) => `${r.key}-${r.meter}-${r.currency}`}
                  empty="No usage in this window."
                />
              )}
            </PanelCard>
          )}
        </>
      )}
    </section>
  );
}

function keyCell(by: Group, key: string | undefined, meterOf: (n?: string) => Meter | undefined) {
  if (by === 'client') return <ClientLabel id={key} />;
  if (by === 'meter') return <MeterName name={key} meter={meterOf(key)} />;
  return key ?? <span className="muted">(none)</span>;
}

function MeterName({ name, meter }: { name: string | undefined; meter: Meter | undefined }) {
  return (
    <span title={name}>
      {meter?.displayName ?? name ?? '—'}
      {meter?.displayName && meter.displayName !== name ? <span className="muted"> · {name}</span> : null}
    </span>
  );
}

const m = createColumnHelper<MarginRow>();
function marginColumns(by: Group, groupName: string, meterOf: (n?: string) => Meter | undefined): ColumnDef<MarginRow, any>[] {
  return [
    m.accessor('key', { header: groupName[0].toUpperCase() + groupName.substring(1), cell: (c) => keyCell(by, c.getValue(), meterOf) }),
    m.accessor('currency', { header: 'Currency' }),
    m.accessor('revenue', { header: 'Revenue', meta: { numeric: true }, cell: (c) => money(c.getValue(), c.row.original.currency) }),
    m.accessor('cost', { header: 'Metered cost', meta: { numeric: true }, cell: (c) => money(c.getValue(), c.row.original.currency) }),
    m.accessor('margin', {
      header: 'Margin',
      meta: { numeric: true },
      cell: (c) => <SignedMoney amount={c.getValue()} currency={c.row.original.currency} />,
    }),
    m.accessor('marginPercent', { header: 'Margin %', meta: { numeric: true }, cell: (c) => <MarginPercent value={c.getValue()} /> }),
  ];
}

const u = createColumnHelper<UnitEconomicsRow>();
function unitColumns(by: Group, groupName: string, meterOf: (n?: string) => Meter | undefined): ColumnDef<UnitEconomicsRow, any>[] {
  const cur = (r: UnitEconomicsRow) => r.currency;
  return [
    u.accessor('key', { header: groupName[0].toUpperCase() + groupName.substring(1), cell: (c) => keyCell(by, c.getValue(), meterOf) }),
    ...(by === 'meter'
      ? []
      : [u.accessor('meter', { header: 'Meter', cell: (c) => <MeterName name={c.getValue()} meter={meterOf(c.getValue())} /> })]),
    u.accessor('usage', {
      header: 'Usage',
      meta: { numeric: true },
      cell: (c) => `${quantity(c.getValue())} ${meterOf(c.row.original.meter)?.unit ?? ''}`.trim(),
    }),
    u.accessor('revenue', { header: 'Revenue', meta: { numeric: true }, cell: (c) => money(c.getValue(), cur(c.row.original)) }),
    u.accessor('cost', { header: 'Metered cost', meta: { numeric: true }, cell: (c) => money(c.getValue(), cur(c.row.original)) }),
    u.accessor('revenuePerUnit', {
      header: 'Revenue per unit',
      meta: { numeric: true },
      cell: (c) => unitMoney(c.getValue(), cur(c.row.original)),
    }),
    u.accessor('costPerUnit', { header: 'Cost per unit', meta: { numeric: true }, cell: (c) => unitMoney(c.getValue(), cur(c.row.original)) }),
    u.accessor('contributionMargin', {
      header: 'Contribution margin',
      meta: { numeric: true },
      cell: (c) => <SignedMoney amount={c.getValue()} currency={cur(c.row.original)} />,
    }),
    u.accessor('contributionMarginPercent', { header: 'CM %', meta: { numeric: true }, cell: (c) => <MarginPercent value={c.getValue()} /> }),
  ];
}
