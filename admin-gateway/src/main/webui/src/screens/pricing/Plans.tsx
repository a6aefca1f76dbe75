import { zodResolver } from '@hookform/resolvers/zod';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { createColumnHelper } from '@tanstack/react-table';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { Link, useNavigate } from 'react-router';
import { z } from 'zod';
import { useSession } from '../../api/session';
import { DataTable } from '../../ui/DataTable';
import { SearchBox } from '../../ui/filters';
import { applyServerErrors, Field } from '../../ui/form';
import { date, dateTime } from '../../ui/format';
import { useListParams } from '../../ui/listParams';
import { Banner, Dialog } from '../../ui/dialogs';
import { createPlan, listPlans, planLabel, versionInEffect, type Plan, type PlanKind } from './plans';

const column = createColumnHelper<Plan>();

/** Price plans or cost-rate plans: each with its draft and published versions. */
export function Plans({ kind }: { kind: PlanKind }) {
  const params = useListParams();
  const navigate = useNavigate();
  const { hasRole } = useSession();
  const [creating, setCreating] = useState(false);
  const client = kind === 'price' ? params.get('client') : undefined;
  const query = useQuery({
    queryKey: ['plans', kind, params.page, params.size, params.sort, client],
    queryFn: () => listPlans(kind, { page: params.page, size: params.size, sort: params.sort, client }),
    placeholderData: keepPreviousData,
  });
  const href = (p: Plan) => `/pricing/plans/${p.id}?kind=${kind}`;
  const columns = [
    column.accessor('name', {
      header: 'Name',
      meta: { sort: 'name' },
      cell: (c) => (
        <>
          <Link to={href(c.row.original)}>{c.getValue()}</Link>
          {c.row.original.description ? <div className="muted">{c.row.original.description}</div> : null}
        </>
      ),
    }),
    ...(kind === 'price'
      ? [
          column.accessor('client', {
            header: 'Client',
            meta: { sort: 'client' },
            cell: (c) => c.getValue() ?? <span className="muted">all (list prices)</span>,
          }),
        ]
      : []),
    column.accessor('currency', { header: 'Currency', meta: { sort: 'currency' } }),
    column.accessor('versions', {
      header: 'In effect',
      cell: (c) => {
        const versions = c.getValue() ?? [];
        const current = versionInEffect(versions);
        const next = versions.find((v) => v.effectiveFrom && new Date(v.effectiveFrom).getTime() > Date.now());
        if (!versions.length) return <span className="badge warning">draft only</span>;
        return (
          <>
            {current ? `version ${current}` : <span className="muted">none yet</span>}
            {next ? <span className="badge">v{next.version} from {date(next.effectiveFrom)}</span> : null}
          </>
        );
      },
    }),
    column.accessor('draft', {
      header: 'Draft',
      cell: (c) => `${c.getValue()?.charges?.length ?? 0} charges · revision ${c.getValue()?.revision ?? 0}`,
    }),
    column.accessor('updatedAt', { header: 'Changed', meta: { sort: 'updatedAt' }, cell: (c) => dateTime(c.getValue()) }),
  ];
  return (
    <>
      <div className="filters">
        {kind === 'price' ? (
          <SearchBox label="Client (external id)" value={client} onChange={(v) => params.set({ client: v })} />
        ) : (
          <span className="muted">What usage costs us: applied to the same events, it gives the metered cost.</span>
        )}
        {hasRole('admin', 'operator') ? (
          <button type="button" className="primary" onClick={() => setCreating(true)}>
            New {planLabel(kind)}
          </button>
        ) : null}
      </div>
      <DataTable
        label={kind === 'price' ? 'Price plans' : 'Cost-rate plans'}
        columns={columns}
        data={query.data}
        isPending={query.isPending}
        error={query.error}
        onRetry={() => query.refetch()}
        params={params}
        rowKey={(p) => p.id ?? ''}
        onRowOpen={(p) => navigate(href(p))}
        empty={client ? `No ${planLabel(kind)} for ${client}.` : `No ${planLabel(kind)}s yet.`}
      />
      <Dialog open={creating} onClose={() => setCreating(false)} title={`New ${planLabel(kind)}`}>
        <NewPlan kind={kind} onDone={() => setCreating(false)} />
      </Dialog>
    </>
  );
}

const schema = z.object({
  name: z.string().trim().min(1, 'required').max(200, 'at most 200 characters'),
  description: z.string().max(2000, 'at most 2000 characters'),
  currency: z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as USD'),
  client: z.string().trim().regex(/^$|^[A-Za-z0-9_.:@-]{1,256}$/, "a client's external id"),
});
type Values = z.infer<typeof schema>;

/** A plan starts as an empty draft: its charges are edited on its page, and nothing applies until it is published. */
function NewPlan({ kind, onDone }: { kind: PlanKind; onDone: () => void }) {
  const queries = useQueryClient();
  const navigate = useNavigate();
  const [banner, setBanner] = useState<string>();
  const form = useForm<Values>({ resolver: zodResolver(schema), defaultValues: { name: '', description: '', currency: 'USD', client: '' } });
  const save = useMutation({
    mutationFn: (v: Values) =>
      createPlan(kind, {
        name: v.name.trim(),
        description: v.description.trim() || undefined,
        currency: v.currency,
        client: v.client || undefined,
        charges: [],
      }),
    onSuccess: (plan) => {
      queries.invalidateQueries({ queryKey: ['plans'] });
      onDone();
      if (plan?.id) navigate(`/pricing/plans/${plan.id}?kind=${kind}&edit=1`);
    },
    onError: (e) => setBanner(applyServerErrors(e, ['name', 'description', 'currency', 'client', 'charges'], form.setError)),
  });
  const errors = form.formState.errors;
  return (
    <form className="form" style={{ border: 0, padding: 0 }} onSubmit={form.handleSubmit((v) => save.mutate(v))} noValidate>
      <fieldset disabled={save.isPending}>
        <Banner text={banner} />
        <Field label="Name" error={errors.name?.message}>
          <input autoFocus placeholder={kind === 'price' ? 'AI platform 2026' : 'Provider costs 2026'} {...form.register('name')} />
        </Field>
        <Field label="Description" error={errors.description?.message}>
          <input {...form.register('description')} />
        </Field>
        <div className="row">
          <Field label="Currency" error={errors.currency?.message} hint="Fixed once a version is published">
            <input maxLength={3} {...form.register('currency', { setValueAs: (v: string) => v.toUpperCase() })} />
          </Field>
          {kind === 'price' ? (
            <Field label="Client (optional)" error={errors.client?.message} hint="Negotiated terms for this client's external id only">
              <input placeholder="acme" {...form.register('client')} />
            </Field>
          ) : null}
        </div>
        <div className="form-actions">
          <button type="submit" className="primary">
            {save.isPending ? 'Creating…' : 'Create draft'}
          </button>
          <button type="button" onClick={onDone}>
            Cancel
          </button>
        </div>
      </fieldset>
    </form>
  );
}
