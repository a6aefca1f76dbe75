import { percent } from './format';

/** Projected usage as a % of the commit: a bar, the figure, and an over-commit badge above 100 %. */
export function CommitBar({ value }: { value: string | undefined | null }) {
  if (value === undefined || value === null || value === '') return <span className="muted">—</span>;
  const n = Number(value);
  const over = n > 100;
  return (
    <span style={{ display: 'inline-flex', gap: 6, alignItems: 'center', justifyContent: 'flex-end' }}>
      <div className="progress" aria-hidden="true" style={{ width: 80, display: 'inline-block' }}>
        <div
          style={{ width: `${Math.max(0, Math.min(100, n))}%`, background: over ? 'var(--danger)' : n < 50 ? 'var(--warn)' : undefined }}
        />
      </div>
      <span>{percent(value)}</span>
      {over ? <span className="badge over">over-commit</span> : null}
    </span>
  );
}
