// Clients as the screens name and pick them: look-ups by billing's id (cached with the client screens) and a picker.
import { useQueries, useQuery } from '@tanstack/react-query';
import { useEffect, useId, useState } from 'react';
import { billing, ok } from '../api/http';
import type { Client } from '../api/types';

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
