import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useNavigate, useParams } from 'react-router';
import { z } from 'zod';
import { billing, ok } from '../../api/http';
import { useSession } from '../../api/session';
import type { Client, ClientRequest } from '../../api/types';
import { applyServerErrors, Field, TIME_ZONES } from '../../ui/form';
import { PageTitle } from '../../ui/Layout';
import { ErrorState, Loading } from '../../ui/states';

// What the form checks before sending; the server checks everything again and names what it refuses.
const schema = z
  .object({
    name: z.string().trim().min(1, 'required').max(200),
    externalId: z.string().trim().min(1, 'required').max(200),
    currency: z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as EUR'),
    timeZone: z.string().min(1, 'required'),
    cycle: z.enum(['CALENDAR_MONTH', 'ANNIVERSARY']),
    anchorDay: z.string().optional(),
    startsAt: z.string().optional(),
    endsAt: z.string().optional(),
    gracePeriod: z.string().regex(/^$|^P/, 'an ISO-8601 duration such as P3D').optional(),
    paymentTermsDays: z.string().regex(/^$|^\d{1,3}$/, '0 to 365').optional(),
    enabled: z.boolean(),
    stripeCustomerId: z.string().optional(),
  })
  .refine((v) => v.cycle !== 'ANNIVERSARY' || /^([1-9]|1\d|2[0-8])$/.test(v.anchorDay ?? ''), {
    path: ['anchorDay'],
    message: 'a day from 1 to 28',
  });
type Values = z.infer<typeof schema>;
const FIELDS = Object.keys(schema.innerType().shape);

const toDate = (iso?: string) => (iso ? iso.substring(0, 10) : '');
const toInstant = (date?: string) => (date ? `${date}T00:00:00Z` : undefined);

function toValues(c?: Client): Values {
  return {
    name: c?.name ?? '',
    externalId: c?.externalId ?? '',
    currency: c?.currency ?? 'EUR',
    timeZone: c?.timeZone ?? 'UTC',
    cycle: c?.billingCycle?.type ?? 'CALENDAR_MONTH',
    anchorDay: c?.billingCycle?.anchorDay?.toString() ?? '',
    startsAt: toDate(c?.startsAt),
    endsAt: toDate(c?.endsAt),
    gracePeriod: c?.gracePeriod ?? '',
    paymentTermsDays: c?.paymentTermsDays?.toString() ?? '',
    enabled: c?.enabled ?? true,
    stripeCustomerId: c?.stripeCustomerId ?? '',
  };
}

function toRequest(v: Values): ClientRequest {
  return {
    name: v.name.trim(),
    externalId: v.externalId.trim(),
    currency: v.currency,
    timeZone: v.timeZone,
    billingCycle: v.cycle === 'ANNIVERSARY' ? { type: 'ANNIVERSARY', anchorDay: Number(v.anchorDay) } : { type: 'CALENDAR_MONTH' },
    startsAt: toInstant(v.startsAt),
    endsAt: toInstant(v.endsAt),
    gracePeriod: v.gracePeriod || undefined,
    paymentTermsDays: v.paymentTermsDays ? Number(v.paymentTermsDays) : undefined,
    enabled: v.enabled,
    stripeCustomerId: v.stripeCustomerId || undefined,
  };
}

export default function ClientForm() {
  const { id } = useParams();
  const query = useQuery({
    queryKey: ['client', id],
    queryFn: () => ok(billing.GET('/api/v1/clients/{id}', { params: { path: { id: id! } } })),
    enabled: id !== undefined,
  });
  if (id && query.isPending) return <Loading what="the client" />;
  if (id && query.isError) return <ErrorState error={query.error} onRetry={() => query.refetch()} />;
  return <Editor client={query.data} key={query.data?.version ?? 'new'} />;
}

function Editor({ client }: { client?: Client }) {
  const { canChange } = useSession();
  const navigate = useNavigate();
  const queries = useQueryClient();
  const [banner, setBanner] = useState<string>();
  const form = useForm<Values>({ resolver: zodResolver(schema), defaultValues: toValues(client) });
  const save = useMutation({
    mutationFn: (v: Values) =>
      client?.id
        ? ok(billing.PUT('/api/v1/clients/{id}', { params: { path: { id: client.id } }, body: toRequest(v) }))
        : ok(billing.POST('/api/v1/clients', { body: toRequest(v) })),
    onSuccess: (saved) => {
      queries.invalidateQueries({ queryKey: ['clients'] });
      queries.invalidateQueries({ queryKey: ['client', saved.id] });
      navigate(`/clients/${saved.id}`);
    },
    onError: (e) => setBanner(applyServerErrors(e, FIELDS, form.setError)),
  });
  const errors = form.formState.errors;
  const cycle = form.watch('cycle');
  return (
    <>
      <PageTitle title={client ? `Edit ${client.name}` : 'New client'} />
      <form className="form" onSubmit={form.handleSubmit((v) => save.mutate(v))} noValidate>
        <fieldset disabled={!canChange || save.isPending}>
          {banner ? (
            <div className="state error" role="alert">
              {banner}
            </div>
          ) : null}
          <Field label="Name" error={errors.name?.message}>
            <input autoFocus {...form.register('name')} />
          </Field>
          <Field label="External id" hint="The id your systems and usage events use for this client." error={errors.externalId?.message}>
            <input {...form.register('externalId')} />
          </Field>
          <div className="row">
            <Field label="Currency" error={errors.currency?.message}>
              <input {...form.register('currency', { setValueAs: (v: string) => v.toUpperCase() })} maxLength={3} />
            </Field>
            <Field label="Time zone" hint="Billing periods start at midnight here." error={errors.timeZone?.message}>
              <select {...form.register('timeZone')}>
                {TIME_ZONES.map((z) => (
                  <option key={z}>{z}</option>
                ))}
              </select>
            </Field>
          </div>
          <div className="row">
            <Field label="Billing cycle" error={errors.cycle?.message}>
              <select {...form.register('cycle')}>
                <option value="CALENDAR_MONTH">Calendar month</option>
                <option value="ANNIVERSARY">Anniversary</option>
              </select>
            </Field>
            {cycle === 'ANNIVERSARY' ? (
              <Field label="Anchor day" hint="1 to 28" error={errors.anchorDay?.message}>
                <input type="number" min={1} max={28} {...form.register('anchorDay')} />
              </Field>
            ) : null}
          </div>
          <div className="row">
            <Field label="Billing starts" error={errors.startsAt?.message}>
              <input type="date" {...form.register('startsAt')} />
            </Field>
            <Field label="Billing ends" hint="Leave empty for no end." error={errors.endsAt?.message}>
              <input type="date" {...form.register('endsAt')} />
            </Field>
          </div>
          <div className="row">
            <Field label="Grace period" hint="Late usage accepted into a closed period; default P3D." error={errors.gracePeriod?.message}>
              <input placeholder="P3D" {...form.register('gracePeriod')} />
            </Field>
            <Field label="Payment terms (days)" hint="Default 30." error={errors.paymentTermsDays?.message}>
              <input type="number" min={0} max={365} {...form.register('paymentTermsDays')} />
            </Field>
          </div>
          <Field label="Stripe customer id" error={errors.stripeCustomerId?.message}>
            <input placeholder="cus_…" {...form.register('stripeCustomerId')} />
          </Field>
          <label className="check">
            <input type="checkbox" {...form.register('enabled')} /> Enabled (a disabled client is not billed)
          </label>
        </fieldset>
        <div className="form-actions">
          {canChange ? (
            <button type="submit" className="primary" disabled={save.isPending}>
              {save.isPending ? 'Saving…' : client ? 'Save' : 'Create client'}
            </button>
          ) : null}
          <button type="button" onClick={() => navigate(-1)}>
            {canChange ? 'Cancel' : 'Back'}
          </button>
        </div>
      </form>
    </>
  );
}
