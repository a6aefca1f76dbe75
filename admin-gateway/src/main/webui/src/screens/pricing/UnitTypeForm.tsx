import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { ok, pricing } from '../../api/http';
import type { PricingSchemas } from '../../api/types';
import { applyServerErrors, Field } from '../../ui/form';
import { Banner } from '../../ui/dialogs';
import { Loading } from '../../ui/states';
import { useMeters, type Meter } from '../usage/meters';

type UnitType = PricingSchemas['UnitType'];
type UnitTypeRequest = PricingSchemas['UnitTypeRequest'];
const AGGREGATIONS = ['SUM', 'COUNT', 'MAX', 'MIN', 'AVG', 'UNIQUE_COUNT', 'LATEST'] as const;
const DECIMAL = /^$|^\d+(\.\d+)?$/;

// The server checks the same, and names what it refuses; auto-provision needs the whole template.
const schema = z
  .object({
    name: z.string().trim().min(1, 'required').max(100, 'at most 100 characters'),
    description: z.string().max(1000, 'at most 1000 characters'),
    meter: z.string().regex(/^[a-z0-9_.-]{1,128}$/, "a meter's API name"),
    aggregation: z.enum(AGGREGATIONS),
    currency: z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as USD'),
    autoProvision: z.boolean(),
    commitUnits: z.string().trim().regex(DECIMAL, 'a number of units'),
    basePrice: z.string().trim().regex(DECIMAL, 'an amount such as 300.00'),
    overageRate: z.string().trim().regex(DECIMAL, 'an amount such as 0.45'),
    filterOn: z.enum(['', 'ASSET_NAME', 'SOURCE']),
    filterPattern: z.string().trim().max(200, 'at most 200 characters'),
  })
  .superRefine((v, ctx) => {
    if (v.autoProvision) {
      (['commitUnits', 'basePrice', 'overageRate', 'filterPattern'] as const).forEach((f) => {
        if (!v[f]) ctx.addIssue({ code: z.ZodIssueCode.custom, path: [f], message: 'required with auto-provision' });
      });
    }
    const issue = (path: string, message: string) => ctx.addIssue({ code: z.ZodIssueCode.custom, path: [path], message });
    if (v.filterPattern && !v.filterOn) issue('filterOn', 'what the pattern matches');
    if (v.filterOn && !v.filterPattern) issue('filterPattern', 'required with a filter');
  });
type Values = z.infer<typeof schema>;
const FIELDS = Object.keys(schema.innerType().shape);

function toValues(u?: UnitType): Values {
  return {
    name: u?.name ?? '',
    description: u?.description ?? '',
    meter: u?.meter ?? '',
    aggregation: u?.aggregation ?? 'SUM',
    currency: u?.currency ?? 'USD',
    autoProvision: u?.autoProvision ?? false,
    commitUnits: u?.commitUnits ?? '',
    basePrice: u?.basePrice ?? '',
    overageRate: u?.overageRate ?? '',
    filterOn: u?.filterOn ?? '',
    filterPattern: u?.filterPattern ?? '',
  };
}

function toRequest(v: Values): UnitTypeRequest {
  return {
    name: v.name.trim(),
    description: v.description.trim() || undefined,
    meter: v.meter,
    aggregation: v.aggregation,
    currency: v.currency,
    autoProvision: v.autoProvision,
    commitUnits: v.commitUnits || undefined,
    basePrice: v.basePrice || undefined,
    overageRate: v.overageRate || undefined,
    filterOn: v.filterOn || undefined,
    filterPattern: v.filterPattern || undefined,
  };
}

/** Creates a unit type, or replaces one (a new revision). */
export function UnitTypeForm({ unitType, onDone }: { unitType?: UnitType; onDone: () => void }) {
  const meters = useMeters();
  // The meter select takes its value when it mounts: its options must be there by then.
  if (meters.isPending) return <Loading what="the meters" />;
  return <Editor unitType={unitType} onDone={onDone} meters={meters.data ?? []} />;
}

function Editor({ unitType, onDone, meters }: { unitType?: UnitType; onDone: () => void; meters: Meter[] }) {
  const queries = useQueryClient();
  const [banner, setBanner] = useState<string>();
  const form = useForm<Values>({ resolver: zodResolver(schema), defaultValues: toValues(unitType) });
  const save = useMutation({
    mutationFn: (v: Values) =>
      unitType?.id
        ? ok(pricing.PUT('/api/v1/unit-types/{id}', { params: { path: { id: unitType.id } }, body: toRequest(v) }))
        : ok(pricing.POST('/api/v1/unit-types', { body: toRequest(v) })),
    onSuccess: () => {
      queries.invalidateQueries({ queryKey: ['unit-types'] });
      onDone();
    },
    onError: (e) => setBanner(applyServerErrors(e, FIELDS, form.setError)),
  });
  const errors = form.formState.errors;
  const auto = form.watch('autoProvision');
  return (
    <form className="form" style={{ border: 0, padding: 0 }} onSubmit={form.handleSubmit((v) => save.mutate(v))} noValidate>
      <fieldset disabled={save.isPending}>
        <Banner text={banner} />
        <div className="row">
          <Field label="Name" error={errors.name?.message}>
            <input autoFocus placeholder="vcpu-hour" {...form.register('name')} />
          </Field>
          <Field label="Currency" error={errors.currency?.message}>
            <input maxLength={3} {...form.register('currency', { setValueAs: (v: string) => v.toUpperCase() })} />
          </Field>
        </div>
        <Field label="Description" error={errors.description?.message}>
          <input placeholder="One vCPU for one hour" {...form.register('description')} />
        </Field>
        <div className="row">
          <Field label="Meter" error={errors.meter?.message} hint="The meter whose usage the unit counts">
            <select
              {...form.register('meter', {
                onChange: (e) => {
                  // A unit usually aggregates as its meter does.
                  const m = meters.find((x) => x.apiName === e.target.value);
                  if (m?.aggregation) form.setValue('aggregation', m.aggregation);
                },
              })}
            >
              <option value="">{'choose a meter'}</option>
              {unitType?.meter && !meters.some((m) => m.apiName === unitType.meter) ? (
                <option value={unitType.meter}>{unitType.meter}</option>
              ) : null}
              {meters.map((m) => (
                <option key={m.apiName} value={m.apiName}>
                  {m.displayName ?? m.apiName} ({m.apiName})
                </option>
              ))}
            </select>
          </Field>
          <Field label="Aggregation" error={errors.aggregation?.message}>
            <select {...form.register('aggregation')}>
              {AGGREGATIONS.map((a) => (
                <option key={a} value={a}>
                  {a.toLowerCase().replace('_', ' ')}
                </option>
              ))}
            </select>
          </Field>
        </div>
        <h3 style={{ margin: '4px 0 0', fontSize: 14 }}>Bucket template</h3>
        <div className="row">
          <Field label="Commit (units per period)" error={errors.commitUnits?.message}>
            <input inputMode="decimal" placeholder="720" {...form.register('commitUnits')} />
          </Field>
          <Field label="Base price" error={errors.basePrice?.message} hint="The price of the commit">
            <input inputMode="decimal" placeholder="300.00" {...form.register('basePrice')} />
          </Field>
          <Field label="Overage rate" error={errors.overageRate?.message} hint="Per unit above the commit">
            <input inputMode="decimal" placeholder="0.45" {...form.register('overageRate')} />
          </Field>
        </div>
        <div className="row">
          <Field label="Filter on" error={errors.filterOn?.message}>
            <select {...form.register('filterOn')}>
              <option value="">no filter</option>
              <option value="ASSET_NAME">asset name</option>
              <option value="SOURCE">source</option>
            </select>
          </Field>
          <Field label="Filter pattern" error={errors.filterPattern?.message} hint="A glob: * any characters, ? one">
            <input placeholder="k8s-*" {...form.register('filterPattern')} />
          </Field>
        </div>
        <label className="check">
          <input type="checkbox" {...form.register('autoProvision')} /> Auto-provision: each night, create this bucket for clients whose assets
          match
        </label>
        {auto ? <small className="muted">Auto-provision needs the commit, base price, overage rate and filter.</small> : null}
        <div className="form-actions">
          <button type="submit" className="primary">
            {save.isPending ? 'Saving…' : unitType ? 'Save unit type' : 'Create unit type'}
          </button>
          <button type="button" onClick={onDone}>
            Cancel
          </button>
        </div>
      </fieldset>
    </form>
  );
}
