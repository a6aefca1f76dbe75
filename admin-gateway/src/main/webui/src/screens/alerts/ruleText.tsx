// How alert rules and states read: each kind's meaning and unit, a scope, a status.
import { Link } from 'react-router';
import type { ProjectionSchemas } from '../../api/types';
import { percent, quantity } from '../../ui/format';
import { ClientLabel } from '../margin/clients';

export type AlertRule = ProjectionSchemas['AlertRule'];
export type AlertRuleRequest = ProjectionSchemas['AlertRuleRequest'];
export type Alert = ProjectionSchemas['Alert'];
export type Kind = AlertRuleRequest['kind'];

export const KINDS: Record<Kind, { label: string; help: string; unit: 'units' | 'amount' | '%' | 'z'; above: boolean }> = {
  USAGE_THRESHOLD: { label: 'Usage', help: "Usage so far this period reaches the threshold, in the meter's units.", unit: 'units', above: true },
  COST_THRESHOLD: {
    label: 'Cost',
    help: "Metered cost so far this period reaches the threshold, an amount in the client's currency.",
    unit: 'amount',
    above: true,
  },
  PERCENT_OF_COMMIT: { label: '% of commit', help: 'Usage so far reaches this percentage of the commit.', unit: '%', above: true },
  PROJECTED_OVERAGE: {
    label: 'Projected overage',
    help: "Usage projected at the period's end reaches this percentage of the commit: 100 is a projected overage.",
    unit: '%',
    above: true,
  },
  PROJECTED_SHORTFALL: {
    label: 'Projected shortfall',
    help: "The share of the commit projected to go unused at the period's end reaches this percentage.",
    unit: '%',
    above: true,
  },
  MARGIN_BELOW: {
    label: 'Margin below',
    help: 'Margin % falls to the threshold or below. The only kind that fires downwards: it warns above the threshold.',
    unit: '%',
    above: false,
  },
  COST_PER_UNIT_ANOMALY: {
    label: 'Cost-per-unit anomaly',
    help: "This period's cost per unit departs from the client's own baseline by this robust z-score (3.5 by default).",
    unit: 'z',
    above: true,
  },
};

export function kindLabel(kind: string | undefined): string {
  return KINDS[kind as Kind]?.label ?? kind ?? '—';
}

/** A threshold in its kind's unit. */
export function threshold(kind: string | undefined, value: number | string | undefined): string {
  if (value === undefined || value === null) return '—';
  switch (KINDS[kind as Kind]?.unit) {
    case '%':
      return percent(value);
    case 'z':
      return `z ${quantity(value)}`;
    case 'amount':
      return `${quantity(value, 2)} (client currency)`;
    default:
      return `${quantity(value)} units`;
  }
}

/** "≥ 100 %" or "≤ 20 %": when the rule fires. */
export function firesWhen(kind: string | undefined, value: number | undefined): string {
  if (value === undefined || value === null) return '—';
  const above = KINDS[kind as Kind]?.above ?? true;
  return `${above ? '≥' : '≤'} ${threshold(kind, value)}`;
}

export function RuleScope({ scope }: { scope: AlertRule['scope'] }) {
  if (!scope?.client && !scope?.bucket && !scope?.meter) return <span className="muted">all clients</span>;
  return (
    <span>
      {scope.client ? <ClientLabel id={scope.client} /> : 'all clients'}
      {scope.bucket ? (
        <>
          {' · bucket '}
          <Link to={`/buckets?client=${scope.client ?? ''}`} onClick={(e) => e.stopPropagation()} title={scope.bucket}>
            {scope.bucket.substring(0, 8)}
          </Link>
        </>
      ) : null}
      {scope.meter ? ` · meter ${scope.meter}` : ''}
    </span>
  );
}

/** A state's scope: client:<id>, bucket:<id>, charge:<client>:<key>:<dimensions> or meter:<client>:<meter>. */
export function StateScope({ scope, client }: { scope: string | undefined; client: string | undefined }) {
  if (!scope) return <>—</>;
  const [what, ...rest] = scope.split(':');
  if (what === 'client') return <ClientLabel id={rest[0]} />;
  if (what === 'bucket') {
    return (
      <span>
        {client ? <ClientLabel id={client} /> : null} bucket <span title={rest[0]}>{rest[0]?.substring(0, 8)}</span>
      </span>
    );
  }
  if (what === 'meter') {
    return (
      <span>
        <ClientLabel id={rest[0]} /> · meter {rest.slice(1).join(':')}
      </span>
    );
  }
  if (what === 'charge') {
    return (
      <span>
        <ClientLabel id={rest[0]} /> · charge {rest.slice(1).filter(Boolean).join(' ')}
      </span>
    );
  }
  return <>{scope}</>;
}

export function StatusBadge({ status }: { status: string | undefined }) {
  const s = status?.toLowerCase() ?? '—';
  return <span className={`badge ${s === 'firing' ? 'firing' : s === 'warning' ? 'warning' : s === 'ok' ? 'ok' : ''}`}>{s}</span>;
}

export function EnabledBadge({ enabled }: { enabled: boolean | undefined }) {
  return <span className={`badge ${enabled ? 'ok' : ''}`}>{enabled ? 'enabled' : 'disabled'}</span>;
}

export const STATUS_OPTIONS: [string, string][] = [
  ['', 'all'],
  ['FIRING', 'firing'],
  ['WARNING', 'warning'],
  ['OK', 'ok'],
];
