// Client names for screens whose figures name clients only by id (margin, alerts, backtests), and a client picker.
import { useQuery, type UseQueryResult } from '@tanstack/react-query';
import { Link } from 'react-router';
import type { Panel } from '../../api/gateway';
import { ApiError, billing, ok } from '../../api/http';
import type { Client } from '../../api/types';

/** The first 500 clients by name: enough to name most ids without a call per row; the rest are read one by one. */
export function useClientDirectory() {
  return useQuery({
    queryKey: ['clients', 'directory'],
    queryFn: () => ok(billing.GET('/api/v1/clients', { params: { query: { size: 500, sort: 'name' } } })),
    staleTime: 5 * 60_000,
  });
}

export function useClient(id: string | undefined) {
  const directory = useClientDirectory();
  const known = directory.data?.items?.find((c) => c.id === id);
  const one = useQuery({
    queryKey: ['client', id],
    queryFn: () => ok(billing.GET('/api/v1/clients/{id}', { params: { path: { id: id! } } })),
    enabled: !!id && !directory.isPending && !known && isUuid(id),
    staleTime: 5 * 60_000,
    retry: false,
  });
  return known ?? one.data;
}

const isUuid = (s: string | undefined) => !!s && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s);

/** A client id as its name, linking to its page. */
export function ClientLabel({ id, fallback }: { id: string | undefined; fallback?: string }) {
  const client = useClient(id);
  if (!id) return <>{fallback ?? '—'}</>;
  return (
    <Link to={`/clients/${id}`} onClick={(e) => e.stopPropagation()} title={client?.externalId ?? id}>
      {client?.name ?? fallback ?? id.substring(0, 8)}
    </Link>
  );
}

/** A select of clients (by billing id); "" is none. Past 500 clients, a text box takes the id. */
export function ClientSelect({
  value,
  onChange,
  blank = 'all clients',
  by = 'id',
  ...rest
}: {
  value: string | undefined;
  onChange: (v: string | undefined) => void;
  blank?: string;
  by?: 'id' | 'externalId';
  'aria-invalid'?: boolean;
}) {
  const directory = useClientDirectory();
  const clients: Client[] = directory.data?.items ?? [];
  const many = (directory.data?.total ?? 0) > clients.length;
  if (many) {
    return (
      <input
        value={value ?? ''}
        placeholder={by === 'id' ? 'client id' : 'external id'}
        onChange={(e) => onChange(e.target.value.trim() || undefined)}
        {...rest}
      />
    );
  }
  return (
    <select value={value ?? ''} onChange={(e) => onChange(e.target.value || undefined)} {...rest}>
      <option value="">{directory.isPending ? 'loading clients…' : blank}</option>
      {clients.map((c) => (
        <option key={c.id} value={(by === 'id' ? c.id : c.externalId) ?? ''}>
          {c.name} ({c.externalId})
        </option>
      ))}
    </select>
  );
}

/** A direct query shown as a panel of a view: so a table read on its own says "unavailable" the way view panels do. */
export function queryPanel<T>(query: UseQueryResult<T>, service: string): Panel<T> | undefined {
  if (query.isPending) return undefined;
  if (query.isError) {
    const e = query.error;
    return {
      status: 'unavailable',
      service,
      error: e instanceof Error ? e.message : String(e),
      serviceStatus: e instanceof ApiError ? e.status : undefined,
      tookMs: 0,
    };
  }
  return { status: 'ok', service, data: query.data, tookMs: 0 };
}
