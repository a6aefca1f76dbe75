import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { createColumnHelper } from '@tanstack/react-table';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { metering, ok } from '../../api/http';
import { useSession } from '../../api/session';
import type { MeteringSchemas } from '../../api/types';
import { DataTable } from '../../ui/DataTable';
import { Select } from '../../ui/filters';
import { applyServerErrors, Field } from '../../ui/form';
import { dateTime } from '../../ui/format';
import { useListParams } from '../../ui/listParams';
import { ActionError, Banner, ConfirmButton, Dialog, SecretDialog } from '../../ui/dialogs';
import { localPage } from './lists';

type ApiKey = MeteringSchemas['ApiKey'];
type CreatedApiKey = MeteringSchemas['CreatedApiKey'];
const column = createColumnHelper<ApiKey>();

const state = (k: ApiKey) => (k.revokedAt ? 'revoked' : k.enabled ? 'enabled' : 'disabled');
const FIELDS: Record<string, (k: ApiKey) => string | boolean | undefined> = {
  name: (k) => k.name,
  role: (k) => k.role,
  customer: (k) => k.customer,
  state: state,
  lastUsedAt: (k) => k.lastUsedAt,
  createdAt: (k) => k.createdAt,
};

/** Keys for tenant services: ingest keys send usage, read keys query it; a key may be scoped to one client. */
export function ApiKeys() {
  const params = useListParams();
  const { hasRole } = useSession();
  const canChange = hasRole('admin', 'operator');
  const queries = useQueryClient();
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<CreatedApiKey>();
  const status = params.get('status');
  const query = useQuery({ queryKey: ['api-keys'], queryFn: () => ok(metering.GET('/api/v1/api-keys')) });
  const refresh = () => queries.invalidateQueries({ queryKey: ['api-keys'] });
  const toggle = useMutation({
    mutationFn: (k: ApiKey) => ok(metering.PATCH('/api/v1/api-keys/{id}', { params: { path: { id: k.id! } }, body: { enabled: !k.enabled } })),
    onSuccess: refresh,
  });
  const revoke = useMutation({
    mutationFn: (id: string) => ok(metering.DELETE('/api/v1/api-keys/{id}', { params: { path: { id } } })),
    onSuccess: refresh,
  });
  const columns = [
    column.accessor('name', { header: 'Name', meta: { sort: 'name' } }),
    column.accessor('prefix', { header: 'Key', cell: (c) => <code>{c.getValue()}…</code> }),
    column.accessor('role', { header: 'Role', meta: { sort: 'role' } }),
    column.accessor('customer', {
      header: 'Client',
      meta: { sort: 'customer' },
      cell: (c) => c.getValue() ?? <span className="muted">any</span>,
    }),
    column.display({
      id: 'state',
      header: 'Enabled',
      meta: { sort: 'state' },
      cell: (c) => {
        const s = state(c.row.original);
        return <span className={`badge ${s === 'enabled' ? 'ok' : s === 'revoked' ? 'over' : ''}`}>{s}</span>;
      },
    }),
    column.accessor('lastUsedAt', {
      header: 'Last used',
      meta: { sort: 'lastUsedAt' },
      cell: (c) => (c.getValue() ? dateTime(c.getValue()) : 'never'),
    }),
    column.accessor('createdAt', { header: 'Created', meta: { sort: 'createdAt' }, cell: (c) => dateTime(c.getValue()) }),
    column.display({
      id: 'actions',
      header: '',
      cell: (c) => {
        const k = c.row.original;
        if (!canChange || k.revokedAt) return k.revokedAt ? <span className="muted">revoked {dateTime(k.revokedAt)}</span> : null;
        return (
          <span className="actions" style={{ display: 'inline-flex' }}>
            <button type="button" disabled={toggle.isPending} onClick={() => toggle.mutate(k)}>
              {k.enabled ? 'Disable' : 'Enable'}
            </button>
            <ConfirmButton
              label="Revoke"
              title={`Revoke the key ${k.name}?`}
              message="For good: within seconds every call with it is refused. Services using it need a new key."
              confirmLabel="Revoke key"
              onConfirm={() => revoke.mutate(k.id!)}
            />
          </span>
        );
      },
    }),
  ];
  const keys = (query.data ?? []).filter((k) => !status || state(k) === status || (status === 'active' && !k.revokedAt));
  return (
    <>
      <div className="filters">
        <Select
          label="Status"
          value={status}
          options={[
            ['', 'all'],
            ['active', 'not revoked'],
            ['enabled', 'enabled'],
            ['disabled', 'disabled'],
            ['revoked', 'revoked'],
          ]}
          onChange={(v) => params.set({ status: v })}
        />
        {canChange ? (
          <button type="button" className="primary" onClick={() => setCreating(true)}>
            New API key
          </button>
        ) : null}
      </div>
      <ActionError error={toggle.error ?? revoke.error} onDismiss={() => {
          toggle.reset();
          revoke.reset();
        }} />
      <DataTable
        label="API keys"
        columns={columns}
        data={query.data ? localPage(keys, params, FIELDS) : undefined}
        isPending={query.isPending}
        error={query.error}
        onRetry={() => query.refetch()}
        params={params}
        rowKey={(k) => k.id ?? ''}
        empty={status ? 'No key has this status.' : 'No API keys yet.'}
      />
      <Dialog open={creating} onClose={() => setCreating(false)} title="Create an API key">
        <NewKey
          onCancel={() => setCreating(false)}
          onCreated={(k) => {
            setCreating(false);
            setCreated(k);
          }}
        />
      </Dialog>
      <SecretDialog
        open={!!created}
        onClose={() => setCreated(undefined)}
        title={`API key ${created?.apiKey?.name ?? ''} created`}
        what="the API key"
        secret={created?.key}
      />
    </>
  );
}

const schema = z.object({
  name: z.string().trim().min(1, 'required').max(200, 'at most 200 characters'),
  role: z.enum(['ingest', 'read']),
  customer: z.string().trim(),
});
type Values = z.infer<typeof schema>;

function NewKey({ onCreated, onCancel }: { onCreated: (k: CreatedApiKey) => void; onCancel: () => void }) {
  const queries = useQueryClient();
  const [banner, setBanner] = useState<string>();
  const form = useForm<Values>({ resolver: zodResolver(schema), defaultValues: { name: '', role: 'ingest', customer: '' } });
  const save = useMutation({
    mutationFn: (v: Values) =>
      ok(
        metering.POST('/api/v1/api-keys', { body: { name: v.name.trim(), role: v.role, customer: v.customer || undefined } }),
      ) as unknown as Promise<CreatedApiKey>,
    onSuccess: (k) => {
      queries.invalidateQueries({ queryKey: ['api-keys'] });
      onCreated(k);
    },
    onError: (e) => setBanner(applyServerErrors(e, ['name', 'role', 'customer'], form.setError)),
  });
  const errors = form.formState.errors;
  return (
    <form className="form" style={{ border: 0, padding: 0 }} onSubmit={form.handleSubmit((v) => save.mutate(v))} noValidate>
      <fieldset disabled={save.isPending}>
        <Banner text={banner} />
        <Field label="Name" error={errors.name?.message} hint="Who uses it, to recognise it later">
          <input autoFocus placeholder="llm-gateway prod" {...form.register('name')} />
        </Field>
        <Field label="Role" error={errors.role?.message}>
          <select {...form.register('role')}>
            <option value="ingest">ingest: sends usage events</option>
            <option value="read">read: queries usage</option>
          </select>
        </Field>
        <Field label="Client (optional)" error={errors.customer?.message} hint="Scope the key to this client's external id; empty: any client">
          <input placeholder="acme" {...form.register('customer')} />
        </Field>
        <div className="form-actions">
          <button type="submit" className="primary">
            {save.isPending ? 'Creating…' : 'Create key'}
          </button>
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </fieldset>
    </form>
  );
}
