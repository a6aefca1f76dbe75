import type { MergedAuditEntry } from '../../api/gateway';
import { dateTime } from '../../ui/format';

type Values = Record<string, unknown> | null | undefined;

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The keys whose values differ between before and after. */
export function changedKeys(before: Values, after: Values): string[] {
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  return [...keys].filter((k) => !same(before?.[k], after?.[k])).sort();
}

function Value({ value, present }: { value: unknown; present: boolean }) {
  if (!present) return <span className="muted">—</span>;
  if (value === null) return <span className="muted">null</span>;
  if (typeof value === 'object') return <pre className="json">{JSON.stringify(value, null, 2)}</pre>;
  return <code style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>{String(value)}</code>;
}

/** One change: every key, before against after, the changed ones highlighted. */
export function AuditDiff({ entry, onClose }: { entry: MergedAuditEntry; onClose: () => void }) {
  const before = entry.oldValues ?? null;
  const after = entry.newValues ?? null;
  const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])].sort();
  const changed = new Set(changedKeys(before, after));
  return (
    <section className="card" aria-label="Change" style={{ marginTop: 12 }}>
      <h2>
        {entry.action} of {entry.table} <code>{entry.recordId}</code> by {entry.actor} ({entry.actorType?.replace('_', ' ')}),{' '}
        {dateTime(entry.occurredAt)}, {entry.service}
      </h2>
      <p className="muted">
        {!before
          ? 'A creation: no values before.'
          : !after
            ? 'A deletion: no values after.'
            : `${changed.size} of ${keys.length} keys changed, highlighted.`}
      </p>
      <div className="table-wrap">
        <table aria-label="Old values against new values">
          <thead>
            <tr>
              <th>Key</th>
              <th>Old value</th>
              <th>New value</th>
            </tr>
          </thead>
          <tbody>
            {keys.map((k) => {
              const isChanged = changed.has(k);
              return (
                <tr key={k} style={isChanged ? { background: '#fff4dc' } : undefined}>
                  <td style={{ verticalAlign: 'top' }}>
                    <code>{k}</code>
                    {isChanged && before && after ? <span className="badge warning">changed</span> : null}
                  </td>
                  <td style={{ verticalAlign: 'top', whiteSpace: 'normal' }}>
                    <Value value={before?.[k]} present={!!before && k in before} />
                  </td>
                  <td style={{ verticalAlign: 'top', whiteSpace: 'normal' }}>
                    <Value value={after?.[k]} present={!!after && k in after} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <button type="button" onClick={onClose} style={{ marginTop: 8 }}>
        Close
      </button>
    </section>
  );
}
