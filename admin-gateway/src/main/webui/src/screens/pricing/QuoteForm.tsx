import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useFieldArray, useForm } from 'react-hook-form';
import { z } from 'zod';
import { ok, pricing } from '../../api/http';
import type { PricingSchemas } from '../../api/types';
import { applyServerErrors, Field } from '../../ui/form';
import { dateTime, money, quantity } from '../../ui/format';
import { MarginPercent, SignedMoney } from '../margin/figures';
import { Banner } from '../../ui/dialogs';
import { useMeters } from '../usage/meters';
import type { Plan } from './plans';

type Quote = PricingSchemas['Quote'];
type Unpriced = PricingSchemas['UnpricedUsage'];

const schema = z.object({
  usage: z
    .array(
      z.object({
        meter: z.string().min(1, 'choose a meter'),
        dimensions: z.string().regex(/^$|^\s*[^=,\s]+\s*=\s*[^=,]+(,\s*[^=,\s]+\s*=\s*[^=,]+)*\s*$/, 'key=value, key=value'),
        quantity: z.string().trim().regex(/^\d+(\.\d+)?$/, 'a quantity'),
      }),
    )
    .min(1, 'at least one line'),
  client: z.string().trim(),
  at: z.string(),
  periodFraction: z.string().trim().regex(/^$|^(0?\.\d+|1(\.0+)?)$/, 'more than 0, at most 1'),
});
type Values = z.infer<typeof schema>;

const dimensions = (text: string) =>
  Object.fromEntries(
    text
      .split(',')
      .map((p) => p.split('=').map((s) => s.trim()))
      .filter(([k, v]) => k && v),
  );

/** What some usage would bill under the version in effect, what it costs us, and the margin: before a deal is signed. */
export function QuoteForm({ plan }: { plan: Plan }) {
  const meters = useMeters();
  const [banner, setBanner] = useState<string>();
  const firstMeter = plan.draft?.charges?.[0]?.meter ?? '';
  const form = useForm<Values>({
    resolver: zodResolver(schema),
    defaultValues: { usage: [{ meter: firstMeter, dimensions: '', quantity: '1000' }], client: plan.client ?? '', at: '', periodFraction: '' },
  });
  const lines = useFieldArray({ control: form.control, name: 'usage' });
  const quote = useMutation({
    mutationFn: (v: Values) =>
      ok(
        pricing.POST('/api/v1/price-plans/{id}/quote', {
          params: { path: { id: plan.id! } },
          body: {
            usage: v.usage.map((u) => ({
              meter: u.meter,
              quantity: u.quantity,
              dimensions: u.dimensions ? dimensions(u.dimensions) : undefined,
            })),
            client: v.client || undefined,
            at: v.at ? new Date(v.at).toISOString() : undefined,
            periodFraction: v.periodFraction || undefined,
          },
        }),
      ),
    onMutate: () => setBanner(undefined),
    onError: (e) => setBanner(applyServerErrors(e, ['client', 'at', 'periodFraction'], form.setError)),
  });
  const errors = form.formState.errors;
  const named = [...(meters.data ?? []).map((m) => m.apiName), ...(plan.draft?.charges ?? []).map((c) => c.meter)];
  const meterNames = [...new Set(named)].filter((m): m is string => !!m);
  return (
    <section className="card" aria-label="Quote">
      <h2>Quote</h2>
      <p className="muted">
        Rates the usage under the version in effect at the instant, with its discounts, and costs it under the cost-rate plans.
      </p>
      <form className="form" style={{ maxWidth: 'none', border: 0, padding: 0 }} onSubmit={form.handleSubmit((v) => quote.mutate(v))} noValidate>
        <fieldset disabled={quote.isPending}>
          <Banner text={banner} />
          {lines.fields.map((f, i) => (
            <div className="row" key={f.id} role="group" aria-label={`Usage line ${i + 1}`}>
              <Field label="Meter" error={errors.usage?.[i]?.meter?.message}>
                <select {...form.register(`usage.${i}.meter`)}>
                  <option value="">choose…</option>
                  {meterNames.map((m) => (
                    <option key={m} value={m}>
                      {m}
                    </option>
                  ))}
                </select>
              </Field>
              <Field label="Dimensions" error={errors.usage?.[i]?.dimensions?.message} hint="model=gpt-4o, provider=azure">
                <input {...form.register(`usage.${i}.dimensions`)} />
              </Field>
              <Field label="Quantity" error={errors.usage?.[i]?.quantity?.message}>
                <input inputMode="decimal" {...form.register(`usage.${i}.quantity`)} />
              </Field>
              <button type="button" style={{ alignSelf: 'center' }} disabled={lines.fields.length === 1} onClick={() => lines.remove(i)}>
                Remove
              </button>
            </div>
          ))}
          <div>
            <button type="button" onClick={() => lines.append({ meter: firstMeter, dimensions: '', quantity: '' })}>
              Add usage line
            </button>
          </div>
          <div className="row">
            <Field label="Client (external id, optional)" error={errors.client?.message} hint="Applies its discounts">
              <input {...form.register('client')} />
            </Field>
            <Field label="At (your time zone; empty: now)" error={errors.at?.message}>
              <input type="datetime-local" {...form.register('at')} />
            </Field>
            <Field label="Period fraction (optional)" error={errors.periodFraction?.message} hint="Prorates fixed parts; default 1">
              <input inputMode="decimal" placeholder="1" {...form.register('periodFraction')} />
            </Field>
          </div>
          <div className="form-actions">
            <button type="submit" className="primary">
              {quote.isPending ? 'Quoting…' : 'Quote'}
            </button>
          </div>
        </fieldset>
      </form>
      {quote.data ? <QuoteResult quote={quote.data} /> : null}
    </section>
  );
}

function QuoteResult({ quote }: { quote: Quote }) {
  const c = quote.currency;
  return (
    <div aria-label="Quote result" role="region" style={{ marginTop: 12 }}>
      <dl className="facts">
        <dt>Version</dt>
        <dd>
          {quote.planName} version {quote.planVersion}, at {dateTime(quote.at)}
        </dd>
        <dt>Revenue</dt>
        <dd>
          <strong>{money(quote.revenue?.total, c)}</strong>{' '}
          <span className="muted">
            subtotal {money(quote.revenue?.subtotal, c)}, discounts −{money(quote.revenue?.discount, c)}
            {quote.revenue?.discounts?.length ? ` (${quote.revenue.discounts.map((d) => d.description).join(', ')})` : ''}
          </span>
        </dd>
        <dt>Metered cost</dt>
        <dd>
          {money(quote.cost, c)}
          {quote.costRatePlans?.length ? (
            <span className="muted"> under {quote.costRatePlans.map((p) => `${p.name} v${p.version}`).join(', ')}</span>
          ) : null}
        </dd>
        <dt>Margin</dt>
        <dd>
          <SignedMoney amount={quote.margin} currency={c} /> (<MarginPercent value={quote.marginPercent} />)
        </dd>
      </dl>
      {quote.lines?.length ? (
        <table aria-label="Quote by meter" style={{ marginTop: 8 }}>
          <thead>
            <tr>
              <th>Meter</th>
              <th className="num">Revenue</th>
              <th className="num">Cost</th>
              <th className="num">Margin</th>
              <th className="num">Margin %</th>
            </tr>
          </thead>
          <tbody>
            {quote.lines.map((l) => (
              <tr key={l.meter}>
                <td>{l.meter}</td>
                <td className="num">{money(l.revenue, c)}</td>
                <td className="num">{money(l.cost, c)}</td>
                <td className="num">
                  <SignedMoney amount={l.margin} currency={c} />
                </td>
                <td className="num">
                  <MarginPercent value={l.marginPercent} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {quote.charges?.length ? (
        <table aria-label="Quote by charge" style={{ marginTop: 8 }}>
          <thead>
            <tr>
              <th>Charge</th>
              <th>Price rule</th>
              <th className="num">Quantity</th>
              <th className="num">Rated</th>
            </tr>
          </thead>
          <tbody>
            {quote.charges.map((l, i) => (
              <tr key={i}>
                <td>
                  <code>{l.charge}</code> ({l.meter})
                </td>
                <td>{l.match ? Object.entries(l.match).map(([k, v]) => `${k}=${v}`).join(', ') : 'default'}</td>
                <td className="num">{quantity(l.quantity)}</td>
                <td className="num">{money(l.rating?.total, l.rating?.currency ?? c)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <Warnings title="Unpriced usage: the plan has no price for it" rows={quote.unpriced} />
      <Warnings title="Uncosted usage: no cost-rate plan prices it, so its cost is unknown" rows={quote.uncosted} />
    </div>
  );
}

function Warnings({ title, rows }: { title: string; rows: Unpriced[] | undefined }) {
  if (!rows?.length) return null;
  return (
    <div className="state error" role="alert" style={{ marginTop: 8 }}>
      <strong>{title}</strong>
      <ul>
        {rows.map((u, i) => (
          <li key={i}>
            {u.meter} {u.dimensions ? Object.entries(u.dimensions).map(([k, v]) => `${k}=${v}`).join(', ') : ''}: {quantity(u.quantity)}
            {u.reason ? ` (${u.reason})` : ''}
          </li>
        ))}
      </ul>
    </div>
  );
}
