import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { billing, ok } from '../../api/http';
import { useSession } from '../../api/session';
import type { BillingSchemas } from '../../api/types';
import { date, dateTime, money, period, quantity } from '../../ui/format';
import { PageTitle } from '../../ui/Layout';
import { Empty, ErrorState, Loading } from '../../ui/states';
import { Dialog } from '../../ui/dialogs';
import { useBucketNames, useClient } from '../../ui/clients';
import { InvoiceStatus, StripeState } from './Invoices';

type Invoice = BillingSchemas['Invoice'];
type Line = BillingSchemas['InvoiceLine'];

const KIND: Record<NonNullable<Line['kind']>, [string, string]> = {
  BASE: ['base', ''],
  OVERAGE: ['overage', 'over'],
  CHARGE: ['charge', ''],
  MINIMUM: ['minimum', 'warning'],
  DISCOUNT: ['discount', 'ok'],
  ADJUSTMENT: ['late usage', 'warning'],
  CREDIT: ['credit', 'ok'],
};

export default function InvoicePage() {
  const { id } = useParams();
  const query = useQuery({
    queryKey: ['invoice', id],
    queryFn: () => ok(billing.GET('/api/v1/invoices/{id}', { params: { path: { id: id! } } })),
  });
  const client = useClient(query.data?.client);
  const buckets = useBucketNames([query.data?.client]);
  if (query.isPending) return <Loading what="the invoice" />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => query.refetch()} />;
  const i = query.data;
  const tz = client.data?.timeZone;
  return (
    <>
      <PageTitle title={`Invoice ${i.number ?? ''}`}>
        <Actions invoice={i} />
      </PageTitle>
      <div className="grid-2">
        <section className="card" aria-label="Invoice">
          <h2>Invoice</h2>
          <dl className="facts">
            <dt>Client</dt>
            <dd>
              <Link to={`/clients/${i.client}`}>{client.data?.name ?? i.clientExternalId}</Link>{' '}
              <span className="muted">{i.clientExternalId}</span>
            </dd>
            <dt>Period</dt>
            <dd>{tz ? period(i.periodStart, i.periodEnd, tz) : client.isPending ? '…' : period(i.periodStart, i.periodEnd, 'UTC')}</dd>
            <dt>Status</dt>
            <dd>
              <InvoiceStatus invoice={i} />
            </dd>
            <dt>Issued</dt>
            <dd>{dateTime(i.issuedAt)}</dd>
            <dt>Due</dt>
            <dd>{date(i.dueAt, tz)}</dd>
            {i.paidAt ? (
              <>
                <dt>Paid</dt>
                <dd>{dateTime(i.paidAt)}</dd>
              </>
            ) : null}
            {i.voidedAt ? (
              <>
                <dt>Voided</dt>
                <dd>
                  {dateTime(i.voidedAt)}: {i.voidReason ?? 'no reason given'}
                </dd>
              </>
            ) : null}
            <dt>Total</dt>
            <dd>
              <strong>{money(i.total, i.currency)}</strong>
            </dd>
          </dl>
        </section>
        <section className="card" aria-label="Stripe sync">
          <h2>Stripe sync</h2>
          <dl className="facts">
            <dt>State</dt>
            <dd>
              <StripeState sync={i.stripe} />
            </dd>
            <dt>Stripe invoice</dt>
            <dd>{i.stripe?.invoiceId ? <code>{i.stripe.invoiceId}</code> : '—'}</dd>
            <dt>Stripe customer</dt>
            <dd>{client.data?.stripeCustomerId ?? <span className="muted">none: the client is not billed through Stripe</span>}</dd>
          </dl>
          {i.stripe?.error ? (
            <div className="state error" role="alert">
              {i.stripe.error}
            </div>
          ) : null}
        </section>
      </div>
      <section className="card" aria-label="Line items">
        <h2>Line items</h2>
        {i.lines?.length ? (
          <table aria-label="Line items">
            <thead>
              <tr>
                <th>Kind</th>
                <th>Description</th>
                <th>Bucket or charge</th>
                <th className="num">Quantity</th>
                <th className="num">Unit price</th>
                <th className="num">Amount</th>
              </tr>
            </thead>
            <tbody>
              {i.lines.map((l, n) => (
                <tr key={n}>
                  <td>
                    <span className={`badge ${KIND[l.kind ?? 'BASE']?.[1] ?? ''}`} style={{ marginLeft: 0 }}>
                      {KIND[l.kind ?? 'BASE']?.[0] ?? l.kind?.toLowerCase()}
                    </span>
                  </td>
                  <td style={{ whiteSpace: 'normal' }}>
                    {l.description}
                    {l.kind === 'ADJUSTMENT' && l.period ? (
                      <div className="muted">corrects the period from {date(l.period, tz)}</div>
                    ) : null}
                    {l.dimensions && Object.keys(l.dimensions).length ? (
                      <div className="muted">
                        {Object.entries(l.dimensions)
                          .map(([k, v]) => `${k}=${v}`)
                          .join(', ')}
                      </div>
                    ) : null}
                  </td>
                  <td>
                    {l.bucket ? (
                      <Link to={`/buckets/${l.bucket}/edit`}>{buckets.get(l.bucket) ?? l.bucket.substring(0, 8)}</Link>
                    ) : (
                      (l.chargeKey ?? '—')
                    )}
                  </td>
                  <td className="num">{quantity(l.quantity)}</td>
                  <td className="num">{l.unitPrice ? money(l.unitPrice, i.currency) : '—'}</td>
                  <td className={`num ${l.amount?.startsWith('-') ? 'down' : ''}`}>{money(l.amount, i.currency)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th colSpan={5}>Total</th>
                <th className="num">{money(i.total, i.currency)}</th>
              </tr>
              {/[1-9]/.test(i.creditCarried ?? '') ? (
                <tr>
                  <td colSpan={5} className="muted">
                    Credit carried to the next invoice
                  </td>
                  <td className="num">{money(i.creditCarried, i.currency)}</td>
                </tr>
              ) : null}
            </tfoot>
          </table>
        ) : (
          <Empty>This invoice has no lines.</Empty>
        )}
      </section>
    </>
  );
}

/** What the API lets the caller do with it: pay and Stripe sync for admins and operators, void for admins. */
function Actions({ invoice }: { invoice: Invoice }) {
  const { hasRole } = useSession();
  const queries = useQueryClient();
  const [voiding, setVoiding] = useState(false);
  const [reason, setReason] = useState('');
  const path = { params: { path: { id: invoice.id ?? '' } } };
  const done = (updated: Invoice) => {
    queries.setQueryData(['invoice', invoice.id], updated);
    queries.invalidateQueries({ queryKey: ['invoices'] });
    queries.invalidateQueries({ queryKey: ['view'] });
  };
  const pay = useMutation({ mutationFn: () => ok(billing.POST('/api/v1/invoices/{id}/pay', path)), onSuccess: done });
  const sync = useMutation({ mutationFn: () => ok(billing.POST('/api/v1/invoices/{id}/stripe-sync', path)), onSuccess: done });
  const voidIt = useMutation({
    mutationFn: () => ok(billing.POST('/api/v1/invoices/{id}/void', { ...path, body: { reason: reason.trim() } })),
    onSuccess: (updated) => {
      done(updated);
      setVoiding(false);
    },
  });
  const operate = hasRole('admin', 'operator');
  const failed = pay.error ?? sync.error;
  return (
    <>
      {operate && invoice.status === 'FINALIZED' ? (
        <button type="button" className="primary" disabled={pay.isPending} onClick={() => pay.mutate()}>
          {pay.isPending ? 'Marking paid…' : 'Mark paid'}
        </button>
      ) : null}
      {operate && invoice.stripe?.status === 'FAILED' ? (
        <button type="button" disabled={sync.isPending} onClick={() => sync.mutate()}>
          {sync.isPending ? 'Syncing…' : 'Sync to Stripe'}
        </button>
      ) : null}
      {hasRole('admin') && invoice.status !== 'VOID' ? (
        <button type="button" className="danger" onClick={() => setVoiding(true)}>
          Void
        </button>
      ) : null}
      {failed ? <ErrorState error={failed} /> : null}
      <Dialog title={`Void invoice ${invoice.number}?`} open={voiding} onClose={() => setVoiding(false)}>
        <form
          className="form"
          style={{ border: 0, padding: 0 }}
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            if (reason.trim()) voidIt.mutate();
          }}
        >
          <fieldset disabled={voidIt.isPending}>
            <p style={{ margin: 0 }}>
              A void invoice is not owed; its lines stay as they were, for the record. This cannot be undone.
            </p>
            {voidIt.isError ? <ErrorState error={voidIt.error} /> : null}
            <label className="field">
              <span>Reason</span>
              <textarea
                autoFocus
                rows={3}
                required
                value={reason}
                onChange={(e) => setReason(e.target.value)}
                placeholder="Billed to the wrong client"
              />
            </label>
            <div className="form-actions">
              <button type="submit" className="danger" disabled={!reason.trim()}>
                {voidIt.isPending ? 'Voiding…' : 'Void invoice'}
              </button>
              <button type="button" onClick={() => setVoiding(false)}>
                Cancel
              </button>
            </div>
          </fieldset>
        </form>
      </Dialog>
    </>
  );
}
