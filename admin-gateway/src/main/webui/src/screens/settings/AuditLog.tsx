import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { createColumnHelper } from '@tanstack/react-table';
import { getJson } from '../../api/http';
import type { MergedAuditEntry, MergedAuditPage } from '../../api/gateway';
import { DataTable } from '../../ui/DataTable';
import { SearchBox, Select } from '../../ui/filters';
import { dateTime } from '../../ui/format';
import { useListParams } from '../../ui/listParams';
import { AuditDiff, changedKeys } from './AuditDiff';

// The audited tables of every service, by service.
const TABLES: [string, string][] = [
  ['', 'all tables'],
  ...['meter', 'asset', 'suppression', 'api_key'].map((t) => [t, `${t} (metering)`] as [string, string]),
  ...['unit_type', 'plan', 'plan_version', 'discount'].map((t) => [t, `${t} (pricing)`] as [string, string]),
  ...['client', 'bucket', 'subscription', 'billing_run', 'invoice', 'late_usage_policy'].map(
    (t) => [t, `${t} (billing)`] as [string, string],
  ),
  ['alert_rule', 'alert_rule (projection)'],
];
// The merged log pages through the newest 500 entries of all services together (the gateway's limit).
const DEPTH = 500;

/** A cell that filters the log by its value (inside an openable row: the click is its own). */
function FilterLink({ title, onClick, children }: { title: string; onClick: () => void; children: ReactNode }) {
  return (
    <button
      type="button"
      title={title}
      style={{ all: 'unset', cursor: 'pointer', textDecoration: 'underline' }}
      onClick={(e) => {
        e.stopPropagation();
        onClick();
      }}
    >
      {children}
    </button>
  );
}

const entryKey = (e: MergedAuditEntry) => `${e.service}:${e.id}`;
const column = createColumnHelper<MergedAuditEntry>();

/** Every service's audit log as one, newest first: who changed what, with the values before and after. */
export function AuditLog() {
  const params = useListParams();
  const table = params.get('table');
  const recordId = params.get('recordId');
  const selected = params.get('entry');
  const query = useQuery({
    queryKey: ['audit', params.page, params.size, table, recordId],
    queryFn: () => {
      const q = new URLSearchParams({ page: String(params.page), size: String(params.size) });
      if (table) q.set('table', table);
      if (recordId) q.set('recordId', recordId);
      return getJson<MergedAuditPage>(`/api/v1/audit?${q}`);
    },
    placeholderData: keepPreviousData,
  });
  const columns = [
    column.accessor('occurredAt', { header: 'Time', cell: (c) => dateTime(c.getValue()) }),
    column.accessor('service', { header: 'Service' }),
    column.accessor('action', { header: 'Action', cell: (c) => <span className="badge">{c.getValue()}</span> }),
    column.accessor('table', {
      header: 'Table',
      cell: (c) => (
        <FilterLink title="Only this table" onClick={() => params.set({ table: c.getValue() })}>
          {c.getValue()}
        </FilterLink>
      ),
    }),
    column.accessor('recordId', {
      header: 'Record id',
      cell: (c) => (
        <FilterLink title="Only this record" onClick={() => params.set({ recordId: c.getValue(), table: c.row.original.table })}>
          <code>{c.getValue()}</code>
        </FilterLink>
      ),
    }),
    column.accessor('actor', {
      header: 'Actor',
      cell: (c) => (
        <span title={c.getValue()}>
          {c.getValue()?.length > 24 ? c.getValue().substring(0, 8) + '…' : c.getValue()}
          <span className="badge">{c.row.original.actorType?.replace('_', ' ')}</span>
        </span>
      ),
    }),
    column.display({
      id: 'changed',
      header: 'Changed',
      cell: (c) => {
        const e = c.row.original;
        if (!e.oldValues) return <span className="muted">created</span>;
        if (!e.newValues) return <span className="muted">deleted</span>;
        const keys = changedKeys(e.oldValues, e.newValues);
        return <span style={{ whiteSpace: 'normal' }}>{keys.length ? keys.join(', ') : <span className="muted">nothing</span>}</span>;
      },
    }),
  ];
  const data = query.data;
  const open = data?.items.find((e) => entryKey(e) === selected);
  return (
    <>
      <div className="filters">
        <Select label="Table" value={table} options={TABLES} onChange={(v) => params.set({ table: v, entry: undefined })} />
        <SearchBox label="Record id" value={recordId} onChange={(v) => params.set({ recordId: v, entry: undefined })} />
        {table || recordId ? (
          <button type="button" onClick={() => params.set({ table: undefined, recordId: undefined, entry: undefined })}>
            Clear filters
          </button>
        ) : null}
      </div>
      {data?.unavailable?.length ? (
        <div className="state unavailable" role="alert" style={{ marginBottom: 12 }}>
          <strong>Not all services answered: {data.unavailable.join(', ')}</strong>
          <span>Their entries are missing from this page; the other services&apos; are shown.</span>
        </div>
      ) : null}
      <DataTable
        label="Audit log"
        columns={columns}
        data={data ? { ...data, total: Math.min(data.total, DEPTH - (DEPTH % params.size)) } : undefined}
        isPending={query.isPending}
        error={query.error}
        onRetry={() => query.refetch()}
        params={params}
        rowKey={entryKey}
        onRowOpen={(e) => params.set({ entry: entryKey(e) === selected ? undefined : entryKey(e), page: String(params.page) })}
        empty={table || recordId ? 'No change matches.' : 'No change recorded yet.'}
      />
      {data && data.total > DEPTH ? (
        <p className="muted">
          {data.total.toLocaleString()} changes in all; the newest {DEPTH} page here. Filter by table or record id for older ones.
        </p>
      ) : null}
      {open ? <AuditDiff entry={open} onClose={() => params.set({ entry: undefined, page: String(params.page) })} /> : null}
    </>
  );
}
