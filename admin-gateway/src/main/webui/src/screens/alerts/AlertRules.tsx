import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { createColumnHelper } from '@tanstack/react-table';
import { Link, useNavigate } from 'react-router';
import { ok, projection } from '../../api/http';
import { DataTable } from '../../ui/DataTable';
import { dateTime } from '../../ui/format';
import { useListParams } from '../../ui/listParams';
import { ActionError } from '../../ui/dialogs';
import { RuleActions, useRuleActions } from './RuleActions';
import { EnabledBadge, firesWhen, kindLabel, RuleScope, threshold, type AlertRule } from './ruleText';

const column = createColumnHelper<AlertRule>();

/** The alert rules, with enable, disable and delete for those who may. */
export function AlertRules() {
  const params = useListParams();
  const navigate = useNavigate();
  const actions = useRuleActions();
  const query = useQuery({
    queryKey: ['alert-rules', params.page, params.size, params.sort],
    queryFn: () => ok(projection.GET('/api/v1/alert-rules', { params: { query: { page: params.page, size: params.size, sort: params.sort } } })),
    placeholderData: keepPreviousData,
  });
  const columns = [
    column.accessor('name', {
      header: 'Name',
      meta: { sort: 'name' },
      cell: (c) => (
        <Link to={`/alerts/rules/${c.row.original.id}`} onClick={(e) => e.stopPropagation()}>
          {c.getValue()}
        </Link>
      ),
    }),
    column.accessor('kind', { header: 'Kind', meta: { sort: 'kind' }, cell: (c) => kindLabel(c.getValue()) }),
    column.accessor('scope', { header: 'Scope', cell: (c) => <RuleScope scope={c.getValue()} /> }),
    column.accessor('threshold', {
      header: 'Fires when',
      meta: { sort: 'threshold', numeric: true },
      cell: (c) => firesWhen(c.row.original.kind, c.getValue()),
    }),
    column.accessor('warningAt', {
      header: 'Warning at',
      meta: { sort: 'warningAt', numeric: true },
      cell: (c) => (c.getValue() === undefined ? '—' : threshold(c.row.original.kind, c.getValue())),
    }),
    column.accessor('webhook', { header: 'Webhook', cell: (c) => c.getValue()?.url ?? <span className="muted">none</span> }),
    column.accessor('enabled', { header: 'Enabled', meta: { sort: 'enabled' }, cell: (c) => <EnabledBadge enabled={c.getValue()} /> }),
    column.accessor('createdAt', { header: 'Created', meta: { sort: 'createdAt' }, cell: (c) => dateTime(c.getValue()) }),
    column.display({ id: 'actions', header: '', cell: (c) => <RuleActions rule={c.row.original} actions={actions} /> }),
  ];
  return (
    <>
      <ActionError error={actions.error} onDismiss={actions.clearError} />
      <DataTable
        label="Alert rules"
        columns={columns}
        data={query.data}
        isPending={query.isPending}
        error={query.error}
        onRetry={() => query.refetch()}
        params={params}
        rowKey={(r) => r.id ?? ''}
        onRowOpen={(r) => navigate(`/alerts/rules/${r.id}`)}
        empty="No alert rules yet."
      />
    </>
  );
}
