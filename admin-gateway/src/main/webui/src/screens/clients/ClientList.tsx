import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { createColumnHelper } from '@tanstack/react-table';
import { Link, useNavigate } from 'react-router';
import { billing, ok } from '../../api/http';
import { useSession } from '../../api/session';
import type { Client } from '../../api/types';
import { DataTable } from '../../ui/DataTable';
import { dateTime } from '../../ui/format';
import { PageTitle } from '../../ui/Layout';
import { useListParams } from '../../ui/listParams';
import { SearchBox, Select } from '../../ui/filters';

const column = createColumnHelper<Client>();
const columns = [
  column.accessor('name', { header: 'Name', meta: { sort: 'name' }, cell: (c) => <Link to={`/clients/${c.row.original.id}`}>{c.getValue()}</Link> }),
  column.accessor('externalId', { header: 'External id', meta: { sort: 'externalId' } }),
  column.accessor('currency', { header: 'Currency', meta: { sort: 'currency' } }),
  column.accessor('timeZone', { header: 'Time zone', meta: { sort: 'timeZone' } }),
  column.accessor('billingCycle', {
    header: 'Billing cycle',
    cell: (c) => (c.getValue()?.type === 'ANNIVERSARY' ? `anniversary (day ${c.getValue()?.anchorDay ?? '—'})` : 'calendar month'),
  }),
  column.accessor('enabled', { header: 'Enabled', meta: { sort: 'enabled' }, cell: (c) => (c.getValue() ? 'yes' : 'no') }),
  column.accessor('createdAt', { header: 'Created', meta: { sort: 'createdAt' }, cell: (c) => dateTime(c.getValue()) }),
];

export default function ClientList() {
  const params = useListParams();
  const { canChange } = useSession();
  const navigate = useNavigate();
  const search = params.get('search');
  const enabled = params.get('enabled');
  const query = useQuery({
    queryKey: ['clients', params.page, params.size, params.sort, search, enabled],
    queryFn: () =>
      ok(
        billing.GET('/api/v1/clients', {
          params: {
            query: {
              page: params.page,
              size: params.size,
              sort: params.sort,
              search,
              enabled: enabled === undefined ? undefined : enabled === 'true',
            },
          },
        }),
      ),
    placeholderData: keepPreviousData,
  });
  return (
    <>
      <PageTitle title="Clients">
        {canChange ? (
          <Link className="button primary" to="/clients/new">
            New client
          </Link>
        ) : null}
      </PageTitle>
      <div className="filters">
        <SearchBox label="Search name or external id" value={search} onChange={(v) => params.set({ search: v })} />
        <Select
          label="Enabled"
          value={enabled}
          options={[
            ['', 'all'],
            ['true', 'enabled'],
            ['false', 'disabled'],
          ]}
          onChange={(v) => params.set({ enabled: v })}
        />
      </div>
      <DataTable
        label="Clients"
        columns={columns}
        data={query.data}
        isPending={query.isPending}
        error={query.error}
        onRetry={() => query.refetch()}
        params={params}
        rowKey={(c) => c.id ?? ''}
        onRowOpen={(c) => navigate(`/clients/${c.id}`)}
        empty={search ? 'No client matches.' : 'No clients yet.'}
      />
    </>
  );
}
