import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { createColumnHelper } from '@tanstack/react-table';
import { useState } from 'react';
import { Link } from 'react-router';
import { billing, ok } from '../../api/http';
import { useSession } from '../../api/session';
import type { BillingSchemas } from '../../api/types';
import { Chart } from '../../ui/Chart';
import { DataTable } from '../../ui/DataTable';
import { dateTime, money, period } from '../../ui/format';
import { useListParams } from '../../ui/listParams';
import { Empty, ErrorState, Loading } from '../../ui/states';
import { SignedMoney } from '../margin/figures';
import { Dialog } from '../../ui/dialogs';
import { BacktestForm } from './BacktestForm';

type Backtest = BillingSchemas['Backtest'];
type BacktestClient = BillingSchemas['BacktestClient'];
const column = createColumnHelper<Backtest>();

const columns = [
  column.accessor('createdAt', { header: 'Run', meta: { sort: 'createdAt' }, cell: (c) => dateTime(c.getValue()) }),
  column.accessor('planName', {
    header: 'Price plan',
    cell: (c) => (
      <Link to={`/pricing/plans/${c.row.original.pricePlan}?kind=price`} onClick={(e) => e.stopPropagation()}>
        {c.getValue() ?? c.row.original.pricePlan}
      </Link>
    ),
  }),
  column.accessor('candidate', { header: 'Candidate' }),
  column.accessor('period', { header: 'Period', meta: { sort: 'period' } }),
  column.accessor('requestedBy', { header: 'By', meta: { sort: 'requestedBy' } }),
  column.accessor('clients', {
    header: 'Clients',
    meta: { numeric: true },
    cell: (c) => {
      const errors = (c.getValue() ?? []).filter((x) => x.error).length;
      return (
        <>
          {c.getValue()?.length ?? 0}
          {errors ? <span className="badge over">{errors} failed</span> : null}
        </>
      );
    },
  }),
];

/** Backtests: a past period re-rated under a draft or a version, against what the plans in effect billed. */
export function Backtests() {
  const params = useListParams();
  const { hasRole } = useSession();
  const [running, setRunning] = useState(params.get('run') === '1');
  const selected = params.get('backtest');
  const query = useQuery({
    queryKey: ['backtests', params.page, params.size, params.sort],
    queryFn: () => ok(billing.GET('/api/v1/backtests', { params: { query: { page: params.page, size: params.size, sort: params.sort } } })),
    placeholderData: keepPreviousData,
  });
  return (
    <>
      <div className="filters">
        <span className="muted">
          Re-rate a past period under a draft before publishing it: the change in revenue and margin for every client.
        </span>
        {hasRole('admin', 'operator') ? (
          <button type="button" className="primary" onClick={() => setRunning(true)}>
            New backtest
          </button>
        ) : null}
      </div>
      <DataTable
        label="Backtests"
        columns={columns}
        data={query.data}
        isPending={query.isPending}
        error={query.error}
        onRetry={() => query.refetch()}
        params={params}
        rowKey={(b) => b.id ?? ''}
        onRowOpen={(b) => params.set({ backtest: b.id, page: String(params.page) })}
        empty="No backtest yet."
      />
      {selected ? <BacktestResult id={selected} onClose={() => params.set({ backtest: undefined, page: String(params.page) })} /> : null}
      <Dialog
        open={running}
        onClose={() => {
          setRunning(false);
          params.set({ run: undefined, page: String(params.page) });
        }}
        title="Run a backtest"
      >
        <BacktestForm
          plan={params.get('plan')}
          onDone={(b) => {
            setRunning(false);
            params.set({ run: undefined, plan: undefined, backtest: b?.id });
          }}
        />
      </Dialog>
    </>
  );
}

function BacktestResult({ id, onClose }: { id: string; onClose: () => void }) {
  const query = useQuery({
    queryKey: ['backtest', id],
    queryFn: () => ok(billing.GET('/api/v1/backtests/{id}', { params: { path: { id } } })),
  });
  return (
    <section className="card" aria-label="Backtest result" style={{ marginTop: 12 }}>
      {query.isPending ? (
        <Loading what="the backtest" />
      ) : query.isError ? (
        <ErrorState error={query.error} onRetry={() => query.refetch()} />
      ) : (
        <Result backtest={query.data} />
      )}
      <button type="button" onClick={onClose}>
        Close
      </button>
    </section>
  );
}

function Result({ backtest }: { backtest: Backtest }) {
  const clients = backtest.clients ?? [];
  const rated = clients.filter((c) => !c.error);
  return (
    <>
      <h2>
        {backtest.planName}, {backtest.candidate} over {backtest.period}
      </h2>
      <p className="muted">
        Run {dateTime(backtest.createdAt)} by {backtest.requestedBy}. Current: what the plans in effect give; candidate: the{' '}
        {backtest.candidate}.
      </p>
      {rated.length ? (
        <Chart
          label="Change in revenue and margin per client"
          height={Math.max(200, rated.length * 26 + 60)}
          option={{
            tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
            legend: {},
            grid: { left: 140, right: 30 },
            xAxis: { type: 'value' },
            yAxis: { type: 'category', data: rated.map((c) => `${c.clientExternalId} (${c.currency})`) },
            series: [
              { name: 'Δ revenue', type: 'bar', data: rated.map((c) => Number(c.revenueDelta ?? 0)) },
              { name: 'Δ margin', type: 'bar', data: rated.map((c) => Number(c.marginDelta ?? 0)) },
            ],
          }}
        />
      ) : null}
      {clients.length ? <ClientResults clients={clients} /> : <Empty>No client was on this plan in that period.</Empty>}
    </>
  );
}

function ClientResults({ clients }: { clients: BacktestClient[] }) {
  return (
    <div className="table-wrap">
      <table aria-label="Backtest per client">
        <thead>
          <tr>
            <th>Client</th>
            <th>Period</th>
            <th className="num">Current revenue</th>
            <th className="num">Candidate revenue</th>
            <th className="num">Δ revenue</th>
            <th className="num">Current margin</th>
            <th className="num">Candidate margin</th>
            <th className="num">Δ margin</th>
          </tr>
        </thead>
        <tbody>
          {clients.map((c) => (
            <tr key={`${c.client}-${c.periodStart}`}>
              <td>
                <Link to={`/clients/${c.client}`}>{c.clientExternalId ?? c.client}</Link>
              </td>
              <td>{period(c.periodStart, c.periodEnd)}</td>
              {c.error ? (
                <td colSpan={6} className="down">
                  Could not re-rate: {c.error}
                </td>
              ) : (
                <>
                  <td className="num">{money(c.currentRevenue, c.currency)}</td>
                  <td className="num">{money(c.candidateRevenue, c.currency)}</td>
                  <td className="num">
                    <Delta amount={c.revenueDelta} currency={c.currency} />
                  </td>
                  <td className="num">
                    <SignedMoney amount={c.currentMargin} currency={c.currency} />
                  </td>
                  <td className="num">
                    <SignedMoney amount={c.candidateMargin} currency={c.currency} />
                  </td>
                  <td className="num">
                    <Delta amount={c.marginDelta} currency={c.currency} />
                  </td>
                </>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Delta({ amount, currency }: { amount: string | undefined; currency: string | undefined }) {
  const negative = amount?.startsWith('-');
  const zero = !amount || Number(amount) === 0;
  return <span className={zero ? 'muted' : negative ? 'down' : 'up'}>{`${!zero && !negative ? '+' : ''}${money(amount, currency)}`}</span>;
}
