import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ok, projection } from '../../api/http';
import { useSession } from '../../api/session';
import { ConfirmButton } from '../../ui/dialogs';
import type { AlertRule } from './ruleText';

/** Enable, disable and delete a rule, for the roles the API lets change rules; what it refused, for a banner. */
export function useRuleActions(onDeleted?: () => void) {
  const queries = useQueryClient();
  const [error, setError] = useState<unknown>();
  const refresh = () => {
    queries.invalidateQueries({ queryKey: ['alert-rules'] });
    queries.invalidateQueries({ queryKey: ['alert-rule'] });
    queries.invalidateQueries({ queryKey: ['alerts'] });
  };
  const toggle = useMutation({
    mutationFn: ({ id, enable }: { id: string; enable: boolean }) =>
      enable
        ? ok(projection.POST('/api/v1/alert-rules/{id}/enable', { params: { path: { id } } }))
        : ok(projection.POST('/api/v1/alert-rules/{id}/disable', { params: { path: { id } } })),
    onMutate: () => setError(undefined),
    onSuccess: refresh,
    onError: setError,
  });
  const remove = useMutation({
    mutationFn: (id: string) => ok(projection.DELETE('/api/v1/alert-rules/{id}', { params: { path: { id } } })),
    onMutate: () => setError(undefined),
    onSuccess: () => {
      refresh();
      onDeleted?.();
    },
    onError: setError,
  });
  return { toggle, remove, error, clearError: () => setError(undefined) };
}

export function RuleActions({ rule, actions }: { rule: AlertRule; actions: ReturnType<typeof useRuleActions> }) {
  const { hasRole } = useSession();
  if (!hasRole('admin', 'operator') || !rule.id) return null;
  const busy = actions.toggle.isPending || actions.remove.isPending;
  return (
    // In a table row that opens the rule: its buttons act on their own.
    <span className="actions" style={{ display: 'inline-flex' }} onClick={(e) => e.stopPropagation()} onKeyDown={(e) => e.stopPropagation()}>
      <button type="button" disabled={busy} onClick={() => actions.toggle.mutate({ id: rule.id!, enable: !rule.enabled })}>
        {rule.enabled ? 'Disable' : 'Enable'}
      </button>
      <ConfirmButton
        label="Delete"
        title={`Delete the alert rule ${rule.name}?`}
        message="Its states, history and webhook deliveries are deleted with it. This cannot be undone; disabling keeps them."
        confirmLabel="Delete rule"
        disabled={busy}
        onConfirm={() => actions.remove.mutate(rule.id!)}
      />
    </span>
  );
}
