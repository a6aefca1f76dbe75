import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useSession } from '../../api/session';
import { Field } from '../../ui/form';
import { dateTime } from '../../ui/format';
import { PageTitle } from '../../ui/Layout';
import { useListParams } from '../../ui/listParams';
import { Empty, ErrorState, Loading } from '../../ui/states';
import { ActionError, Dialog } from '../../ui/dialogs';
import { DraftEditor } from './DraftEditor';
import { ChargesTable } from './PlanCharges';
import { getPlan, getVersion, listVersions, planKind, planLabel, publishDraft, versionInEffect, type Plan, type PlanKind } from './plans';
import { QuoteForm } from './QuoteForm';

/** A price or cost-rate plan: its published versions, its draft (edited, then published), and a quote under it. */
export default function PlanPage() {
  const { id } = useParams();
  const params = useListParams();
  const kind = planKind(params.get('kind'));
  const { hasRole } = useSession();
  const query = useQuery({ queryKey: ['plan', kind, id], queryFn: () => getPlan(kind, id!) });
  if (query.isPending) return <Loading what={`the ${planLabel(kind)}`} />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => query.refetch()} />;
  const plan = query.data;
  const editing = params.get('edit') === '1' && hasRole('admin', 'operator');
  return (
    <>
      <PageTitle title={plan.name ?? planLabel(kind)}>
        {kind === 'price' && hasRole('admin', 'operator') ? (
          <Link className="button" to={`/pricing?tab=backtests&run=1&plan=${plan.id}`}>
            Backtest the draft
          </Link>
        ) : null}
        {hasRole('admin') ? <Publish kind={kind} plan={plan} /> : null}
      </PageTitle>
      <p>
        <Link to={`/pricing?tab=${kind === 'price' ? 'price-plans' : 'cost-rates'}`}>
          ← {kind === 'price' ? 'Price plans' : 'Cost-rate plans'}
        </Link>
      </p>
      <section className="card" aria-label="Plan">
        <h2>{kind === 'price' ? 'Price plan' : 'Cost-rate plan: what usage costs us'}</h2>
        <dl className="facts">
          <dt>Description</dt>
          <dd>{plan.description || '—'}</dd>
          <dt>Currency</dt>
          <dd>{plan.currency}</dd>
          {kind === 'price' ? (
            <>
              <dt>Client</dt>
              <dd>{plan.client ? `negotiated terms of ${plan.client} only` : 'every client on it (list prices)'}</dd>
            </>
          ) : null}
          <dt>Created</dt>
          <dd>{dateTime(plan.createdAt)}</dd>
          <dt>Changed</dt>
          <dd>{dateTime(plan.updatedAt)}</dd>
        </dl>
      </section>
      <Versions kind={kind} plan={plan} />
      <section className="card" aria-label="Draft">
        <h2>
          Draft, revision {plan.draft?.revision ?? 0}{' '}
          {hasRole('admin', 'operator') && !editing ? (
            <button type="button" onClick={() => params.set({ edit: '1' })}>
              Edit draft
            </button>
          ) : null}
        </h2>
        {editing ? (
          <DraftEditor kind={kind} plan={plan} onDone={() => params.set({ edit: undefined })} />
        ) : (
          <>
            <p className="muted">Nothing in the draft applies until it is published as a version.</p>
            <ChargesTable charges={plan.draft?.charges} currency={plan.currency ?? ''} label="Draft charges" />
          </>
        )}
      </section>
      {kind === 'price' ? <QuoteForm plan={plan} /> : null}
    </>
  );
}

/** The published versions, oldest first; one opens with its charges (?version=N). */
function Versions({ kind, plan }: { kind: PlanKind; plan: Plan }) {
  const params = useListParams();
  const versions = useQuery({ queryKey: ['plan', kind, plan.id, 'versions'], queryFn: () => listVersions(kind, plan.id!) });
  const selected = Number(params.get('version')) || undefined;
  const current = versionInEffect(versions.data);
  const open = (v: number | undefined) => params.set({ version: v === selected ? undefined : String(v) });
  return (
    <section className="card" aria-label="Versions">
      <h2>Published versions</h2>
      {versions.isPending ? (
        <Loading />
      ) : versions.isError ? (
        <ErrorState error={versions.error} onRetry={() => versions.refetch()} />
      ) : versions.data.length ? (
        <table aria-label="Versions">
          <thead>
            <tr>
              <th>Version</th>
              <th>Effective from</th>
              <th>Published</th>
              <th>By</th>
            </tr>
          </thead>
          <tbody>
            {versions.data.map((v) => (
              <tr
                key={v.version}
                className="openable"
                tabIndex={0}
                onClick={() => open(v.version)}
                onKeyDown={(e) => e.key === 'Enter' && open(v.version)}
              >
                <td>
                  version {v.version}
                  {v.version === current ? <span className="badge ok">in effect</span> : null}
                  {v.effectiveFrom && new Date(v.effectiveFrom).getTime() > Date.now() ? <span className="badge warning">scheduled</span> : null}
                  {v.version === selected ? <span className="badge">open</span> : null}
                </td>
                <td>{dateTime(v.effectiveFrom)}</td>
                <td>{dateTime(v.publishedAt)}</td>
                <td>{v.publishedBy ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <Empty>No version published yet: only the draft exists, and nothing applies.</Empty>
      )}
      {selected ? <VersionCharges kind={kind} plan={plan} version={selected} /> : null}
    </section>
  );
}

function VersionCharges({ kind, plan, version }: { kind: PlanKind; plan: Plan; version: number }) {
  const query = useQuery({ queryKey: ['plan', kind, plan.id, 'version', version], queryFn: () => getVersion(kind, plan.id!, version) });
  if (query.isPending) return <Loading what={`version ${version}`} />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => query.refetch()} />;
  const v = query.data;
  return (
    <div style={{ marginTop: 12 }}>
      <h3 style={{ fontSize: 14 }}>
        Version {v.version}, effective {dateTime(v.effectiveFrom)} ({v.currency})
      </h3>
      <ChargesTable charges={v.charges} currency={v.currency ?? plan.currency ?? ''} label={`Charges of version ${v.version}`} />
    </div>
  );
}

/** Freezes the draft as the next version: admins only, confirmed, at a chosen instant (default now). */
function Publish({ kind, plan }: { kind: PlanKind; plan: Plan }) {
  const queries = useQueryClient();
  const [open, setOpen] = useState(false);
  const [at, setAt] = useState('');
  const next = (plan.versions?.length ?? 0) + 1;
  const publish = useMutation({
    mutationFn: () => publishDraft(kind, plan.id!, at ? new Date(at).toISOString() : undefined),
    onSuccess: () => {
      setOpen(false);
      queries.invalidateQueries({ queryKey: ['plan', kind, plan.id] });
      queries.invalidateQueries({ queryKey: ['plans'] });
    },
  });
  const empty = !plan.draft?.charges?.length;
  return (
    <>
      <button
        type="button"
        className="primary"
        disabled={empty}
        title={empty ? 'The draft has no charges' : undefined}
        onClick={() => setOpen(true)}
      >
        Publish draft
      </button>
      <Dialog open={open} onClose={() => setOpen(false)} title={`Publish the draft as version ${next}?`}>
        <form
          className="form"
          style={{ border: 0, padding: 0 }}
          onSubmit={(e) => {
            e.preventDefault();
            publish.mutate();
          }}
        >
          <fieldset disabled={publish.isPending}>
            <p>
              A published version never changes. It is announced to billing and projections, and rates usage from its effective instant; it
              must be after the latest version&apos;s.
            </p>
            <ActionError error={publish.error} onDismiss={() => publish.reset()} />
            <Field label="Effective from (your time zone; empty: now)">
              <input type="datetime-local" value={at} onChange={(e) => setAt(e.target.value)} />
            </Field>
            <div className="form-actions">
              <button type="submit" className="primary">
                {publish.isPending ? 'Publishing…' : `Publish version ${next}`}
              </button>
              <button type="button" onClick={() => setOpen(false)}>
                Cancel
              </button>
            </div>
          </fieldset>
        </form>
      </Dialog>
    </>
  );
}
