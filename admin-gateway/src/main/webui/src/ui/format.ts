// Money per currency, numbers per locale, times in the viewer's time zone; periods in the client's.

/** An exact decimal amount (as the API sends it, a string) in its currency, never through a double. */
export function money(amount: string | null | undefined, currency: string | null | undefined): string {
  if (amount === null || amount === undefined || amount === '') return '—';
  if (!currency) return amount;
  try {
    // Intl formats a decimal string exactly (ECMA-402 v3); the type names it a StringNumericLiteral.
    return new Intl.NumberFormat(undefined, { style: 'currency', currency }).format(amount as `${number}`);
  } catch {
    return `${amount} ${currency}`;
  }
}

export function quantity(value: string | number | null | undefined, maxDigits = 4): string {
  if (value === null || value === undefined || value === '') return '—';
  return new Intl.NumberFormat(undefined, { maximumFractionDigits: maxDigits }).format(value as `${number}`);
}

export function percent(value: string | number | null | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  return quantity(value, 1) + ' %';
}

const dateTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** An instant in the viewer's own time zone. */
export function dateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  return dateTimeFormat.format(new Date(iso));
}

export function date(iso: string | null | undefined, timeZone?: string): string {
  if (!iso) return '—';
  return new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone }).format(new Date(iso));
}

/** A billing period [start, end) as the client sees it, in the client's time zone, which is named. */
export function period(start: string | null | undefined, end: string | null | undefined, timeZone?: string): string {
  if (!start) return '—';
  const from = date(start, timeZone);
  const last = end ? date(new Date(new Date(end).getTime() - 1).toISOString(), timeZone) : '…';
  return `${from} – ${last}${timeZone ? ` (${timeZone})` : ''}`;
}

export function viewerTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

export const yesNo = (v: boolean | undefined) => (v === undefined ? '—' : v ? 'yes' : 'no');
