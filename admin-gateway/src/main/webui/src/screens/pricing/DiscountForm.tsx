import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { ok, pricing } from '../../api/http';
import type { PricingSchemas } from '../../api/types';
import { applyServerErrors, Field } from '../../ui/form';
import { Loading } from '../../ui/states';
import { useClientDirectory } from '../margin/clients';
import { Banner } from '../../ui/dialogs';
import { usePricePlanDirectory, type Plan } from './plans';

type Discount = PricingSchemas['Discount'];
type DiscountRequest = PricingSchemas['DiscountRequest'];

const schema = z
  .object({
    name: z.string().trim().min(1, 'required').max(200, 'at most 200 characters'),
    type: z.enum(['PERCENT', 'AMOUNT']),
    value: z.string().trim().regex(/^\d+(\.\d+)?$/, 'a positive number'),
    currency: z.string().regex(/^$|^[A-Z]{3}$/, 'an ISO 4217 code such as USD'),
    scope: z.enum(['PLAN', 'CHARGE', 'CLIENT']),
    planId: z.string(),
    chargeKey: z.string().trim(),
    client: z.string().trim(),
    validFrom: z.string(),
    validUntil: z.string(),
  })
  .superRefine((v, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: z.ZodIssueCode.custom, path: [path], message });
    if (v.type === 'PERCENT' && Number(v.value) > 100) issue('value', 'at most 100 %');
    if (v.type === 'AMOUNT' && !v.currency) issue('currency', 'required for an amount');
    if (v.scope !== 'CLIENT' && !v.planId) issue('planId', 'required for a plan or charge discount');
    if (v.scope === 'CHARGE' && !v.chargeKey) issue('chargeKey', "required: the charge's key");
    if (v.scope === 'CLIENT' && !v.client) issue('client', "required: the client's external id");
    if (v.validFrom && v.validUntil && v.validUntil < v.validFrom) issue('validUntil', 'must not be before the first day');
  });
type Values = z.infer<typeof schema>;
const FIELDS = Object.keys(schema.innerType().shape);

const DAY = 86_400_000;
const lastDay = (until?: string) => (until ? new Date(new Date(until).getTime() - 1).toISOString().substring(0, 10) : '');
const dayAfter = (d: string) => new Date(new Date(`${d}T00:00:00Z`).getTime() + DAY).toISOString().replace('.000Z', 'Z');

function toValues(d?: Discount): Values {
  return {
    name: d?.name ?? '',
    type: d?.type ?? 'PERCENT',
    value: d?.value ?? '',
    currency: d?.currency ?? '',
    scope: d?.scope ?? 'PLAN',
    planId: d?.planId ?? '',
    chargeKey: d?.chargeKey ?? '',
    client: d?.client ?? '',
    validFrom: d?.validFrom?.substring(0, 10) ?? '',
    validUntil: lastDay(d?.validUntil),
  };
}

/** Only the fields the scope uses: the server refuses the others. */
function toRequest(v: Values): DiscountRequest {
  return {
    name: v.name.trim(),
    type: v.type,
    value: v.value,
    currency: v.currency || undefined,
    scope: v.scope,
    planId: v.scope !== 'CLIENT' ? v.planId : undefined,
    chargeKey: v.scope === 'CHARGE' ? v.chargeKey : undefined,
    client: v.scope === 'CLIENT' ? v.client : undefined,
    validFrom: v.validFrom ? `${v.validFrom}T00:00:00Z` : undefined,
    validUntil: v.validUntil ? dayAfter(v.validUntil) : undefined,
  };
}

export function DiscountForm({ discount, onDone }: { discount?: Discount; onDone: () => void }) {
  const plans = usePricePlanDirectory();
  // The plan select takes its value when it mounts: its options must be there by then.
  if (plans.isPending) return <Loading what="the price plans" />;
  return <Editor discount={discount} onDone={onDone} plans={plans.data?.items ?? []} />;
}

function Editor({ discount, onDone, plans }: { discount?: Discount; onDone: () => void; plans: Plan[] }) {
  const queries = useQueryClient();
  const clients = useClientDirectory();
  const listId = useId();
  const [banner, setBanner] = useState<string>();
  const form = useForm<Values>({ resolver: zodResolver(schema), defaultValues: toValues(discount) });
  const save = useMutation({
    mutationFn: (v: Values) =>
      discount?.id
        ? ok(pricing.PUT('/api/v1/discounts/{id}', { params: { path: { id: discount.id } }, body: toRequest(v) }))
        : ok(pricing.POST('/api/v1/discounts', { body: toRequest(v) })),
    onSuccess: () => {
      queries.invalidateQueries({ queryKey: ['discounts'] });
      onDone();
    },
    onError: (e) => setBanner(applyServerErrors(e, FIELDS, form.setError)),
  });
  const errors = form.formState.errors;
  const [type, scope, planId] = form.watch(['type', 'scope', 'planId']);
  const charges = plans.find((p) => p.id === planId)?.draft?.charges ?? [];
  return (
    <form className="form" style={{ border: 0, padding: 0 }} onSubmit={form.handleSubmit((v) => save.mutate(v))} noValidate>
      <fieldset disabled={save.isPending}>
        <Banner text={banner} />
        <Field label="Name" error={errors.name?.message}>
          <input autoFocus placeholder="Launch promotion" {...form.register('name')} />
        </Field>
        <div className="row">
          <Field label="Type" error={errors.type?.message}>
            <select {...form.register('type')}>
              <option value="PERCENT">percent</option>
              <option value="AMOUNT">amount</option>
            </select>
          </Field>
          <Field label={type === 'PERCENT' ? 'Value (%)' : 'Value (amount)'} error={errors.value?.message}>
            <input inputMode="decimal" placeholder={type === 'PERCENT' ? '10' : '50.00'} {...form.register('value')} />
          </Field>
          <Field label="Currency" error={errors.currency?.message} hint={type === 'AMOUNT' ? 'Required for an amount' : 'Optional'}>
            <input maxLength={3} {...form.register('currency', { setValueAs: (v: string) => v.toUpperCase() })} />
          </Field>
        </div>
        <div className="row">
          <Field label="Applies to" error={errors.scope?.message}>
            <select {...form.register('scope')}>
              <option value="PLAN">a price plan</option>
              <option value="CHARGE">a charge of a plan</option>
              <option value="CLIENT">a client</option>
            </select>
          </Field>
          {scope !== 'CLIENT' ? (
            <Field label="Price plan" error={errors.planId?.message}>
              <select {...form.register('planId')}>
                <option value="">choose a plan</option>
                {plans.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                    {p.client ? ` (${p.client})` : ''}
                  </option>
                ))}
              </select>
            </Field>
          ) : (
            <Field label="Client (external id)" error={errors.client?.message}>
              <input list={listId} placeholder="acme" {...form.register('client')} />
            </Field>
          )}
          {scope === 'CHARGE' ? (
            <Field label="Charge key" error={errors.chargeKey?.message}>
              <input list={`${listId}-charges`} placeholder="tokens" {...form.register('chargeKey')} />
            </Field>
          ) : null}
        </div>
        <datalist id={listId}>
          {(clients.data?.items ?? []).map((c) => (
            <option key={c.id} value={c.externalId}>
              {c.name}
            </option>
          ))}
        </datalist>
        <datalist id={`${listId}-charges`}>
          {charges.map((c) => (
            <option key={c.key} value={c.key}>
              {c.meter}
            </option>
          ))}
        </datalist>
        <div className="row">
          <Field label="First day (UTC, optional)" error={errors.validFrom?.message} hint="A promotion starts here">
            <input type="date" {...form.register('validFrom')} />
          </Field>
          <Field label="Last day (UTC, optional)" error={errors.validUntil?.message} hint="and ends after this day">
            <input type="date" {...form.register('validUntil')} />
          </Field>
        </div>
        <div className="form-actions">
          <button type="submit" className="primary">
            {save.isPending ? 'Saving…' : discount ? 'Save discount' : 'Create discount'}
          </button>
          <button type="button" onClick={onDone}>
            Cancel
          </button>
        </div>
      </fieldset>
    </form>
  );
}
