// List state for screens with more than one table, and for the few endpoints that answer a whole list at once.
import { useCallback } from 'react';
import { useSearchParams } from 'react-router';
import type { PageOf } from '../../ui/DataTable';
import type { ListParams } from '../../ui/listParams';

/**
 * A second (third, ...) table's page, size and sort in the URL under a prefix (?hpage=, ?hsize=, ?hsort=), so two
 * tables on one page keep their own state. Its filters are plain names; any change but its page goes back to its
 * first page.
 */
export function usePrefixedListParams(prefix: string, defaultSize = 10): ListParams {
  const [params, setParams] = useSearchParams();
  const key = (name: string) => (['page', 'size', 'sort'].includes(name) ? prefix + name : name);
  const set = useCallback(
    (changes: Record<string, string | undefined>) =>
      setParams((prev) => {
        const next = new URLSearchParams(prev);
        Object.entries(changes).forEach(([k, v]) => {
          const name = ['page', 'size', 'sort'].includes(k) ? prefix + k : k;
          if (v === undefined || v === '') next.delete(name);
          else next.set(name, v);
        });
        if (!('page' in changes)) next.delete(prefix + 'page');
        return next;
      }),
    [setParams, prefix],
  );
  const number = (name: string, fallback: number) => {
    const raw = params.get(key(name));
    const n = Number(raw);
    return raw !== null && Number.isInteger(n) && n >= 0 ? n : fallback;
  };
  return {
    page: number('page', 0),
    size: number('size', defaultSize) || defaultSize,
    sort: params.get(key('sort')) ?? undefined,
    get: (name) => params.get(key(name)) ?? undefined,
    set,
  };
}

type Sortable = string | number | boolean | null | undefined;

/**
 * One page of a list the API answers whole (API keys, suppressions, usage rows, the over/under clients), sorted by
 * the URL's sort (the same "a,-b" form the services take), so DataTable pages and sorts it like a server list.
 */
export function localPage<T>(items: T[], params: ListParams, fields: Record<string, (row: T) => Sortable>): PageOf<T> {
  const keys = (params.sort ?? '')
    .split(',')
    .filter(Boolean)
    .map((k) => ({ desc: k.startsWith('-'), get: fields[k.replace(/^-/, '')] }))
    .filter((k) => k.get !== undefined);
  const sorted = keys.length
    ? [...items].sort((a, b) => {
        for (const k of keys) {
          const c = compare(k.get(a), k.get(b));
          if (c !== 0) return k.desc ? -c : c;
        }
        return 0;
      })
    : items;
  const start = params.page * params.size;
  return { items: sorted.slice(start, start + params.size), page: params.page, size: params.size, total: items.length };
}

/** Blanks last; numbers (and decimal strings) by value; text by locale. */
function compare(a: Sortable, b: Sortable): number {
  const blankA = a === null || a === undefined || a === '';
  const blankB = b === null || b === undefined || b === '';
  if (blankA || blankB) return blankA === blankB ? 0 : blankA ? 1 : -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'boolean' || typeof b === 'boolean') return Number(a) - Number(b);
  const na = Number(a);
  const nb = Number(b);
  if (!Number.isNaN(na) && !Number.isNaN(nb)) return na - nb;
  return String(a).localeCompare(String(b));
}

/** Rows as a CSV file the browser downloads. */
export function downloadCsv(filename: string, header: string[], rows: (string | number | undefined)[][]): void {
  const cell = (v: string | number | undefined) => {
    const s = v === undefined ? '' : String(v);
    return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const text = [header, ...rows].map((r) => r.map(cell).join(',')).join('\n');
  const url = URL.createObjectURL(new Blob([text + '\n'], { type: 'text/csv' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.click();
  URL.revokeObjectURL(url);
}
