import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { createColumnHelper } from '@tanstack/react-table';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { ok, projection } from '../../api/http';
import type { ProjectionSchemas } from '../../api/types';
import { DataTable } from '../../ui/DataTable';
import { dateTime, quantity } from '../../ui/format';
import { PageTitle } from '../../ui/Layout';
import { ErrorState, Loading } from '../../ui/states';
import { ActionError, Dialog, SecretDialog } from '../../ui/dialogs';
import { useSession } from '../../api/session';
import { AlertRuleForm } from './AlertRuleForm';
import { usePrefixedListParams } from '../settings/lists';
import { Deliveries } from './Deliveries';
import { RuleActions, useRuleActions } from './RuleActions';
import { EnabledBadge, firesWhen, KINDS, kindLabel, RuleScope, StateScope, StatusBadge, threshold, type Alert, type Kind } from './ruleText';

type History = ProjectionSchemas['AlertHistoryEntry'];

/** One alert rule: what it watches, where it stands, how its state changed, and what its webhook was sent. */
export default function AlertRulePage() {
  const { id } = useParams();
  const navigate = useNavigate();
  const { hasRole } = useSession();
  const [editing, setEditing] = useState(false);
  const [secret, setSecret] = useState<string>();
  const actions = useRuleActions(() => navigate('/alerts?tab=rules'));
  const query = useQuery({
    queryKey: ['alert-rule', id],
    queryFn: () => ok(projection.GET('/api/v1/alert-rules/{id}', { params: { path: { id: id! } } })),
  });
  if (query.isPending) return <Loading what="the alert rule" />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => query.refetch()} />;
  const rule = query.data;
  return (
    <>
      <PageTitle title={rule.name ?? 'Alert rule'}>
        {hasRole('admin', 'operator') ? (
          <button type="button" onClick={() => setEditing(true)}>
            Edit
          </button>
        ) : null}
        <RuleActions rule={rule} actions={actions} />
      </PageTitle>
      <Dialog open={editing} onClose={() => setEditing(false)} title={`Edit ${rule.name ?? 'the alert rule'}`}>
        <AlertRuleForm
          rule={rule}
          onCancel={() => setEditing(false)}
          onSaved={(saved) => {
            setEditing(false);
            setSecret(saved.webhook?.secret);
          }}
        />
      </Dialog>
      <SecretDialog
        open={!!secret}
        title="Webhook signing secret"
        what="the webhook signing secret"
        secret={secret}
        onClose={() => setSecret(undefined)}
      />
      <ActionError error={actions.error} onDismiss={actions.clearError} />
      <section className="card" aria-label="Rule">
        <h2>Rule</h2>
        <dl className="facts">
          <dt>Kind</dt>
          <dd>
            {kindLabel(rule.kind)} <span className="muted">· {KINDS[rule.kind as Kind]?.help}</span>
          </dd>
          <dt>Scope</dt>
          <dd>
            <RuleScope scope={rule.scope} />
          </dd>
          <dt>Fires when</dt>
          <dd>{firesWhen(rule.kind, rule.threshold)}</dd>
          <dt>Warning at</dt>
          <dd>{rule.warningAt === undefined ? '—' : threshold(rule.kind, rule.warningAt)}</dd>
          <dt>Webhook</dt>
          <dd>{rule.webhook?.url ?? 'none: states only, no notification'}</dd>
          <dt>Status</dt>
          <dd>
            <EnabledBadge enabled={rule.enabled} />
            {rule.enabled ? null : <span className="muted"> not evaluated; its state and history are kept</span>}
          </dd>
          <dt>Created</dt>
          <dd>{dateTime(rule.createdAt)}</dd>
          <dt>Changed</dt>
          <dd>
            {dateTime(rule.updatedAt)} <span className="muted">(version {rule.version ?? '—'})</span>
          </dd>
        </dl>
      </section>
      <States rule={id!} />
      <HistoryTable rule={id!} />
      <Deliveries rule={id!} />
    </>
  );
}

const s = createColumnHelper<Alert>();
const stateColumns = [
  s.accessor('status', { header: 'Status', meta: { sort: 'status' }, cell: (c) => <StatusBadge status={c.getValue()} /> }),
  s.accessor('scope', {
    header: 'Scope',
    meta: { sort: 'scope' },
    cell: (c) => <StateScope scope={c.getValue()} client={c.row.original.client} />,
  }),
  s.accessor('value', { header: 'Value', meta: { sort: 'value', numeric: true }, cell: (c) => quantity(c.getValue()) }),
  s.accessor('since', { header: 'Since', meta: { sort: 'since' }, cell: (c) => dateTime(c.getValue()) }),
  s.accessor('periodStart', { header: 'Period from', meta: { sort: 'periodStart' }, cell: (c) => dateTime(c.getValue()) }),
  s.accessor('notifiedPeriod', { header: 'Last notified for', meta: { sort: 'notifiedPeriod' }, cell: (c) => dateTime(c.getValue()) }),
  s.accessor('evaluatedAt', { header: 'Evaluated', meta: { sort: 'evaluatedAt' }, cell: (c) => dateTime(c.getValue()) }),
];

function States({ rule }: { rule: string }) {
  const params = usePrefixedListParams('s');
  const query = useQuery({
    queryKey: ['alerts', 'rule', rule, params.page, params.size, params.sort],
    queryFn: () =>
      ok(projection.GET('/api/v1/alerts', { params: { query: { rule, page: params.page, size: params.size, sort: params.sort } } })),
    placeholderData: keepPreviousData,
    refetchInterval: 60_000,
  });
  return (
    <section aria-label="Current state" style={{ marginBottom: 12 }}>
      <h2 style={{ fontSize: 16 }}>Current state</h2>
      <DataTable
        label="Current state"
        columns={stateColumns}
        data={query.data}
        isPending={query.isPending}
        error={query.error}
        onRetry={() => query.refetch()}
        params={params}
        rowKey={(a) => a.scope ?? ''}
        empty="Not evaluated yet: states appear once the rule has looked at its scope."
      />
    </section>
  );
}

const h = createColumnHelper<History>();
const historyColumns = [
  h.accessor('at', { header: 'At', meta: { sort: 'at' }, cell: (c) => dateTime(c.getValue()) }),
  h.accessor('scope', { header: 'Scope', meta: { sort: 'scope' }, cell: (c) => <StateScope scope={c.getValue()} client={undefined} /> }),
  h.accessor('from', {
    header: 'Change',
    meta: { sort: 'from' },
    cell: (c) => (
      <>
        <StatusBadge status={c.getValue()} /> → <StatusBadge status={c.row.original.to} />
      </>
    ),
  }),
  h.accessor('value', { header: 'Value', meta: { sort: 'value', numeric: true }, cell: (c) => quantity(c.getValue()) }),
  h.accessor('threshold', { header: 'Threshold', meta: { sort: 'threshold', numeric: true }, cell: (c) => quantity(c.getValue()) }),
  h.accessor('notified', { header: 'Notified', meta: { sort: 'notified' }, cell: (c) => (c.getValue() ? 'yes' : 'no') }),
];

function HistoryTable({ rule }: { rule: string }) {
  const params = usePrefixedListParams('h');
  const query = useQuery({
    queryKey: ['alert-rule', rule, 'history', params.page, params.size, params.sort],
    queryFn: () =>
      ok(
        projection.GET('/api/v1/alert-rules/{id}/history', {
          params: { path: { id: rule }, query: { page: params.page, size: params.size, sort: params.sort } },
        }),
      ),
    placeholderData: keepPreviousData,
  });
  return (
    <section aria-label="History" style={{ marginBottom: 12 }}>
      <h2 style={{ fontSize: 16 }}>History</h2>
      <DataTable
        label="History"
        columns={historyColumns}
        data={query.data}
        isPending={query.isPending}
        error={query.error}
        onRetry={() => query.refetch()}
        params={params}
        rowKey={(e) => `${e.at}|${e.scope}|${e.to}`}
        empty="No state change yet."
      />
    </section>
  );
}
