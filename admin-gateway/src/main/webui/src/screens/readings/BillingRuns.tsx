import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { createColumnHelper } from '@tanstack/react-table';
import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { ApiError, billing, ok, type Problem } from '../../api/http';
import { useSession } from '../../api/session';
import type { BillingRun } from '../../api/types';
import { DataTable } from '../../ui/DataTable';
import { dateTime } from '../../ui/format';
import type { ListParams } from '../../ui/listParams';
import { ErrorState, Loading } from '../../ui/states';
import { ClientPicker, useClientMap } from '../../ui/clients';

const FINISHED = new Set(['SUCCEEDED', 'PARTIAL', 'FAILED']);
const BADGE: Record<string, string> = { QUEUED: '', RUNNING: 'warning', SUCCEEDED: 'ok', PARTIAL: 'warning', FAILED: 'over' };

export function RunStatus({ status }: { status: BillingRun['status'] }) {
  return <span className={`badge ${BADGE[status ?? ''] ?? ''}`}>{status?.toLowerCase() ?? '—'}</span>;
}

function progressText(run: BillingRun) {
  return `${run.progress?.done ?? 0} of ${run.progress?.total ?? 0} clients`;
}

/**
 * Starts a billing run (admins and operators) and follows the run named in the URL (?run=) live, with the few most
 * recent runs to pick from.
 */
export function BillingRunCard({ runId, onFollow }: { runId: string | undefined; onFollow: (id: string | undefined) => void }) {
  const { hasRole } = useSession();
  const queries = useQueryClient();
  const [asOf, setAsOf] = useState('');
  const [client, setClient] = useState<string>();
  const start = useMutation({
    mutationFn: async () => {
      const res = await billing.POST('/api/v1/billing-runs', {
        body: { asOf: asOf ? new Date(asOf).toISOString() : undefined, clients: client ? [client] : undefined },
      });
      if (!res.response.ok) throw new ApiError(res.response.status, res.error as Problem | undefined);
      // The 202 carries the queued run (and its Location), though the document declares no body for it.
      const run = res.data as unknown as BillingRun | undefined;
      return run?.id ?? res.response.headers.get('Location')?.split('/').pop();
    },
    onSuccess: (id) => {
      queries.invalidateQueries({ queryKey: ['billing-runs'] });
      onFollow(id);
    },
  });
  const recent = useQuery({
    queryKey: ['billing-runs', 'recent'],
    queryFn: () => ok(billing.GET('/api/v1/billing-runs', { params: { query: { size: 5 } } })),
    refetchInterval: (q) => (q.state.data?.items?.some((r) => !FINISHED.has(r.status ?? '')) ? 3000 : false),
  });
  return (
    <section className="card" aria-label="Billing run">
      <h2>Billing run</h2>
      {hasRole('admin', 'operator') ? (
        <form
          className="filters"
          onSubmit={(e) => {
            e.preventDefault();
            start.mutate();
          }}
        >
          <label className="filter">
            <span>As of (empty: now)</span>
            <input type="datetime-local" value={asOf} onChange={(e) => setAsOf(e.target.value)} />
          </label>
          <ClientPicker label="Only this client" placeholder="Every enabled client" value={client} onChange={(c) => setClient(c?.id)} />
          <button type="submit" className="primary" disabled={start.isPending}>
            {start.isPending ? 'Starting…' : 'Run billing'}
          </button>
        </form>
      ) : null}
      {start.isError ? <ErrorState error={start.error} /> : null}
      <p className="muted" style={{ marginTop: 0 }}>
        A run closes every period that ended, less each client’s grace period, into billing readings and invoices. A period that has an
        invoice is never billed again.
      </p>
      {runId ? <LiveRun id={runId} onClose={() => onFollow(undefined)} /> : null}
      <h2 style={{ marginTop: 12 }}>Recent billing runs</h2>
      {recent.isPending ? (
        <Loading />
      ) : recent.isError ? (
        <ErrorState error={recent.error} onRetry={() => recent.refetch()} />
      ) : recent.data.items?.length ? (
        <table aria-label="Recent billing runs">
          <thead>
            <tr>
              <th>Started</th>
              <th>Status</th>
              <th className="num">Clients</th>
              <th className="num">Invoices</th>
              <th>By</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {recent.data.items.map((r) => (
              <tr key={r.id} aria-current={r.id === runId ? 'true' : undefined}>
                <td>{dateTime(r.startedAt ?? r.createdAt)}</td>
                <td>
                  <RunStatus status={r.status} />
                </td>
                <td className="num">{progressText(r)}</td>
                <td className="num">{r.invoices ?? 0}</td>
                <td>{r.requestedBy ?? '—'}</td>
                <td>
                  {r.id !== runId ? (
                    <button type="button" onClick={() => onFollow(r.id)}>
                      Show
                    </button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="muted">No billing run yet.</p>
      )}
    </section>
  );
}

/** One run, polled every second until it has finished; then what it wrote is read again. */
function LiveRun({ id, onClose }: { id: string; onClose: () => void }) {
  const queries = useQueryClient();
  const run = useQuery({
    queryKey: ['billing-run', id],
    queryFn: () => ok(billing.GET('/api/v1/billing-runs/{id}', { params: { path: { id } } })),
    refetchInterval: (q) => (FINISHED.has(q.state.data?.status ?? '') || q.state.error ? false : 1000),
  });
  const status = run.data?.status;
  const was = useRef(status);
  useEffect(() => {
    if (was.current && !FINISHED.has(was.current) && status && FINISHED.has(status)) {
      ['billing-readings', 'billing-runs', 'invoices', 'view'].forEach((k) => queries.invalidateQueries({ queryKey: [k] }));
    }
    was.current = status;
  }, [status, queries]);
  const clients = useClientMap((run.data?.errors ?? []).map((e) => e.client));
  if (run.isPending) return <Loading what="the billing run" />;
  if (run.isError) return <ErrorState error={run.error} onRetry={() => run.refetch()} />;
  const r = run.data;
  const done = r.progress?.done ?? 0;
  const total = r.progress?.total ?? 0;
  return (
    <div aria-label="Billing run progress" role="group" style={{ borderTop: '1px solid var(--line)', paddingTop: 8 }}>
      <div className="page-title" style={{ marginBottom: 6 }}>
        <strong>
          Billing run of {dateTime(r.createdAt)} <RunStatus status={r.status} />
        </strong>
        <button type="button" onClick={onClose}>
          Hide
        </button>
      </div>
      <div
        className="progress"
        role="progressbar"
        aria-label="Clients billed"
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={done}
        aria-valuetext={progressText(r)}
      >
        <div style={{ width: `${total ? (100 * done) / total : FINISHED.has(r.status ?? '') ? 100 : 0}%` }} />
      </div>
      <p aria-live="polite" style={{ margin: '6px 0' }}>
        {progressText(r)} · {r.invoices ?? 0} invoice{r.invoices === 1 ? '' : 's'} made
        {r.status === 'QUEUED' ? ' · waiting for a worker' : ''}
      </p>
      <dl className="facts">
        <dt>As of</dt>
        <dd>{dateTime(r.asOf)}</dd>
        <dt>Requested by</dt>
        <dd>{r.requestedBy ?? '—'}</dd>
        <dt>Started · finished</dt>
        <dd>
          {dateTime(r.startedAt)} · {r.finishedAt ? dateTime(r.finishedAt) : 'running'}
        </dd>
      </dl>
      {FINISHED.has(r.status ?? '') && (r.invoices ?? 0) > 0 ? (
        <p>
          <Link to="/invoices">See the invoices</Link>
        </p>
      ) : null}
      {r.errors?.length ? (
        <table aria-label="Clients the run could not bill">
          <thead>
            <tr>
              <th>Client</th>
              <th>Why it could not be billed</th>
            </tr>
          </thead>
          <tbody>
            {r.errors.map((e) => (
              <tr key={e.client}>
                <td>
                  <Link to={`/clients/${e.client}`}>{(e.client && clients.get(e.client)?.name) ?? e.client}</Link>
                </td>
                <td className="down" style={{ whiteSpace: 'normal' }}>
                  {e.reason}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}

const column = createColumnHelper<BillingRun>();
const columns = [
  column.accessor('createdAt', { header: 'Requested', meta: { sort: 'createdAt' }, cell: (c) => dateTime(c.getValue()) }),
  column.accessor('asOf', { header: 'As of', meta: { sort: 'asOf' }, cell: (c) => dateTime(c.getValue()) }),
  column.accessor('status', { header: 'Status', meta: { sort: 'status' }, cell: (c) => <RunStatus status={c.getValue()} /> }),
  column.accessor('progress', { header: 'Clients', meta: { numeric: true }, cell: (c) => progressText(c.row.original) }),
  column.accessor('errors', { header: 'Failed', meta: { numeric: true }, cell: (c) => c.getValue()?.length ?? 0 }),
  column.accessor('invoices', { header: 'Invoices', meta: { sort: 'invoices', numeric: true } }),
  column.accessor('requestedBy', { header: 'Requested by', meta: { sort: 'requestedBy' } }),
  column.accessor('startedAt', { header: 'Started', meta: { sort: 'startedAt' }, cell: (c) => dateTime(c.getValue()) }),
  column.accessor('finishedAt', { header: 'Finished', meta: { sort: 'finishedAt' }, cell: (c) => dateTime(c.getValue()) }),
];

/** Every billing run, paged; opening one follows it in the run card. */
export function BillingRunList({ params, onOpen }: { params: ListParams; onOpen: (id: string | undefined) => void }) {
  const query = useQuery({
    queryKey: ['billing-runs', params.page, params.size, params.sort],
    queryFn: () =>
      ok(billing.GET('/api/v1/billing-runs', { params: { query: { page: params.page, size: params.size, sort: params.sort } } })),
    placeholderData: keepPreviousData,
  });
  return (
    <DataTable
      label="Billing runs"
      columns={columns}
      data={query.data}
      isPending={query.isPending}
      error={query.error}
      onRetry={() => query.refetch()}
      params={params}
      rowKey={(r) => r.id ?? ''}
      onRowOpen={(r) => onOpen(r.id)}
      empty="No billing run yet."
    />
  );
}
