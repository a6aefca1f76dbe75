import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { createColumnHelper } from '@tanstack/react-table';
import { useState } from 'react';
import { Link } from 'react-router';
import { ok, pricing } from '../../api/http';
import { useSession } from '../../api/session';
import type { PricingSchemas } from '../../api/types';
import { DataTable } from '../../ui/DataTable';
import { SearchBox, Select } from '../../ui/filters';
import { date, dateTime, money, percent } from '../../ui/format';
import { useListParams } from '../../ui/listParams';
import { ActionError, ConfirmButton, Dialog } from '../../ui/dialogs';
import { DiscountForm } from './DiscountForm';
import { usePricePlanDirectory } from './plans';

type Discount = PricingSchemas['Discount'];
const column = createColumnHelper<Discount>();
const ACTIONS = { display: 'inline-flex' };

/** A promotion's window, [from, until). */
export function validity(d: { validFrom?: string; validUntil?: string }): string {
  if (!d.validFrom && !d.validUntil) return 'always';
  if (!d.validUntil) return `from ${date(d.validFrom)}`;
  const last = date(new Date(new Date(d.validUntil).getTime() - 1).toISOString());
  return d.validFrom ? `${date(d.validFrom)} – ${last}` : `until ${last}`;
}

/** Discounts and promotions on a plan, one of its charges, or a client; archived ones on request. */
export function Discounts() {
  const params = useListParams();
  const { hasRole } = useSession();
  const canChange = hasRole('admin', 'operator');
  const queries = useQueryClient();
  const plans = usePricePlanDirectory();
  const [editing, setEditing] = useState<Discount | 'new'>();
  const scope = params.get('scope');
  const client = params.get('client');
  const planId = params.get('plan');
  const includeArchived = params.get('archived') === 'true';
  const query = useQuery({
    queryKey: ['discounts', params.page, params.size, params.sort, scope, client, planId, includeArchived],
    queryFn: () =>
      ok(
        pricing.GET('/api/v1/discounts', {
          params: { query: { page: params.page, size: params.size, sort: params.sort, scope, client, planId, includeArchived } },
        }),
      ),
    placeholderData: keepPreviousData,
  });
  const archive = useMutation({
    mutationFn: (id: string) => ok(pricing.DELETE('/api/v1/discounts/{id}', { params: { path: { id } } })),
    onSuccess: () => queries.invalidateQueries({ queryKey: ['discounts'] }),
  });
  const planName = (id: string | undefined) => plans.data?.items?.find((p) => p.id === id)?.name ?? id?.substring(0, 8);
  const columns = [
    column.accessor('name', { header: 'Name', meta: { sort: 'name' } }),
    column.accessor('value', {
      header: 'Discount',
      meta: { sort: 'value', numeric: true },
      cell: (c) => (c.row.original.type === 'PERCENT' ? percent(c.getValue()) : money(c.getValue(), c.row.original.currency)),
    }),
    column.accessor('scope', {
      header: 'Applies to',
      meta: { sort: 'scope' },
      cell: (c) => {
        const d = c.row.original;
        if (d.scope === 'CLIENT') return <>client {d.client}</>;
        const plan = <Link to={`/pricing/plans/${d.planId}?kind=price`}>{planName(d.planId)}</Link>;
        return d.scope === 'CHARGE' ? (
          <>
            charge <code>{d.chargeKey}</code> of {plan}
          </>
        ) : (
          <>plan {plan}</>
        );
      },
    }),
    column.accessor('validFrom', { header: 'Valid', meta: { sort: 'validFrom' }, cell: (c) => validity(c.row.original) }),
    column.accessor('revision', { header: 'Revision', meta: { numeric: true } }),
    column.accessor('archived', {
      header: 'State',
      cell: (c) => (c.getValue() ? <span className="badge">archived</span> : <span className="badge ok">active</span>),
    }),
    column.accessor('updatedAt', { header: 'Changed', meta: { sort: 'updatedAt' }, cell: (c) => dateTime(c.getValue()) }),
    column.display({
      id: 'actions',
      header: '',
      cell: (c) =>
        canChange && !c.row.original.archived ? (
          // The row opens the editor: a click on one of its own controls must not also open it.
          <span className="actions" style={ACTIONS} onClick={(e) => e.stopPropagation()} onKeyDown={(e) => e.stopPropagation()}>
            <button type="button" onClick={() => setEditing(c.row.original)}>
              Edit
            </button>
            <ConfirmButton
              label="Delete"
              title={`Delete the discount ${c.row.original.name}?`}
              message="It is archived: it no longer applies to new ratings, and its history is kept."
              confirmLabel="Delete discount"
              onConfirm={() => archive.mutate(c.row.original.id!)}
            />
          </span>
        ) : null,
    }),
  ];
  return (
    <>
      <div className="filters">
        <Select
          label="Applies to"
          value={scope}
          options={[
            ['', 'any scope'],
            ['PLAN', 'a plan'],
            ['CHARGE', 'a charge'],
            ['CLIENT', 'a client'],
          ]}
          onChange={(v) => params.set({ scope: v })}
        />
        <Select
          label="Plan"
          value={planId}
          options={[['', 'any plan'], ...(plans.data?.items ?? []).map((p) => [p.id ?? '', p.name ?? ''] as [string, string])]}
          onChange={(v) => params.set({ plan: v })}
        />
        <SearchBox label="Client (external id)" value={client} onChange={(v) => params.set({ client: v })} />
        <label className="check">
          <input type="checkbox" checked={includeArchived} onChange={(e) => params.set({ archived: e.target.checked ? 'true' : undefined })} />
          Include archived
        </label>
        {canChange ? (
          <button type="button" className="primary" onClick={() => setEditing('new')}>
            New discount
          </button>
        ) : null}
      </div>
      <ActionError error={archive.error} onDismiss={() => archive.reset()} />
      <DataTable
        label="Discounts"
        columns={columns}
        data={query.data}
        isPending={query.isPending}
        error={query.error}
        onRetry={() => query.refetch()}
        params={params}
        rowKey={(d) => d.id ?? ''}
        onRowOpen={canChange ? (d) => !d.archived && setEditing(d) : undefined}
        empty={scope || client || planId ? 'No discount matches.' : 'No discounts yet.'}
      />
      <Dialog open={!!editing} onClose={() => setEditing(undefined)} title={editing === 'new' ? 'New discount' : `Edit ${editing?.name ?? ''}`}>
        <DiscountForm discount={editing === 'new' ? undefined : editing} onDone={() => setEditing(undefined)} />
      </Dialog>
    </>
  );
}
