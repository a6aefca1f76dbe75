import type { ReactNode } from 'react';
import { ApiError } from '../api/http';
import type { Panel } from '../api/gateway';

export function Loading({ what }: { what?: string }) {
  return (
    <div className="state loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" /> Loading{what ? ` ${what}` : ''}…
    </div>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <div className="state empty">{children}</div>;
}

/** The fields a problem+json answer named, each with what was wrong with it. */
export function FieldErrors({ error }: { error: unknown }) {
  if (!(error instanceof ApiError) || !error.problem.errors?.length) return null;
  return (
    <ul>
      {error.problem.errors.map((e) => (
        <li key={e.field}>
          <code>{e.field}</code>: {e.message}
        </li>
      ))}
    </ul>
  );
}

export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const message = error instanceof ApiError ? error.message : error instanceof Error ? error.message : String(error);
  const status = error instanceof ApiError ? error.status : undefined;
  return (
    <div className="state error" role="alert">
      <strong>{status === 403 ? 'Not allowed' : 'Could not load this'}</strong>
      <span>{message}</span>
      <FieldErrors error={error} />
      {onRetry ? (
        <button type="button" onClick={onRetry}>
          Try again
        </button>
      ) : null}
    </div>
  );
}

/** A card for one panel of an aggregated view: its content, or why its service could not be read. */
export function PanelCard<T>({
  title,
  panel,
  loading,
  children,
  className,
}: {
  title: string;
  panel: Panel<T> | undefined;
  loading?: boolean;
  children: (data: T) => ReactNode;
  className?: string;
}) {
  return (
    <section className={`card ${className ?? ''}`} aria-label={title} data-panel-status={panel?.status ?? 'loading'}>
      <h2>{title}</h2>
      {loading || !panel ? (
        <Loading />
      ) : panel.status === 'ok' && panel.data !== undefined ? (
        children(panel.data)
      ) : (
        <div className="state unavailable" role="alert">
          <strong>{panel.service} is unavailable</strong>
          <span>{panel.error}</span>
        </div>
      )}
    </section>
  );
}
