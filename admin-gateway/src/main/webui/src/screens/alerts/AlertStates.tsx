import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { createColumnHelper } from '@tanstack/react-table';
import { Link, useNavigate } from 'react-router';
import { ok, projection } from '../../api/http';
import { DataTable } from '../../ui/DataTable';
import { Select } from '../../ui/filters';
import { dateTime, quantity } from '../../ui/format';
import { useListParams } from '../../ui/listParams';
import { ClientSelect } from '../margin/clients';
import { firesWhen, kindLabel, StateScope, STATUS_OPTIONS, StatusBadge, type Alert } from './ruleText';

const column = createColumnHelper<Alert>();
const columns = [
  column.accessor('status', { header: 'Status', meta: { sort: 'status' }, cell: (c) => <StatusBadge status={c.getValue()} /> }),
  column.accessor('ruleName', {
    header: 'Rule',
    meta: { sort: 'rule' },
    cell: (c) => (
      <Link to={`/alerts/rules/${c.row.original.rule}`} onClick={(e) => e.stopPropagation()}>
        {c.getValue() ?? c.row.original.rule}
      </Link>
    ),
  }),
  column.accessor('kind', { header: 'Kind', cell: (c) => kindLabel(c.getValue()) }),
  column.accessor('scope', {
    header: 'Scope',
    meta: { sort: 'scope' },
    cell: (c) => <StateScope scope={c.getValue()} client={c.row.original.client} />,
  }),
  column.accessor('value', { header: 'Value', meta: { sort: 'value', numeric: true }, cell: (c) => quantity(c.getValue()) }),
  column.accessor('threshold', {
    header: 'Fires when',
    meta: { numeric: true },
    cell: (c) => firesWhen(c.row.original.kind, c.getValue()),
  }),
  column.accessor('since', { header: 'Since', meta: { sort: 'since' }, cell: (c) => dateTime(c.getValue()) }),
  column.accessor('periodStart', { header: 'Period from', meta: { sort: 'periodStart' }, cell: (c) => dateTime(c.getValue()) }),
  column.accessor('evaluatedAt', { header: 'Evaluated', meta: { sort: 'evaluatedAt' }, cell: (c) => dateTime(c.getValue()) }),
];

/** Every rule's state per scope: firing first. */
export function AlertStates() {
  const params = useListParams();
  const navigate = useNavigate();
  const status = params.get('status');
  const rule = params.get('rule');
  const client = params.get('client');
  const rules = useQuery({
    queryKey: ['alert-rules', 'all'],
    queryFn: () => ok(projection.GET('/api/v1/alert-rules', { params: { query: { size: 500, sort: 'name' } } })),
    staleTime: 60_000,
  });
  const query = useQuery({
    queryKey: ['alerts', params.page, params.size, params.sort, status, rule, client],
    queryFn: () =>
      ok(
        projection.GET('/api/v1/alerts', {
          params: { query: { page: params.page, size: params.size, sort: params.sort, status, rule, client } },
        }),
      ),
    placeholderData: keepPreviousData,
    refetchInterval: 60_000,
  });
  return (
    <>
      <div className="filters">
        <Select label="Status" value={status} options={STATUS_OPTIONS} onChange={(v) => params.set({ status: v })} />
        <Select
          label="Rule"
          value={rule}
          options={[['', 'all rules'], ...(rules.data?.items ?? []).map((r) => [r.id ?? '', r.name ?? ''] as [string, string])]}
          onChange={(v) => params.set({ rule: v })}
        />
        <label className="filter">
          <span>Client</span>
          <ClientSelect value={client} onChange={(v) => params.set({ client: v })} />
        </label>
      </div>
      <DataTable
        label="Alert states"
        columns={columns}
        data={query.data}
        isPending={query.isPending}
        error={query.error}
        onRetry={() => query.refetch()}
        params={params}
        rowKey={(a) => `${a.rule}|${a.scope}`}
        onRowOpen={(a) => navigate(`/alerts/rules/${a.rule}`)}
        empty={status || rule || client ? 'No alert state matches.' : 'No rule has been evaluated yet.'}
      />
    </>
  );
}
