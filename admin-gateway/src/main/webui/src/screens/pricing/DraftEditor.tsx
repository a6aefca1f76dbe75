import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { applyServerErrors, Field } from '../../ui/form';
import { Banner } from '../../ui/dialogs';
import { useMeters } from '../usage/meters';
import { ChargesTable } from './PlanCharges';
import { replaceDraft, type ChargeSpec, type Plan, type PlanKind } from './plans';

// The API takes decimals as strings (exact); the generated ChargeSpec types them as numbers.
const charge = (spec: object) => spec as ChargeSpec;

// A charge of each price model (docs/pricing.md), to start from. Decimals as strings: exact.
const TEMPLATES: Record<string, (meter: string) => ChargeSpec> = {
  PER_UNIT: (meter) => charge({ key: 'usage', meter, description: 'Per unit', price: { model: 'PER_UNIT', unitPrice: '0.01' } }),
  FLAT: (meter) => charge({ key: 'platform', meter, description: 'Platform fee', price: { model: 'FLAT', amount: '100.00' } }),
  PACKAGE: (meter) =>
    charge({ key: 'packs', meter, description: 'Per 1,000', price: { model: 'PACKAGE', packageSize: '1000', packagePrice: '5.00' } }),
  GRADUATED: (meter) =>
    ({
      key: 'tiered',
      meter,
      price: { model: 'GRADUATED', tiers: [{ upTo: '1000', unitPrice: '0.10' }, { upTo: null, unitPrice: '0.05' }] },
    }) as unknown as ChargeSpec,
  VOLUME: (meter) =>
    ({
      key: 'volume',
      meter,
      price: { model: 'VOLUME', tiers: [{ upTo: '1000', unitPrice: '0.10' }, { upTo: null, unitPrice: '0.05' }] },
    }) as unknown as ChargeSpec,
  COMMIT: (meter) =>
    charge({ key: 'commit', meter, price: { model: 'COMMIT', commitUnits: '720', basePrice: '300.00', overageUnitPrice: '0.45' } }),
  'BY DIMENSION': (meter) =>
    ({
      key: 'by-model',
      meter,
      description: 'Priced by model; other models at the default',
      price: { model: 'PER_UNIT', unitPrice: '0.00001' },
      dimensionPrices: [{ match: { model: 'gpt-4o' }, price: { model: 'PER_UNIT', unitPrice: '0.000005' } }],
    }) as unknown as ChargeSpec,
};

const schema = z.object({
  name: z.string().trim().min(1, 'required').max(200, 'at most 200 characters'),
  description: z.string().max(2000, 'at most 2000 characters'),
  currency: z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as USD'),
  client: z.string().trim().regex(/^$|^[A-Za-z0-9_.:@-]{1,256}$/, "a client's external id"),
  charges: z.string().superRefine((text, ctx) => {
    try {
      if (!Array.isArray(JSON.parse(text))) ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'a JSON list of charges: [ … ]' });
    } catch (e) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: `not JSON: ${(e as Error).message}` });
    }
  }),
});
type Values = z.infer<typeof schema>;

/**
 * Replaces the draft. Charges are edited as JSON (the shape of docs/pricing.md, with templates to start from): every
 * price model, tier and dimension rule, with the server naming each invalid field (charges[0].price.unitPrice).
 */
export function DraftEditor({ kind, plan, onDone }: { kind: PlanKind; plan: Plan; onDone: () => void }) {
  const queries = useQueryClient();
  const meters = useMeters();
  const [banner, setBanner] = useState<string>();
  const published = (plan.versions?.length ?? 0) > 0;
  const form = useForm<Values>({
    resolver: zodResolver(schema),
    defaultValues: {
      name: plan.name ?? '',
      description: plan.description ?? '',
      currency: plan.currency ?? 'USD',
      client: plan.client ?? '',
      charges: JSON.stringify(plan.draft?.charges ?? [], null, 2),
    },
  });
  const save = useMutation({
    mutationFn: (v: Values) =>
      replaceDraft(kind, plan.id!, {
        name: v.name.trim(),
        description: v.description.trim() || undefined,
        currency: v.currency,
        client: v.client || undefined,
        charges: JSON.parse(v.charges) as ChargeSpec[],
      }),
    onSuccess: () => {
      queries.invalidateQueries({ queryKey: ['plan', kind, plan.id] });
      queries.invalidateQueries({ queryKey: ['plans'] });
      onDone();
    },
    // Charge errors (charges[0].price.unitPrice) stay in the banner, each named: one field could show only one.
    onError: (e) => setBanner(applyServerErrors(e, ['name', 'description', 'currency', 'client'], form.setError)),
  });
  const errors = form.formState.errors;
  const text = form.watch('charges');
  let preview: ChargeSpec[] | undefined;
  try {
    const parsed = JSON.parse(text);
    preview = Array.isArray(parsed) ? parsed : undefined;
  } catch {
    preview = undefined;
  }
  const insert = (model: string) => {
    const meter = meters.data?.[0]?.apiName ?? 'my_meter';
    const list = preview ?? [];
    form.setValue('charges', JSON.stringify([...list, TEMPLATES[model](meter)], null, 2), { shouldValidate: true });
  };
  return (
    <form className="form" style={{ maxWidth: 'none', border: 0, padding: 0 }} onSubmit={form.handleSubmit((v) => save.mutate(v))} noValidate>
      <fieldset disabled={save.isPending}>
        <Banner text={banner} />
        <div className="row">
          <Field label="Name" error={errors.name?.message}>
            <input {...form.register('name')} />
          </Field>
          <Field label="Currency" error={errors.currency?.message} hint={published ? 'Fixed: a version is published' : undefined}>
            <input maxLength={3} readOnly={published} {...form.register('currency', { setValueAs: (v: string) => v.toUpperCase() })} />
          </Field>
          {kind === 'price' ? (
            <Field
              label="Client (optional)"
              error={errors.client?.message}
              hint={published ? 'Fixed: a version is published' : 'Negotiated terms'}
            >
              <input readOnly={published} {...form.register('client')} />
            </Field>
          ) : null}
        </div>
        <Field label="Description" error={errors.description?.message}>
          <input {...form.register('description')} />
        </Field>
        <div className="filters">
          <label className="filter">
            <span>Add a charge</span>
            <select value="" onChange={(e) => e.target.value && insert(e.target.value)}>
              <option value="">choose a price model…</option>
              {Object.keys(TEMPLATES).map((m) => (
                <option key={m} value={m}>
                  {m.toLowerCase().replace('_', ' ')}
                </option>
              ))}
            </select>
          </label>
          <span className="muted">
            Models: flat, per unit, package, graduated, volume, commit; any price takes a minimum and a maximum. Meters:{' '}
            {(meters.data ?? []).map((m) => m.apiName).join(', ') || '—'}
          </span>
        </div>
        <Field label="Charges (JSON)" error={errors.charges?.message}>
          <textarea
            rows={Math.min(30, Math.max(8, text.split('\n').length + 1))}
            spellCheck={false}
            style={{ fontFamily: 'ui-monospace, monospace', fontSize: 12 }}
            {...form.register('charges')}
          />
        </Field>
        {preview ? <ChargesTable charges={preview} currency={form.watch('currency')} label="Preview of the draft's charges" /> : null}
        <div className="form-actions">
          <button type="submit" className="primary">
            {save.isPending ? 'Saving…' : 'Save draft'}
          </button>
          <button type="button" onClick={onDone}>
            Cancel
          </button>
        </div>
      </fieldset>
    </form>
  );
}
