import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { billing, ok, projection } from '../../api/http';
import { applyServerErrors, Field } from '../../ui/form';
import { ClientSelect } from '../margin/clients';
import { Banner } from '../../ui/dialogs';
import { useMeters } from '../usage/meters';
import { KINDS, type AlertRule, type AlertRuleRequest, type Kind } from './ruleText';

const NUMBER = /^-?\d+(\.\d+)?$/;
const schema = z
  .object({
    name: z.string().trim().min(1, 'required').max(200, 'at most 200 characters'),
    kind: z.enum(Object.keys(KINDS) as [Kind, ...Kind[]]),
    threshold: z.string().trim().regex(NUMBER, 'a number such as 100 or 3.5'),
    warningAt: z.string().trim().regex(/^$|^-?\d+(\.\d+)?$/, 'a number, or empty'),
    scope: z.object({ client: z.string(), bucket: z.string(), meter: z.string() }),
    webhook: z.object({ url: z.string().trim().regex(/^$|^https?:\/\/[^\s/]+\S*$/i, 'an absolute http or https URL') }),
  })
  .superRefine((v, ctx) => {
    if (!v.warningAt || !NUMBER.test(v.warningAt) || !NUMBER.test(v.threshold)) return;
    const above = KINDS[v.kind].above;
    const w = Number(v.warningAt);
    const t = Number(v.threshold);
    if (above ? w > t : w < t) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['warningAt'],
        message: above
          ? 'must not be above the threshold: the rule warns before it fires'
          : 'must not be below the threshold: margin warns before it falls to it',
      });
    }
  });
type Values = z.infer<typeof schema>;
// A bare 'scope' or 'webhook' error has no field of its own: it goes to the banner.
const FIELDS = ['name', 'kind', 'threshold', 'warningAt', 'scope.client', 'scope.bucket', 'scope.meter', 'webhook.url'];

function toRequest(v: Values): AlertRuleRequest {
  const scope = { client: v.scope.client || undefined, bucket: v.scope.bucket || undefined, meter: v.scope.meter || undefined };
  return {
    name: v.name.trim(),
    kind: v.kind,
    threshold: Number(v.threshold),
    warningAt: v.warningAt ? Number(v.warningAt) : undefined,
    scope: scope.client || scope.bucket || scope.meter ? scope : undefined,
    webhook: v.webhook.url ? { url: v.webhook.url.trim() } : undefined,
  };
}

function toValues(rule: AlertRule | undefined): Values {
  if (!rule) {
    return {
      name: '',
      kind: 'PROJECTED_OVERAGE',
      threshold: '100',
      warningAt: '90',
      scope: { client: '', bucket: '', meter: '' },
      webhook: { url: '' },
    };
  }
  return {
    name: rule.name ?? '',
    kind: (rule.kind ?? 'PROJECTED_OVERAGE') as Kind,
    threshold: rule.threshold === undefined ? '' : String(rule.threshold),
    warningAt: rule.warningAt === undefined || rule.warningAt === null ? '' : String(rule.warningAt),
    scope: { client: rule.scope?.client ?? '', bucket: rule.scope?.bucket ?? '', meter: rule.scope?.meter ?? '' },
    webhook: { url: rule.webhook?.url ?? '' },
  };
}

/**
 * A new alert rule, or (given {@code rule}) the definition of one that exists, replaced whole. The answer holds a
 * webhook's signing secret when one was made (a new rule, or a webhook added): onSaved shows it, this once.
 */
export function AlertRuleForm({ rule, onSaved, onCancel }: { rule?: AlertRule; onSaved: (rule: AlertRule) => void; onCancel: () => void }) {
  const queries = useQueryClient();
  const meters = useMeters();
  const [banner, setBanner] = useState<string>();
  const form = useForm<Values>({ resolver: zodResolver(schema), defaultValues: toValues(rule) });
  const kind = form.watch('kind');
  const client = form.watch('scope.client');
  const buckets = useQuery({
    queryKey: ['buckets', 'of', client],
    queryFn: () => ok(billing.GET('/api/v1/buckets', { params: { query: { client, size: 500, sort: 'name' } } })),
    enabled: !!client,
  });
  const save = useMutation({
    mutationFn: (v: Values) =>
      (rule?.id
        ? ok(projection.PUT('/api/v1/alert-rules/{id}', { params: { path: { id: rule.id } }, body: toRequest(v) }))
        : ok(projection.POST('/api/v1/alert-rules', { body: toRequest(v) }))) as unknown as Promise<AlertRule>,
    onSuccess: (saved) => {
      ['alert-rules', 'alert-rule', 'alerts'].forEach((k) => queries.invalidateQueries({ queryKey: [k] }));
      onSaved(saved);
    },
    onError: (e) => setBanner(applyServerErrors(e, FIELDS, form.setError)),
  });
  const errors = form.formState.errors;
  const unit = KINDS[kind]?.unit;
  return (
    <form className="form" style={{ border: 0, padding: 0 }} onSubmit={form.handleSubmit((v) => save.mutate(v))} noValidate>
      <fieldset disabled={save.isPending}>
        <Banner text={banner} />
        {rule ? (
          <p className="muted" style={{ marginTop: 0 }}>
            A new kind or scope starts the rule&rsquo;s states over; its history stays.
          </p>
        ) : null}
        <Field label="Name" error={errors.name?.message}>
          <input autoFocus {...form.register('name')} placeholder="Acme near its vCPU commit" />
        </Field>
        <Field label="Kind" error={errors.kind?.message} hint={KINDS[kind]?.help}>
          <select
            {...form.register('kind', {
              onChange: (e) => {
                // An anomaly's threshold is a z-score, not a percentage: start from the usual 3.5.
                if (e.target.value === 'COST_PER_UNIT_ANOMALY') form.reset({ ...form.getValues(), threshold: '3.5', warningAt: '' });
                if (e.target.value === 'MARGIN_BELOW') form.reset({ ...form.getValues(), threshold: '20', warningAt: '25' });
              },
            })}
          >
            {Object.entries(KINDS).map(([k, v]) => (
              <option key={k} value={k}>
                {v.label}
              </option>
            ))}
          </select>
        </Field>
        <div className="row">
          <Field
            label={`Threshold (${unit === '%' ? '%' : unit === 'z' ? 'z-score' : unit === 'amount' ? "client's currency" : 'units'})`}
            error={errors.threshold?.message}
            hint={KINDS[kind]?.above ? 'fires at or above' : 'fires at or below'}
          >
            <input inputMode="decimal" {...form.register('threshold')} />
          </Field>
          <Field label="Warning at (optional)" error={errors.warningAt?.message} hint="WARNING short of the threshold">
            <input inputMode="decimal" {...form.register('warningAt')} />
          </Field>
        </div>
        <div className="row">
          <Field label="Client" error={errors.scope?.client?.message} hint="Empty: every client">
            <ClientSelect
              blank="every client"
              value={client || undefined}
              onChange={(c) => {
                form.setValue('scope.client', c ?? '');
                form.setValue('scope.bucket', '');
              }}
            />
          </Field>
          <Field label="Bucket" error={errors.scope?.bucket?.message} hint={client ? undefined : 'Choose a client first'}>
            <select {...form.register('scope.bucket')} disabled={!client}>
              <option value="">{buckets.isFetching ? 'loading…' : 'every bucket'}</option>
              {(buckets.data?.items ?? []).map((b) => (
                <option key={b.id} value={b.id}>
                  {b.name} ({b.unitTypeName ?? b.meter})
                </option>
              ))}
            </select>
          </Field>
          <Field label="Meter" error={errors.scope?.meter?.message}>
            <select {...form.register('scope.meter')}>
              <option value="">every meter</option>
              {(meters.data ?? []).map((m) => (
                <option key={m.apiName} value={m.apiName}>
                  {m.displayName ?? m.apiName}
                </option>
              ))}
            </select>
          </Field>
        </div>
        <Field
          label="Webhook URL (optional)"
          error={errors.webhook?.url?.message}
          hint="Notifications are POSTed here, signed (Standard Webhooks); its secret is shown once."
        >
          <input type="url" placeholder="https://hooks.example.com/meterline" {...form.register('webhook.url')} />
        </Field>
        <div className="form-actions">
          <button type="submit" className="primary">
            {rule ? (save.isPending ? 'Saving…' : 'Save changes') : save.isPending ? 'Creating…' : 'Create alert rule'}
          </button>
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </fieldset>
    </form>
  );
}
