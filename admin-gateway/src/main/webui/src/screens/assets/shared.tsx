// Pieces the asset, bucket, reading, invoice and projection screens share: client look-ups and a client picker, a
// modal dialog, a % of commit bar, and wall-clock times in a client's time zone. Candidates for src/ui.
import { useQueries, useQuery } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { billing, ok } from '../../api/http';
import type { Client } from '../../api/types';
import { percent, period } from '../../ui/format';

const MINUTES = 60_000;

/** One client by billing's id, cached with the client screens (same key). */
export function useClient(id: string | undefined) {
  return useQuery({
    queryKey: ['client', id],
    queryFn: () => ok(billing.GET('/api/v1/clients/{id}', { params: { path: { id: id! } } })),
    enabled: !!id,
    staleTime: 5 * MINUTES,
  });
}

/** Clients by id, for the rows of a page: each fetched once and cached. */
export function useClientMap(ids: (string | undefined)[]): Map<string, Client> {
  const unique = [...new Set(ids.filter((id): id is string => !!id))];
  const results = useQueries({
    queries: unique.map((id) => ({
      queryKey: ['client', id],
      queryFn: () => ok(billing.GET('/api/v1/clients/{id}', { params: { path: { id } } })),
      staleTime: 5 * MINUTES,
    })),
  });
  const map = new Map<string, Client>();
  results.forEach((r, i) => r.data && map.set(unique[i], r.data));
  return map;
}

/** Bucket names for the clients of a page (a reading or projection names its bucket by id only). */
export function useBucketNames(clientIds: (string | undefined)[]): Map<string, string> {
  const unique = [...new Set(clientIds.filter((id): id is string => !!id))];
  const results = useQueries({
    queries: unique.map((client) => ({
      queryKey: ['buckets', 'of-client', client],
      queryFn: () => ok(billing.GET('/api/v1/buckets', { params: { query: { client, size: 500 } } })),
      staleTime: 5 * MINUTES,
    })),
  });
  const map = new Map<string, string>();
  results.forEach((r) => r.data?.items?.forEach((b) => b.id && map.set(b.id, b.name ?? b.unitTypeName ?? b.id)));
  return map;
}

/**
 * Picks a client by typing part of its name or external id (billing's client search). Keyboard: arrows move, Enter
 * picks, Escape closes.
 */
export function ClientPicker({
  label,
  value,
  onChange,
  error,
  disabled,
  variant = 'filter',
  placeholder = 'Any client',
}: {
  label: string;
  /** Billing's client id. */
  value: string | undefined;
  onChange: (client: Client | undefined) => void;
  error?: string;
  disabled?: boolean;
  variant?: 'filter' | 'field';
  placeholder?: string;
}) {
  const selected = useClient(value);
  const [text, setText] = useState('');
  const [search, setSearch] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const listId = useId();
  useEffect(() => {
    const t = window.setTimeout(() => setSearch(text.trim()), 250);
    return () => window.clearTimeout(t);
  }, [text]);
  const matches = useQuery({
    queryKey: ['clients', 'pick', search],
    queryFn: () => ok(billing.GET('/api/v1/clients', { params: { query: { search: search || undefined, size: 10, sort: 'name' } } })),
    enabled: open,
    staleTime: 30_000,
  });
  const items = matches.data?.items ?? [];
  const choose = (c: Client | undefined) => {
    onChange(c);
    setText('');
    setOpen(false);
  };
  const shown = selected.data ? `${selected.data.name} (${selected.data.externalId})` : value ? '…' : '';
  return (
    <div
      style={{
        position: 'relative',
        display: 'flex',
        flexDirection: variant === 'field' ? 'column' : 'row',
        alignItems: variant === 'field' ? 'stretch' : 'flex-end',
        gap: 4,
        flex: variant === 'field' ? '1 1 0' : undefined,
      }}
    >
      <label className={variant === 'field' ? `field${error ? ' invalid' : ''}` : 'filter'}>
        <span>{label}</span>
        <input
          type="text"
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={open}
          aria-controls={listId}
          autoComplete="off"
          disabled={disabled}
          style={{ minWidth: 220 }}
          placeholder={value ? shown : placeholder}
          value={open ? text : shown}
          onFocus={() => {
            setText('');
            setOpen(true);
          }}
          onBlur={() => window.setTimeout(() => setOpen(false), 150)}
          onChange={(e) => {
            setText(e.target.value);
            setActive(0);
            setOpen(true);
          }}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown') setActive((a) => Math.min(items.length - 1, a + 1));
            else if (e.key === 'ArrowUp') setActive((a) => Math.max(0, a - 1));
            else if (e.key === 'Escape') setOpen(false);
            else if (e.key === 'Enter' && open && items[active]) choose(items[active]);
            else return;
            e.preventDefault();
          }}
        />
        {error ? (
          <small role="alert" className="field-error">
            {error}
          </small>
        ) : null}
      </label>
      {value && !disabled && variant === 'filter' ? (
        <button type="button" aria-label={`Clear ${label.toLowerCase()}`} title="Any client" onClick={() => choose(undefined)}>
          ×
        </button>
      ) : null}
      {open ? (
        <ul
          id={listId}
          role="listbox"
          aria-label={`${label} choices`}
          className="plain"
          // In a form (maybe in a dialog, which scrolls) the list pushes what follows down; as a filter it floats.
          style={{
            position: variant === 'field' ? 'static' : 'absolute',
            top: '100%',
            left: 0,
            zIndex: 5,
            minWidth: '100%',
            background: '#fff',
            border: '1px solid var(--line)',
            borderRadius: 5,
            boxShadow: '0 4px 12px rgba(0,0,0,.12)',
          }}
        >
          {matches.isPending ? <li className="muted" style={{ padding: '6px 8px' }}>Searching…</li> : null}
          {matches.isError ? <li className="down" style={{ padding: '6px 8px' }}>Could not search clients</li> : null}
          {matches.data && !items.length ? <li className="muted" style={{ padding: '6px 8px' }}>No client matches.</li> : null}
          {items.map((c, i) => (
            <li
              key={c.id}
              role="option"
              aria-selected={i === active}
              style={{ padding: '6px 8px', cursor: 'pointer', background: i === active ? '#eef4fb' : undefined, color: 'var(--ink)' }}
              onMouseEnter={() => setActive(i)}
              onMouseDown={(e) => {
                e.preventDefault();
                choose(c);
              }}
            >
              {c.name} <span className="muted">{c.externalId}</span>
              {c.enabled === false ? <span className="badge">disabled</span> : null}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/** A modal <dialog>: Escape or Cancel closes it; its content mounts only while open, so forms start fresh. */
export function Modal({ title, open, onClose, children }: { title: string; open: boolean; onClose: () => void; children: ReactNode }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  return (
    // Normal wrapping and alignment even when opened from a table cell.
    <dialog ref={ref} aria-label={title} onClose={onClose} style={{ whiteSpace: 'normal', textAlign: 'left', minWidth: 420 }}>
      <h2 style={{ marginTop: 0, fontSize: 16 }}>{title}</h2>
      {open ? children : null}
    </dialog>
  );
}

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

export const yesNo = (v: boolean | undefined) => (v === undefined ? '—' : v ? 'yes' : 'no');

/** How far the time zone is ahead of UTC at an instant, in ms. */
function offsetMs(t: number, timeZone: string): number {
  const parts: Record<string, string> = {};
  new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  })
    .formatToParts(new Date(t))
    .forEach((p) => (parts[p.type] = p.value));
  const asUtc = Date.UTC(+parts.year, +parts.month - 1, +parts.day, +parts.hour, +parts.minute, +parts.second);
  return asUtc - Math.floor(t / 1000) * 1000;
}

/** An instant as a datetime-local value (YYYY-MM-DDTHH:mm) on the wall clock of a time zone. */
export function toZonedInput(iso: string | undefined, timeZone: string): string {
  if (!iso) return '';
  const t = Date.parse(iso);
  return new Date(t + offsetMs(t, timeZone)).toISOString().substring(0, 16);
}

/** A datetime-local value read on the wall clock of a time zone, as an instant. */
export function fromZonedInput(local: string, timeZone: string): string {
  const guess = Date.parse(`${local.substring(0, 16)}:00Z`);
  let t = guess - offsetMs(guess, timeZone);
  t = guess - offsetMs(t, timeZone); // once more, in case the first guess crossed a DST change
  return new Date(t).toISOString().replace('.000Z', 'Z');
}

/** A billing period in the client's time zone; the zone's name, long and the same on every row, goes in the tooltip. */
export function PeriodCell({ start, end, timeZone }: { start?: string; end?: string; timeZone?: string }) {
  const text = period(start, end, timeZone).replace(/ \([^)]*\)$/, '');
  return <span title={timeZone ? `In the client's time zone, ${timeZone}` : undefined}>{text}</span>;
}
