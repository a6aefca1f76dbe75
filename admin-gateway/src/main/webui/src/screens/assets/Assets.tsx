import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { createColumnHelper } from '@tanstack/react-table';
import { useMemo } from 'react';
import { metering, ok } from '../../api/http';
import { useSession } from '../../api/session';
import type { Asset } from '../../api/types';
import { DataTable } from '../../ui/DataTable';
import { SearchBox, Tabs } from '../../ui/filters';
import { date, dateTime } from '../../ui/format';
import { PageTitle } from '../../ui/Layout';
import { useListParams } from '../../ui/listParams';
import { AssetActions } from './AssetActions';
import { AssetDetails } from './AssetDetails';
import { ClientPicker, useClient } from '../../ui/clients';
import { Unbound } from './Unbound';

const TABS: [string, string][] = [
  ['new', 'New'],
  ['unassigned', 'Unassigned'],
  ['unbound', 'Unbound'],
  ['disregarded', 'Disregarded'],
  ['all', 'All'],
];

const EMPTY: Record<string, string> = {
  new: 'No new assets: every asset has been acknowledged.',
  unassigned: 'Every asset belongs to a client.',
  disregarded: 'No asset is disregarded.',
  all: 'No assets yet: they appear when events name them.',
};

const column = createColumnHelper<Asset>();

export default function Assets() {
  const params = useListParams();
  const { hasRole } = useSession();
  const canChange = hasRole('admin', 'operator');
  const tab = TABS.some(([t]) => t === params.get('tab')) ? params.get('tab')! : 'new';
  const search = params.get('q');
  const source = params.get('source');
  const clientId = params.get('client');
  const selected = params.get('asset');
  // Selecting an asset keeps the list's page.
  const keepPage = params.page ? String(params.page) : undefined;
  // Assets name their client by its external id (the customer on events); the URL keeps billing's client id.
  const client = useClient(clientId);
  const clientExternalId = client.data?.externalId;
  const query = useQuery({
    queryKey: ['assets', tab, params.page, params.size, params.sort, search, source, clientExternalId],
    queryFn: () =>
      ok(
        metering.GET('/api/v1/assets', {
          params: {
            query: {
              page: params.page,
              size: params.size,
              sort: params.sort,
              q: search,
              source,
              client: tab === 'unassigned' ? undefined : clientExternalId,
              new: tab === 'new' ? true : undefined,
              unassigned: tab === 'unassigned' ? true : undefined,
              disregarded: tab === 'disregarded' ? true : undefined,
            },
          },
        }),
      ),
    enabled: tab !== 'unbound' && (!clientId || tab === 'unassigned' || clientExternalId !== undefined),
    placeholderData: keepPreviousData,
  });
  const columns = useMemo(
    () => [
      column.accessor('id', { header: 'ID', meta: { sort: 'id' }, cell: (c) => <code>{c.getValue()}</code> }),
      column.accessor('client', {
        header: 'Client',
        meta: { sort: 'client' },
        cell: (c) => c.getValue() ?? <span className="badge warning">unassigned</span>,
      }),
      column.accessor('name', { header: 'Name', meta: { sort: 'name' }, cell: (c) => c.getValue() ?? '—' }),
      column.accessor('description', {
        header: 'Description',
        cell: (c) => (
          <span title={c.getValue()} style={{ display: 'inline-block', maxWidth: 220, overflow: 'hidden', textOverflow: 'ellipsis' }}>
            {c.getValue() ?? '—'}
          </span>
        ),
      }),
      column.accessor('source', { header: 'Source', meta: { sort: 'source' }, cell: (c) => c.getValue() ?? '—' }),
      column.accessor('acknowledged', {
        header: 'Ack',
        meta: { sort: 'acknowledged' },
        cell: (c) => (c.getValue() ? 'yes' : <span className="badge warning">new</span>),
      }),
      column.accessor('enabled', {
        header: 'Enabled',
        meta: { sort: 'enabled' },
        cell: (c) => (c.getValue() ? 'yes' : <span className="badge">disabled</span>),
      }),
      column.accessor('createdAt', { header: 'Created', meta: { sort: 'createdAt' }, cell: (c) => date(c.getValue()) }),
      column.accessor('lastSeen', { header: 'Last seen', meta: { sort: 'lastSeen' }, cell: (c) => dateTime(c.getValue()) }),
      ...(canChange
        ? [column.display({ id: 'actions', header: 'Actions', cell: (c) => <AssetActions asset={c.row.original} /> })]
        : []),
    ],
    [canChange],
  );
  return (
    <>
      <PageTitle title="Assets" />
      <Tabs tabs={TABS} value={tab} onChange={(t) => params.set({ tab: t, asset: undefined })} />
      {tab === 'unbound' ? (
        <Unbound clientId={clientId} onClient={(id) => params.set({ client: id })} />
      ) : (
        <>
          <div className="filters">
            <SearchBox label="Search id, name or description" value={search} onChange={(v) => params.set({ q: v })} />
            <SearchBox label="Source" value={source} onChange={(v) => params.set({ source: v })} />
            {tab !== 'unassigned' ? (
              <ClientPicker label="Client" value={clientId} onChange={(c) => params.set({ client: c?.id })} />
            ) : null}
          </div>
          <DataTable
            label={`Assets: ${TABS.find(([t]) => t === tab)?.[1]}`}
            columns={columns}
            data={query.data}
            isPending={query.isPending && !client.isError}
            error={query.error ?? client.error}
            onRetry={() => query.refetch()}
            params={params}
            rowKey={(a) => a.id ?? ''}
            onRowOpen={(a) => params.set({ asset: a.id === selected ? undefined : a.id, page: keepPage })}
            empty={search || source || clientId ? 'No asset matches these filters.' : EMPTY[tab]}
          />
          <p className="muted">
            Select an asset (click or Enter) to see its usage.{tab === 'all' ? ' Disregarded assets are on their own tab.' : ''}
          </p>
        </>
      )}
      {selected ? <AssetDetails id={selected} onClose={() => params.set({ asset: undefined, page: keepPage })} /> : null}
    </>
  );
}
