import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { createColumnHelper } from '@tanstack/react-table';
import { useState } from 'react';
import { Link } from 'react-router';
import { ok, pricing } from '../../api/http';
import { useSession } from '../../api/session';
import type { PricingSchemas } from '../../api/types';
import { DataTable } from '../../ui/DataTable';
import { date, dateTime, money, quantity } from '../../ui/format';
import { useListParams } from '../../ui/listParams';
import { ActionError, ConfirmButton, Dialog } from '../../ui/dialogs';
import { UnitTypeForm } from './UnitTypeForm';

type UnitType = PricingSchemas['UnitType'];
const column = createColumnHelper<UnitType>();

/** Unit types with their bucket templates: what a bucket of each commits to, costs, and which assets it picks. */
export function UnitTypes() {
  const params = useListParams();
  const { hasRole } = useSession();
  const canChange = hasRole('admin', 'operator');
  const queries = useQueryClient();
  const [editing, setEditing] = useState<UnitType | 'new'>();
  const query = useQuery({
    queryKey: ['unit-types', params.page, params.size, params.sort],
    queryFn: () => ok(pricing.GET('/api/v1/unit-types', { params: { query: { page: params.page, size: params.size, sort: params.sort } } })),
    placeholderData: keepPreviousData,
  });
  const remove = useMutation({
    mutationFn: (id: string) => ok(pricing.DELETE('/api/v1/unit-types/{id}', { params: { path: { id } } })),
    onSuccess: () => queries.invalidateQueries({ queryKey: ['unit-types'] }),
  });
  const columns = [
    column.accessor('name', {
      header: 'Name',
      meta: { sort: 'name' },
      cell: (c) => (
        <span title={c.row.original.description}>
          <strong>{c.getValue()}</strong>
          {c.row.original.description ? <div className="muted">{c.row.original.description}</div> : null}
        </span>
      ),
    }),
    column.accessor('meter', {
      header: 'Meter',
      meta: { sort: 'meter' },
      cell: (c) => (
        <>
          {c.getValue()} <span className="muted">· {c.row.original.aggregation?.toLowerCase().replace('_', ' ')}</span>
        </>
      ),
    }),
    column.accessor('commitUnits', { header: 'Commit', meta: { sort: 'commitUnits', numeric: true }, cell: (c) => quantity(c.getValue()) }),
    column.accessor('basePrice', {
      header: 'Base',
      meta: { sort: 'basePrice', numeric: true },
      cell: (c) => money(c.getValue(), c.row.original.currency),
    }),
    column.accessor('overageRate', {
      header: 'Overage rate',
      meta: { sort: 'overageRate', numeric: true },
      cell: (c) => money(c.getValue(), c.row.original.currency),
    }),
    column.accessor('autoProvision', {
      header: 'Auto-provision',
      meta: { sort: 'autoProvision' },
      cell: (c) => (
        <>
          <span className={`badge ${c.getValue() ? 'ok' : ''}`}>{c.getValue() ? 'on' : 'off'}</span>
          {c.row.original.filterPattern ? (
            <span className="muted">
              {' '}
              {c.row.original.filterOn === 'SOURCE' ? 'source' : 'asset name'} <code>{c.row.original.filterPattern}</code>
            </span>
          ) : null}
        </>
      ),
    }),
    column.accessor('updatedAt', {
      header: 'Changed',
      meta: { sort: 'updatedAt' },
      cell: (c) => (
        <>
          <span title={dateTime(c.getValue())}>{date(c.getValue())}</span> <span className="muted">rev. {c.row.original.revision ?? 1}</span>
        </>
      ),
    }),
    column.display({
      id: 'actions',
      header: '',
      cell: (c) => (
        // The row opens the editor: a click on one of its own controls must not also open it.
        <span className="actions" style={{ display: 'inline-flex' }} onClick={(e) => e.stopPropagation()} onKeyDown={(e) => e.stopPropagation()}>
          <Link to={`/buckets?unitType=${c.row.original.id}`}>Buckets</Link>
          {canChange ? (
            <>
              <button type="button" onClick={() => setEditing(c.row.original)}>
                Edit
              </button>
              <ConfirmButton
                label="Delete"
                title={`Delete the unit type ${c.row.original.name}?`}
                message="It is announced as deleted and no longer provisions buckets; its history stays in the audit log."
                confirmLabel="Delete unit type"
                onConfirm={() => remove.mutate(c.row.original.id!)}
              />
            </>
          ) : null}
        </span>
      ),
    }),
  ];
  return (
    <>
      <div className="filters">
        <span className="muted">With auto-provision on, a nightly job creates a bucket for each client whose assets match the filter.</span>
        {canChange ? (
          <button type="button" className="primary" onClick={() => setEditing('new')}>
            New unit type
          </button>
        ) : null}
      </div>
      <ActionError error={remove.error} onDismiss={() => remove.reset()} />
      <DataTable
        label="Unit types"
        columns={columns}
        data={query.data}
        isPending={query.isPending}
        error={query.error}
        onRetry={() => query.refetch()}
        params={params}
        rowKey={(u) => u.id ?? ''}
        onRowOpen={canChange ? (u) => setEditing(u) : undefined}
        empty="No unit types yet."
      />
      <Dialog open={!!editing} onClose={() => setEditing(undefined)} title={editing === 'new' ? 'New unit type' : `Edit ${editing?.name ?? ''}`}>
        <UnitTypeForm unitType={editing === 'new' ? undefined : editing} onDone={() => setEditing(undefined)} />
      </Dialog>
    </>
  );
}
