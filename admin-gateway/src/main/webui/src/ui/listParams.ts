import { useCallback } from 'react';
import { useSearchParams } from 'react-router';

/** A list's state lives in the URL (page, size, sort and filters), so a reload or a shared link shows the same view. */
export interface ListParams {
  page: number;
  size: number;
  sort: string | undefined;
  get: (name: string) => string | undefined;
  /** Changes some parameters; any change but the page itself goes back to the first page. */
  set: (changes: Record<string, string | undefined>) => void;
}

export function useListParams(defaultSize = 25): ListParams {
  const [params, setParams] = useSearchParams();
  const set = useCallback(
    (changes: Record<string, string | undefined>) =>
      setParams((prev) => {
        const next = new URLSearchParams(prev);
        Object.entries(changes).forEach(([k, v]) => (v === undefined || v === '' ? next.delete(k) : next.set(k, v)));
        if (!('page' in changes)) next.delete('page');
        return next;
      }),
    [setParams],
  );
  const number = (name: string, fallback: number) => {
    const n = Number(params.get(name));
    return Number.isInteger(n) && n >= 0 && params.has(name) ? n : fallback;
  };
  return {
    page: number('page', 0),
    size: number('size', defaultSize) || defaultSize,
    sort: params.get('sort') ?? undefined,
    get: (name) => params.get(name) ?? undefined,
    set,
  };
}

/** The next sort after a click on a field's header: ascending, descending, then the list's own order. */
export function nextSort(current: string | undefined, field: string, add: boolean): string | undefined {
  const keys = (current ?? '').split(',').filter(Boolean);
  const at = keys.findIndex((k) => k.replace(/^-/, '') === field);
  const was = at >= 0 ? keys[at] : undefined;
  const next = was === undefined ? field : was.startsWith('-') ? undefined : '-' + field;
  const others = add ? keys.filter((_, i) => i !== at) : [];
  const result = next ? (add && at >= 0 ? keys.map((k, i) => (i === at ? next : k)) : [...others, next]) : others;
  return result.length ? result.join(',') : undefined;
}

export function sortDirection(current: string | undefined, field: string): 'ascending' | 'descending' | undefined {
  const key = (current ?? '').split(',').find((k) => k.replace(/^-/, '') === field);
  return key === undefined ? undefined : key.startsWith('-') ? 'descending' : 'ascending';
}
