import type { ReactNode } from 'react';
import type { FieldValues, Path, UseFormSetError } from 'react-hook-form';
import { ApiError } from '../api/http';

/** A labelled form field with its error, wired for screen readers. */
export function Field({ label, error, hint, children }: { label: string; error?: string; hint?: string; children: ReactNode }) {
  return (
    <label className={`field${error ? ' invalid' : ''}`}>
      <span>{label}</span>
      {children}
      {hint && !error ? <small>{hint}</small> : null}
      {error ? (
        <small role="alert" className="field-error">
          {error}
        </small>
      ) : null}
    </label>
  );
}

/**
 * Puts a 400's field errors on the form's fields (the server names them as JSON paths); returns what is left for
 * the form's own banner.
 */
export function applyServerErrors<T extends FieldValues>(error: unknown, fields: string[], setError: UseFormSetError<T>): string | undefined {
  if (!(error instanceof ApiError)) return error instanceof Error ? error.message : String(error);
  const rest: string[] = [];
  for (const e of error.problem.errors ?? []) {
    const field = fields.find((f) => e.field === f || e.field.startsWith(f + '.') || e.field.startsWith(f + '['));
    if (field) setError(field as Path<T>, { type: 'server', message: e.message });
    else rest.push(`${e.field}: ${e.message}`);
  }
  return rest.length || !error.problem.errors?.length ? [error.message, ...rest].join(' · ') : undefined;
}

export const TIME_ZONES: string[] = (() => {
  try {
    return (Intl as unknown as { supportedValuesOf: (k: string) => string[] }).supportedValuesOf('timeZone');
  } catch {
    return ['UTC'];
  }
})();
