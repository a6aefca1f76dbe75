import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { billing, ok } from '../../api/http';
import type { BillingSchemas } from '../../api/types';
import { applyServerErrors, Field } from '../../ui/form';
import { Loading } from '../../ui/states';
import { useClientDirectory } from '../margin/clients';
import { Banner } from '../../ui/dialogs';
import { usePricePlanDirectory, type Plan } from './plans';

type Backtest = BillingSchemas['Backtest'];

const schema = z.object({
  pricePlan: z.string().min(1, 'choose a price plan'),
  version: z.string(),
  period: z.string().regex(/^\d{4}-\d{2}$/, 'a month'),
  clients: z.array(z.string()),
});
type Values = z.infer<typeof schema>;

const lastMonth = () => {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1)).toISOString().substring(0, 7);
};

/** Re-rates a past period under a plan's draft (or one of its versions) for its subscribers, or the clients chosen. */
export function BacktestForm({ plan, onDone }: { plan: string | undefined; onDone: (b: Backtest | undefined) => void }) {
  const plans = usePricePlanDirectory();
  // The plan select takes its value when it mounts: its options must be there by then.
  if (plans.isPending) return <Loading what="the price plans" />;
  return <Editor plan={plan} onDone={onDone} plans={plans.data?.items ?? []} />;
}

function Editor({ plan, onDone, plans }: { plan: string | undefined; onDone: (b: Backtest | undefined) => void; plans: Plan[] }) {
  const queries = useQueryClient();
  const clients = useClientDirectory();
  const [banner, setBanner] = useState<string>();
  const form = useForm<Values>({
    resolver: zodResolver(schema),
    defaultValues: { pricePlan: plan ?? '', version: '', period: lastMonth(), clients: [] },
  });
  const run = useMutation({
    mutationFn: (v: Values) =>
      ok(
        billing.POST('/api/v1/backtests', {
          body: {
            pricePlan: v.pricePlan,
            version: v.version ? Number(v.version) : undefined,
            period: v.period,
            clients: v.clients.length ? v.clients : undefined,
          },
        }),
      ) as unknown as Promise<Backtest>,
    onSuccess: (b) => {
      queries.invalidateQueries({ queryKey: ['backtests'] });
      onDone(b);
    },
    onError: (e) => setBanner(applyServerErrors(e, ['pricePlan', 'version', 'period', 'clients'], form.setError)),
  });
  const errors = form.formState.errors;
  const chosen = plans.find((p) => p.id === form.watch('pricePlan'));
  return (
    <form className="form" style={{ border: 0, padding: 0 }} onSubmit={form.handleSubmit((v) => run.mutate(v))} noValidate>
      <fieldset disabled={run.isPending}>
        <Banner text={banner} />
        <Field label="Price plan" error={errors.pricePlan?.message}>
          <select autoFocus {...form.register('pricePlan', { onChange: () => form.setValue('version', '') })}>
            <option value="">choose a plan</option>
            {plans.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
                {p.client ? ` (${p.client})` : ''}
              </option>
            ))}
          </select>
        </Field>
        <div className="row">
          <Field label="Candidate" error={errors.version?.message} hint="What to re-rate the period under">
            <select {...form.register('version')}>
              <option value="">the draft (revision {chosen?.draft?.revision ?? '—'})</option>
              {(chosen?.versions ?? []).map((v) => (
                <option key={v.version} value={v.version}>
                  version {v.version}
                </option>
              ))}
            </select>
          </Field>
          <Field label="Period" error={errors.period?.message} hint="Each client's period starting that month, in its time zone">
            <input type="month" {...form.register('period')} />
          </Field>
        </div>
        <Field label="Clients (optional)" error={errors.clients?.message} hint="None chosen: every client on the plan in that period">
          <select multiple size={6} {...form.register('clients')}>
            {(clients.data?.items ?? []).map((c) => (
              <option key={c.id} value={c.id}>
                {c.name} ({c.externalId})
              </option>
            ))}
          </select>
        </Field>
        <div className="form-actions">
          <button type="submit" className="primary">
            {run.isPending ? 'Re-rating…' : 'Run backtest'}
          </button>
          <button type="button" onClick={() => onDone(undefined)}>
            Cancel
          </button>
        </div>
      </fieldset>
    </form>
  );
}
