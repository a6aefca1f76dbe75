import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { z } from 'zod';
import { billing, ok, pricing } from '../../api/http';
import { useSession } from '../../api/session';
import type { BillingSchemas } from '../../api/types';
import { applyServerErrors, Field } from '../../ui/form';
import { dateTime, money, quantity } from '../../ui/format';
import { PageTitle } from '../../ui/Layout';
import { ErrorState, Loading } from '../../ui/states';
import { ClientPicker, useClient } from '../../ui/clients';
import { fromZonedInput, toZonedInput } from '../../ui/zoned';
import { BucketAssets } from './BucketAssets';

type Bucket = BillingSchemas['Bucket'];
type BucketRequest = BillingSchemas['BucketRequest'];

const decimal = z.string().trim().regex(/^$|^\d+(\.\d+)?$/, 'a number such as 720 or 0.45');
// What the form checks before sending; the server checks everything again and names what it refuses.
const schema = z
  .object({
    client: z.string().min(1, 'pick a client'),
    unitType: z.string().min(1, 'pick a unit type'),
    name: z.string().trim().max(200, 'at most 200 characters'),
    sourceType: z.string().trim().max(100, 'at most 100 characters'),
    commitUnits: decimal.refine((v) => v === '' || Number(v) > 0, 'must be greater than 0'),
    basePrice: decimal,
    overageRate: decimal,
    startsAt: z.string(),
    endsAt: z.string(),
    reviewed: z.boolean(),
    enabled: z.boolean(),
    assets: z.array(z.string()),
  })
  .refine((v) => !v.startsAt || !v.endsAt || v.endsAt > v.startsAt, { path: ['endsAt'], message: 'must be after the start' });
type Values = z.infer<typeof schema>;
const FIELDS = Object.keys(schema.innerType().shape);

export default function BucketForm() {
  const { id } = useParams();
  const bucket = useQuery({
    queryKey: ['bucket', id],
    queryFn: () => ok(billing.GET('/api/v1/buckets/{id}', { params: { path: { id: id! } } })),
    enabled: id !== undefined,
  });
  // Times are entered on the client's wall clock, so the client must be known before the form starts.
  const client = useClient(bucket.data?.client);
  if (id && bucket.isError) return <ErrorState error={bucket.error} onRetry={() => bucket.refetch()} />;
  if (id && (bucket.isPending || (bucket.data?.client && client.isPending))) return <Loading what="the bucket" />;
  return <Editor bucket={bucket.data} clientTimeZone={client.data?.timeZone} key={bucket.data?.version ?? 'new'} />;
}

function Editor({ bucket, clientTimeZone }: { bucket?: Bucket; clientTimeZone?: string }) {
  const { hasRole } = useSession();
  const canChange = hasRole('admin', 'operator');
  const navigate = useNavigate();
  const queries = useQueryClient();
  const [prefill] = useSearchParams();
  const [banner, setBanner] = useState<string>();
  const initialTz = clientTimeZone ?? 'UTC';
  const initial: Values = {
    client: bucket?.client ?? prefill.get('client') ?? '',
    unitType: bucket?.unitType ?? prefill.get('unitType') ?? '',
    name: bucket?.name ?? '',
    sourceType: bucket?.sourceType ?? '',
    commitUnits: bucket?.commitUnits ?? '',
    basePrice: bucket?.basePrice ?? '',
    overageRate: bucket?.overageRate ?? '',
    startsAt: toZonedInput(bucket?.startsAt, initialTz),
    endsAt: toZonedInput(bucket?.endsAt, initialTz),
    reviewed: bucket?.reviewed ?? true,
    enabled: bucket?.enabled ?? true,
    assets: bucket?.assets ?? (prefill.get('assets')?.split(',').filter(Boolean) || []),
  };
  const form = useForm<Values>({ resolver: zodResolver(schema), defaultValues: initial });
  const clientId = form.watch('client');
  const client = useClient(clientId || undefined);
  const tz = client.data?.timeZone ?? 'UTC';
  const unitTypes = useQuery({
    queryKey: ['unit-types', 'all'],
    queryFn: () => ok(pricing.GET('/api/v1/unit-types', { params: { query: { size: 500 } } })),
    staleTime: 5 * 60_000,
  });
  const unitTypeId = form.watch('unitType');
  const unitType = unitTypes.data?.items?.find((u) => u.id === unitTypeId || u.name === unitTypeId);
  // From the Unbound tab: a meter names the unit type to bill it with, in the client's currency.
  const meter = prefill.get('meter');
  useEffect(() => {
    if (bucket || form.getValues('unitType') || !meter || !client.data) return;
    const match = unitTypes.data?.items?.find((u) => u.meter === meter && u.currency === client.data?.currency);
    if (match?.id) form.setValue('unitType', match.id);
  }, [bucket, meter, client.data, unitTypes.data, form]);

  // An instant the user left as it was is sent as it was (the input drops seconds).
  const instant = (local: string, original: string | undefined) =>
    !local ? undefined : original && local === toZonedInput(original, tz) ? original : fromZonedInput(local, tz);
  const toRequest = (v: Values): BucketRequest => ({
    client: v.client,
    unitType: v.unitType,
    name: v.name || undefined,
    sourceType: v.sourceType || undefined,
    commitUnits: v.commitUnits || undefined,
    basePrice: v.basePrice || undefined,
    overageRate: v.overageRate || undefined,
    startsAt: instant(v.startsAt, bucket?.startsAt),
    endsAt: instant(v.endsAt, bucket?.endsAt),
    reviewed: v.reviewed,
    enabled: v.enabled,
    assets: v.assets,
  });
  const save = useMutation({
    mutationFn: async (v: Values): Promise<Bucket> =>
      bucket?.id
        ? ok(billing.PUT('/api/v1/buckets/{id}', { params: { path: { id: bucket.id } }, body: toRequest(v) }))
        : // The 201 carries the bucket, though the document declares no body for it.
          ((await ok(billing.POST('/api/v1/buckets', { body: toRequest(v) }))) as unknown as Bucket),
    onSuccess: (saved) => {
      queries.invalidateQueries({ queryKey: ['buckets'] });
      queries.invalidateQueries({ queryKey: ['bucket', saved?.id] });
      queries.invalidateQueries({ queryKey: ['unbound'] });
      navigate(`/buckets?client=${saved?.client ?? form.getValues('client')}`);
    },
    onError: (e) => setBanner(applyServerErrors(e, FIELDS, form.setError)),
  });
  const errors = form.formState.errors;
  const template = (v: string | undefined, f: (x: string) => string) => (unitType && v ? `Empty: the template's ${f(v)}.` : undefined);
  const cur = unitType?.currency ?? client.data?.currency;
  return (
    <>
      <PageTitle title={bucket ? (canChange ? `Edit bucket ${bucket.name}` : `Bucket ${bucket.name}`) : 'New bucket'} />
      <form className="form" onSubmit={form.handleSubmit((v) => save.mutate(v))} noValidate aria-label="Bucket">
        <fieldset disabled={!canChange || save.isPending}>
          {banner ? (
            <div className="state error" role="alert">
              {banner}
            </div>
          ) : null}
          {bucket ? (
            <p className="muted" style={{ margin: 0 }}>
              {bucket.autoProvisioned ? 'Auto-provisioned' : 'Made by hand'} · created {dateTime(bucket.createdAt)} · updated{' '}
              {dateTime(bucket.updatedAt)}. The client and unit type of a bucket stay as they are.
            </p>
          ) : null}
          <div className="row">
            <Controller
              control={form.control}
              name="client"
              render={({ field }) => (
                <ClientPicker
                  variant="field"
                  label="Client"
                  placeholder="Search clients"
                  value={field.value || undefined}
                  disabled={!!bucket || !canChange}
                  error={errors.client?.message}
                  onChange={(c) => field.onChange(c?.id ?? '')}
                />
              )}
            />
            {bucket ? (
              <Field label="Unit type" hint={`${bucket.meter}, ${bucket.aggregation?.toLowerCase()}`}>
                <input readOnly value={bucket.unitTypeName ?? bucket.unitType ?? ''} />
              </Field>
            ) : (
              <Field
                label="Unit type"
                error={errors.unitType?.message}
                hint={unitType ? `${unitType.meter}, ${unitType.aggregation?.toLowerCase()}` : undefined}
              >
                <select {...form.register('unitType')}>
                  <option value="">Pick a unit type</option>
                  {(unitTypes.data?.items ?? []).map((u) => {
                    // The server refuses a unit type in another currency than the client's.
                    const other = !!client.data?.currency && u.currency !== client.data.currency;
                    return (
                      <option key={u.id} value={u.id} disabled={other}>
                        {u.name} ({u.meter}, {u.currency}){other ? ': not the client’s currency' : ''}
                      </option>
                    );
                  })}
                </select>
              </Field>
            )}
          </div>
          {unitTypes.isError ? <ErrorState error={unitTypes.error} onRetry={() => unitTypes.refetch()} /> : null}
          <div className="row">
            <Field label="Name" hint={unitType ? `Empty: ${unitType.name}.` : undefined} error={errors.name?.message}>
              <input autoFocus {...form.register('name')} />
            </Field>
            <Field
              label="Source type"
              hint="Where the usage comes from (k8s, llm-gateway…), for revenue by source."
              error={errors.sourceType?.message}
            >
              <input {...form.register('sourceType')} />
            </Field>
          </div>
          <div className="row">
            <Field label="Commit (units per period)" hint={template(unitType?.commitUnits, quantity)} error={errors.commitUnits?.message}>
              <input inputMode="decimal" placeholder={unitType?.commitUnits} {...form.register('commitUnits')} />
            </Field>
            <Field
              label={`Base price${cur ? ` (${cur})` : ''}`}
              hint={template(unitType?.basePrice, (x) => money(x, cur))}
              error={errors.basePrice?.message}
            >
              <input inputMode="decimal" placeholder={unitType?.basePrice} {...form.register('basePrice')} />
            </Field>
            <Field
              label="Overage rate (per unit)"
              hint={template(unitType?.overageRate, (x) => money(x, cur))}
              error={errors.overageRate?.message}
            >
              <input inputMode="decimal" placeholder={unitType?.overageRate} {...form.register('overageRate')} />
            </Field>
          </div>
          <div className="row">
            <Field
              label={`Starts (${tz})`}
              hint="Empty: now. A bucket active for part of a period has its base and commit prorated."
              error={errors.startsAt?.message}
            >
              <input type="datetime-local" {...form.register('startsAt')} />
            </Field>
            <Field label={`Ends (${tz})`} hint="Empty: no end." error={errors.endsAt?.message}>
              <input type="datetime-local" {...form.register('endsAt')} />
            </Field>
          </div>
          <Controller
            control={form.control}
            name="assets"
            render={({ field }) => (
              <BucketAssets
                clientExternalId={client.data?.externalId}
                value={field.value}
                onChange={field.onChange}
                error={errors.assets?.message ?? errors.assets?.root?.message}
                disabled={!canChange}
              />
            )}
          />
          <label className="check">
            <input type="checkbox" {...form.register('reviewed')} /> Reviewed (auto-provisioned buckets start unreviewed)
          </label>
          <label className="check">
            <input type="checkbox" {...form.register('enabled')} /> Enabled (a disabled bucket is not billed)
          </label>
        </fieldset>
        {/* Outside the fieldset: a viewer's form is disabled, but Back still works. */}
        <div className="form-actions" style={{ marginTop: 12 }}>
          {canChange ? (
            <button type="submit" className="primary" disabled={save.isPending}>
              {save.isPending ? 'Saving…' : bucket ? 'Save' : 'Create bucket'}
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
