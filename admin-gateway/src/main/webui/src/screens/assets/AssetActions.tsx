import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { ApiError, metering, ok } from '../../api/http';
import type { Asset, Client } from '../../api/types';
import { applyServerErrors, Field } from '../../ui/form';
import { ClientPicker } from '../../ui/clients';
import { Dialog } from '../../ui/dialogs';

/** What an asset change can alter: lists, the asset, unbound usage, the dashboard's new-asset count. */
function invalidate(queries: QueryClient, id: string | undefined) {
  queries.invalidateQueries({ queryKey: ['assets'] });
  queries.invalidateQueries({ queryKey: ['asset', id] });
  queries.invalidateQueries({ queryKey: ['unbound'] });
  queries.invalidateQueries({ queryKey: ['view', 'dashboard'] });
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** The row actions on an asset, for admins and operators (AssetResource allows them). */
export function AssetActions({ asset }: { asset: Asset }) {
  const queries = useQueryClient();
  const [dialog, setDialog] = useState<'assign' | 'edit'>();
  const change = useMutation({
    mutationFn: (call: () => Promise<Asset>) => call(),
    onSuccess: () => invalidate(queries, asset.id),
  });
  const path = { params: { path: { id: asset.id ?? '' } } };
  const busy = change.isPending;
  return (
    // Clicks and keys here are the buttons', not the row's (the row selects the asset).
    <div className="actions" onClick={(e) => e.stopPropagation()} onKeyDown={(e) => e.stopPropagation()}>
      {!asset.acknowledged && !asset.disregarded ? (
        <button type="button" disabled={busy} onClick={() => change.mutate(() => ok(metering.POST('/api/v1/assets/{id}/ack', path)))}>
          Acknowledge
        </button>
      ) : null}
      {!asset.disregarded ? (
        <button
          type="button"
          disabled={busy}
          title={asset.client ? 'Assign to another client, or unassign' : undefined}
          onClick={() => setDialog('assign')}
        >
          Assign
        </button>
      ) : null}
      <button type="button" disabled={busy} onClick={() => setDialog('edit')}>
        Edit
      </button>
      {asset.disregarded ? (
        <button type="button" disabled={busy} onClick={() => change.mutate(() => ok(metering.POST('/api/v1/assets/{id}/restore', path)))}>
          Restore
        </button>
      ) : (
        <button
          type="button"
          className="danger"
          disabled={busy}
          title="Hide it and leave its usage out of totals and billing; its history is kept and it can be restored."
          onClick={() => change.mutate(() => ok(metering.POST('/api/v1/assets/{id}/disregard', path)))}
        >
          Disregard
        </button>
      )}
      {change.isError ? (
        <span role="alert" className="down">
          {message(change.error)}
        </span>
      ) : null}
      <Dialog title={`Assign ${asset.id} to a client`} open={dialog === 'assign'} onClose={() => setDialog(undefined)}>
        <AssignForm asset={asset} onDone={() => setDialog(undefined)} />
      </Dialog>
      <Dialog title={`Edit ${asset.id}`} open={dialog === 'edit'} onClose={() => setDialog(undefined)}>
        <EditForm asset={asset} onDone={() => setDialog(undefined)} />
      </Dialog>
    </div>
  );
}

/** PUT /assets/{id}/client takes the client's external id (the customer on events), or null to unassign. */
function AssignForm({ asset, onDone }: { asset: Asset; onDone: () => void }) {
  const queries = useQueryClient();
  const [client, setClient] = useState<Client>();
  const [error, setError] = useState<string>();
  const assign = useMutation({
    mutationFn: (externalId: string | null) =>
      ok(
        metering.PUT('/api/v1/assets/{id}/client', {
          params: { path: { id: asset.id ?? '' } },
          // The generated type says string values; null is how the API unassigns.
          body: { client: externalId } as Record<string, string>,
        }),
      ),
    onSuccess: () => {
      invalidate(queries, asset.id);
      onDone();
    },
    onError: (e) => setError(e instanceof ApiError ? (e.fieldError('client') ?? e.message) : message(e)),
  });
  return (
    <form
      className="form"
      style={{ border: 0, padding: 0 }}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (!client?.externalId) setError('pick a client');
        else assign.mutate(client.externalId);
      }}
    >
      <fieldset disabled={assign.isPending}>
        <p className="muted" style={{ margin: 0 }}>
          {asset.client ? `Now counted for ${asset.client}. ` : ''}Its events that name no customer will count for the client you pick,
          the earlier ones too.
        </p>
        <ClientPicker
          variant="field"
          label="Client"
          placeholder="Search clients by name or external id"
          value={client?.id}
          error={error}
          onChange={(c) => {
            setClient(c);
            setError(undefined);
          }}
        />
        <div className="form-actions">
          <button type="submit" className="primary">
            {assign.isPending ? 'Assigning…' : 'Assign'}
          </button>
          {asset.client ? (
            <button type="button" className="danger" onClick={() => assign.mutate(null)}>
              Unassign
            </button>
          ) : null}
          <button type="button" onClick={onDone}>
            Cancel
          </button>
        </div>
      </fieldset>
    </form>
  );
}

const editSchema = z.object({
  name: z.string().max(1000, 'at most 1000 characters'),
  description: z.string().max(1000, 'at most 1000 characters'),
  enabled: z.boolean(),
});
type EditValues = z.infer<typeof editSchema>;

function EditForm({ asset, onDone }: { asset: Asset; onDone: () => void }) {
  const queries = useQueryClient();
  const [banner, setBanner] = useState<string>();
  const form = useForm<EditValues>({
    resolver: zodResolver(editSchema),
    defaultValues: { name: asset.name ?? '', description: asset.description ?? '', enabled: asset.enabled ?? true },
  });
  const save = useMutation({
    mutationFn: (v: EditValues) =>
      ok(
        metering.PATCH('/api/v1/assets/{id}', {
          params: { path: { id: asset.id ?? '' } },
          body: { name: v.name.trim() || null, description: v.description.trim() || null, enabled: v.enabled },
        }),
      ),
    onSuccess: () => {
      invalidate(queries, asset.id);
      onDone();
    },
    onError: (e) => setBanner(applyServerErrors(e, ['name', 'description', 'enabled'], form.setError)),
  });
  const errors = form.formState.errors;
  return (
    <form className="form" style={{ border: 0, padding: 0, minWidth: 420 }} noValidate onSubmit={form.handleSubmit((v) => save.mutate(v))}>
      <fieldset disabled={save.isPending}>
        {banner ? (
          <div className="state error" role="alert">
            {banner}
          </div>
        ) : null}
        <Field label="Name" error={errors.name?.message}>
          <input autoFocus {...form.register('name')} />
        </Field>
        <Field label="Description" error={errors.description?.message}>
          <textarea rows={3} {...form.register('description')} />
        </Field>
        <label className="check">
          <input type="checkbox" {...form.register('enabled')} /> Enabled
        </label>
        <div className="form-actions">
          <button type="submit" className="primary">
            {save.isPending ? 'Saving…' : 'Save'}
          </button>
          <button type="button" onClick={onDone}>
            Cancel
          </button>
        </div>
      </fieldset>
    </form>
  );
}
