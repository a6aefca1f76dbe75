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
import { dateTime, quantity } from '../../ui/format';
import { useListParams } from '../../ui/listParams';
import { ActionError, Banner, ConfirmButton, Dialog } from '../../ui/dialogs';
import { localPage } from './lists';

type Suppression = MeteringSchemas['Suppression'];
const column = createColumnHelper<Suppression>();
const TARGETS: Record<string, string> = { ASSET: 'asset', SOURCE: 'source', CUSTOMER: 'client (customer)' };
const FIELDS: Record<string, (s: Suppression) => string | number | undefined> = {
  pattern: (s) => s.pattern,
  target: (s) => s.target,
  reason: (s) => s.reason,
  droppedCount: (s) => s.droppedCount,
  createdAt: (s) => s.createdAt,
};

/** Patterns whose events are dropped at ingest: no asset, no raw data, only the count of what was dropped. */
export function Suppressions() {
  const params = useListParams();
  const { hasRole } = useSession();
  const canChange = hasRole('admin', 'operator');
  const queries = useQueryClient();
  const [creating, setCreating] = useState(false);
  const target = params.get('target');
  const query = useQuery({ queryKey: ['suppressions'], queryFn: () => ok(metering.GET('/api/v1/suppressions')), refetchInterval: 60_000 });
  const remove = useMutation({
    mutationFn: (id: string) => ok(metering.DELETE('/api/v1/suppressions/{id}', { params: { path: { id } } })),
    onSuccess: () => queries.invalidateQueries({ queryKey: ['suppressions'] }),
  });
  const columns = [
    column.accessor('pattern', { header: 'Pattern', meta: { sort: 'pattern' }, cell: (c) => <code>{c.getValue()}</code> }),
    column.accessor('target', { header: 'Type', meta: { sort: 'target' }, cell: (c) => TARGETS[c.getValue() ?? ''] ?? c.getValue() }),
    column.accessor('reason', { header: 'Reason', meta: { sort: 'reason' } }),
    column.accessor('droppedCount', {
      header: 'Events dropped',
      meta: { sort: 'droppedCount', numeric: true },
      cell: (c) => quantity(c.getValue() ?? 0),
    }),
    column.accessor('createdAt', { header: 'Created', meta: { sort: 'createdAt' }, cell: (c) => dateTime(c.getValue()) }),
    column.display({
      id: 'actions',
      header: '',
      cell: (c) =>
        canChange ? (
          <ConfirmButton
            label="Delete"
            title={`Delete the suppression ${c.row.original.pattern}?`}
            message="Matching events are accepted again within seconds: new assets may appear and their usage is billed."
            confirmLabel="Delete suppression"
            onConfirm={() => remove.mutate(c.row.original.id!)}
          />
        ) : null,
    }),
  ];
  const rows = (query.data ?? []).filter((s) => !target || s.target === target);
  return (
    <>
      <div className="filters">
        <Select label="Type" value={target} options={[['', 'all'], ...Object.entries(TARGETS)]} onChange={(v) => params.set({ target: v })} />
        <span className="muted">A glob: * any characters, ? one. Counts are of events dropped since each rule was added.</span>
        {canChange ? (
          <button type="button" className="primary" onClick={() => setCreating(true)}>
            New suppression
          </button>
        ) : null}
      </div>
      <ActionError error={remove.error} onDismiss={() => remove.reset()} />
      <DataTable
        label="Ingest suppressions"
        columns={columns}
        data={query.data ? localPage(rows, params, FIELDS) : undefined}
        isPending={query.isPending}
        error={query.error}
        onRetry={() => query.refetch()}
        params={params}
        rowKey={(s) => s.id ?? ''}
        empty={target ? 'No suppression of this type.' : 'No suppressions: every event is ingested.'}
      />
      <Dialog open={creating} onClose={() => setCreating(false)} title="New ingest suppression">
        <NewSuppression onDone={() => setCreating(false)} />
      </Dialog>
    </>
  );
}

const schema = z.object({
  pattern: z
    .string()
    .trim()
    .min(1, 'required')
    .max(256, 'at most 256 characters')
    .refine((p) => !/^\*+$/.test(p), 'would drop every event: name what to drop'),
  target: z.enum(['ASSET', 'SOURCE', 'CUSTOMER']),
  reason: z.string().trim().min(1, 'required: why these events are never billed').max(1000, 'at most 1000 characters'),
});
type Values = z.infer<typeof schema>;

function NewSuppression({ onDone }: { onDone: () => void }) {
  const queries = useQueryClient();
  const [banner, setBanner] = useState<string>();
  const form = useForm<Values>({ resolver: zodResolver(schema), defaultValues: { pattern: '', target: 'ASSET', reason: '' } });
  const save = useMutation({
    mutationFn: (v: Values) => ok(metering.POST('/api/v1/suppressions', { body: v })),
    onSuccess: () => {
      queries.invalidateQueries({ queryKey: ['suppressions'] });
      onDone();
    },
    onError: (e) => setBanner(applyServerErrors(e, ['pattern', 'target', 'reason'], form.setError)),
  });
  const errors = form.formState.errors;
  return (
    <form className="form" style={{ border: 0, padding: 0 }} onSubmit={form.handleSubmit((v) => save.mutate(v))} noValidate>
      <fieldset disabled={save.isPending}>
        <Banner text={banner} />
        <div className="state" role="note">
          Matching events are dropped at ingest: no asset is created and no raw data is kept. Only the count remains.
        </div>
        <Field label="Pattern" error={errors.pattern?.message} hint="A glob: * any characters, ? one">
          <input autoFocus placeholder="loadtest-*" {...form.register('pattern')} />
        </Field>
        <Field label="Type" error={errors.target?.message} hint="What the pattern matches">
          <select {...form.register('target')}>
            {Object.entries(TARGETS).map(([k, v]) => (
              <option key={k} value={k}>
                {v}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Reason" error={errors.reason?.message}>
          <input placeholder="Load-test hosts, never billed" {...form.register('reason')} />
        </Field>
        <div className="form-actions">
          <button type="submit" className="primary">
            {save.isPending ? 'Creating…' : 'Create suppression'}
          </button>
          <button type="button" onClick={onDone}>
            Cancel
          </button>
        </div>
      </fieldset>
    </form>
  );
}
