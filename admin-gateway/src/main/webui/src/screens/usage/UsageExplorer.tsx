import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { metering, ok } from '../../api/http';
import type { MeteringSchemas } from '../../api/types';
import { Select } from '../../ui/filters';
import { PageTitle } from '../../ui/Layout';
import { useListParams } from '../../ui/listParams';
import { Empty, ErrorState, Loading } from '../../ui/states';
import { ClientSelect } from '../margin/clients';
import { useMeters, type Meter } from './meters';
import { days, PRESETS, rangeError, readRange } from './range';
import { UsageResults } from './UsageResults';

type UsageQuery = MeteringSchemas['UsageQuery'];
type Granularity = 'HOUR' | 'DAY' | 'MONTH';

const GRANULARITIES: [string, string][] = [
  ['HOUR', 'hour'],
  ['DAY', 'day'],
  ['MONTH', 'month'],
  ['total', 'total over the range'],
];

/** Usage by meter, customer, asset and dimension, at hour, day or month granularity; every choice is in the URL. */
export default function UsageExplorer() {
  const params = useListParams();
  const [search, setSearch] = useSearchParams();
  const meters = useMeters();
  const meterName = params.get('meter') ?? meters.data?.[0]?.apiName;
  const meter = meters.data?.find((m) => m.apiName === meterName);
  const granularity = params.get('granularity') ?? 'DAY';
  const range = readRange(params.get('range'), params.get('from'), params.get('to'));
  const invalid = rangeError(range, granularity);
  const declared = meter?.dimensions ?? [];
  const groupBy = (params.get('group') ?? '').split(',').filter((g) => g === 'customer' || g === 'asset' || declared.includes(g));
  const filters: Record<string, string[]> = {};
  declared.forEach((d) => {
    const values = (params.get(`f.${d}`) ?? '').split(',').map((v) => v.trim()).filter(Boolean);
    if (values.length) filters[d] = values;
  });
  const body: UsageQuery | undefined = meter
    ? {
        meter: meter.apiName ?? '',
        from: range.from,
        to: range.to,
        customer: params.get('customer'),
        asset: params.get('asset'),
        groupBy,
        granularity: granularity === 'total' ? undefined : (granularity as Granularity),
        filters: Object.keys(filters).length ? filters : undefined,
        includeDisregarded: params.get('disregarded') === 'true' || undefined,
      }
    : undefined;
  const query = useQuery({
    queryKey: ['usage', body],
    queryFn: () => ok(metering.POST('/api/v1/usage/query', { body: body! })),
    enabled: !!body && !invalid,
    placeholderData: keepPreviousData,
  });

  /** A new meter keeps only the choices it understands: customer and asset, not the old meter's dimensions. */
  const chooseMeter = (name: string | undefined) =>
    setSearch((prev) => {
      const next = new URLSearchParams(prev);
      [...next.keys()].filter((k) => k.startsWith('f.')).forEach((k) => next.delete(k));
      const kept = groupBy.filter((g) => g === 'customer' || g === 'asset');
      if (kept.length) next.set('group', kept.join(','));
      else next.delete('group');
      if (name) next.set('meter', name);
      next.delete('page');
      next.delete('sort');
      return next;
    });
  const toggleGroup = (key: string, on: boolean) => {
    const next = on ? [...groupBy, key] : groupBy.filter((g) => g !== key);
    params.set({ group: next.join(',') || undefined, sort: undefined });
  };
  const shownDays = days(range);

  if (meters.isPending) return <Loading what="the meters" />;
  if (meters.isError) return <ErrorState error={meters.error} onRetry={() => meters.refetch()} />;
  if (!meters.data.length) return <Empty>No meter is defined yet: usage arrives once a meter exists.</Empty>;
  return (
    <>
      <PageTitle title="Usage explorer" />
      <div className="filters" role="group" aria-label="Query">
        <Select
          label="Meter"
          value={meterName}
          options={meters.data.map((m) => [m.apiName ?? '', `${m.displayName ?? m.apiName} (${m.apiName})`])}
          onChange={chooseMeter}
        />
        <Select label="Granularity" value={granularity} options={GRANULARITIES} onChange={(g) => params.set({ granularity: g })} />
        <label className="filter">
          <span>Period</span>
          <select
            value={range.preset ?? 'custom'}
            onChange={(e) => params.set({ range: e.target.value, from: undefined, to: undefined })}
          >
            {PRESETS.map(([k, text]) => (
              <option key={k} value={k}>
                {text}
              </option>
            ))}
            <option value="custom" disabled>
              Custom
            </option>
          </select>
        </label>
        <label className="filter">
          <span>From (UTC)</span>
          <input
            type="date"
            value={shownDays.from}
            onChange={(e) => e.target.value && params.set({ from: e.target.value, to: shownDays.to, range: undefined })}
          />
        </label>
        <label className="filter">
          <span>To, inclusive (UTC)</span>
          <input
            type="date"
            value={shownDays.to}
            onChange={(e) => e.target.value && params.set({ from: shownDays.from, to: e.target.value, range: undefined })}
          />
        </label>
      </div>
      {meter ? <MeterFacts meter={meter} /> : null}
      <fieldset className="filters" style={{ border: 0, padding: 0 }}>
        <legend className="muted" style={{ fontSize: 12 }}>
          Group by
        </legend>
        {['customer', 'asset', ...declared].map((key) => (
          <label className="check" key={key}>
            <input type="checkbox" checked={groupBy.includes(key)} onChange={(e) => toggleGroup(key, e.target.checked)} />
            {key === 'customer' ? 'customer (client)' : key}
          </label>
        ))}
      </fieldset>
      <div className="filters" role="group" aria-label="Filters">
        <label className="filter">
          <span>Customer</span>
          <ClientSelect by="externalId" blank="every customer" value={params.get('customer')} onChange={(c) => params.set({ customer: c })} />
        </label>
        <TextFilter label="Asset" placeholder="asset id" value={params.get('asset')} onChange={(v) => params.set({ asset: v })} />
        {declared.map((d) => (
          <TextFilter
            key={d}
            label={d}
            placeholder="values, comma-separated"
            value={params.get(`f.${d}`)}
            onChange={(v) => params.set({ [`f.${d}`]: v })}
          />
        ))}
        <label className="check">
          <input
            type="checkbox"
            checked={params.get('disregarded') === 'true'}
            onChange={(e) => params.set({ disregarded: e.target.checked ? 'true' : undefined })}
          />
          Include disregarded assets
        </label>
        {search.toString() ? (
          <button type="button" onClick={() => setSearch(new URLSearchParams(meterName ? { meter: meterName } : {}))}>
            Reset
          </button>
        ) : null}
      </div>
      {invalid ? (
        <div className="state error" role="alert">
          {invalid}
        </div>
      ) : query.isError ? (
        <ErrorState error={query.error} onRetry={() => query.refetch()} />
      ) : query.isPending ? (
        <Loading what="usage" />
      ) : meter ? (
        <UsageResults
          rows={query.data.rows ?? []}
          meter={meter}
          groupBy={groupBy}
          granularity={granularity === 'total' ? undefined : (granularity as Granularity)}
          refreshing={query.isPlaceholderData || query.isFetching}
        />
      ) : (
        <Empty>No meter {meterName}.</Empty>
      )}
    </>
  );
}

function MeterFacts({ meter }: { meter: Meter }) {
  return (
    <p className="muted">
      {meter.displayName}: {meter.aggregation?.toLowerCase().replace('_', ' ')}
      {meter.uniqueBy ? ` of ${meter.uniqueBy}` : ''} in {meter.unit ?? 'units'}
      {meter.dimensions?.length ? `; dimensions ${meter.dimensions.join(', ')}` : '; no dimensions'}.
    </p>
  );
}

/** A text filter that updates the URL once typing pauses. */
function TextFilter({
  label,
  placeholder,
  value,
  onChange,
}: {
  label: string;
  placeholder: string;
  value: string | undefined;
  onChange: (v: string | undefined) => void;
}) {
  const [text, setText] = useState(value ?? '');
  useEffect(() => setText(value ?? ''), [value]);
  useEffect(() => {
    if (text === (value ?? '')) return;
    const t = window.setTimeout(() => onChange(text.trim() || undefined), 400);
    return () => window.clearTimeout(t);
  }, [text, value, onChange]);
  return (
    <label className="filter">
      <span>{label}</span>
      <input value={text} placeholder={placeholder} onChange={(e) => setText(e.target.value)} />
    </label>
  );
}
