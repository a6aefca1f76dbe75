import { useQuery } from '@tanstack/react-query';
import { ok, pricing } from '../../api/http';
import { ErrorState } from '../../ui/states';

/** Last month, as YYYY-MM: the period a month-end export is usually for. */
function lastMonth(): string {
  const d = new Date();
  d.setDate(1);
  d.setMonth(d.getMonth() - 1);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
}

/**
 * One CSV per billing type (unit type) for a month: each client's period that starts in that month, in its own time
 * zone. A plain link: the browser downloads it with the session cookie.
 */
export function ExportCsv({
  month,
  unitType,
  onChange,
}: {
  month: string | undefined;
  unitType: string | undefined;
  onChange: (changes: Record<string, string | undefined>) => void;
}) {
  const unitTypes = useQuery({
    queryKey: ['unit-types', 'all'],
    queryFn: () => ok(pricing.GET('/api/v1/unit-types', { params: { query: { size: 500 } } })),
    staleTime: 5 * 60_000,
  });
  const items = unitTypes.data?.items ?? [];
  const period = month ?? lastMonth();
  const chosen = items.find((u) => u.id === unitType) ?? items[0];
  const href = chosen ? `/api/v1/billing-readings/export?${new URLSearchParams({ period, unitType: chosen.id ?? '' })}` : undefined;
  return (
    <section className="card" aria-label="Export CSV">
      <h2>Export CSV</h2>
      <p className="muted" style={{ marginTop: 0 }}>
        One file per billing type: every client’s period that starts in the month, in the client’s time zone.
      </p>
      <div className="filters">
        <label className="filter">
          <span>Month</span>
          <input type="month" value={period} onChange={(e) => onChange({ month: e.target.value || undefined })} />
        </label>
        <label className="filter">
          <span>Billing type (unit type)</span>
          <select value={chosen?.id ?? ''} onChange={(e) => onChange({ unitType: e.target.value || undefined })}>
            {items.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name} ({u.meter})
              </option>
            ))}
          </select>
        </label>
        {href ? (
          <a className="button primary" href={href} download={`billing-readings-${chosen?.name}-${period}.csv`}>
            Export CSV
          </a>
        ) : (
          <span className="button" aria-disabled="true" title="No unit type to export">
            Export CSV
          </span>
        )}
      </div>
      {unitTypes.isError ? <ErrorState error={unitTypes.error} onRetry={() => unitTypes.refetch()} /> : null}
    </section>
  );
}
