// How the margin figures read: totals per currency, per-unit prices finer than the currency's cents, signed margins.
import type { MarginRow, ProjectionSchemas } from '../../api/types';
import { money, percent } from '../../ui/format';

export type MarginReport = ProjectionSchemas['MarginReport'];
export type UnitEconomicsRow = ProjectionSchemas['UnitEconomicsRow'];

/**
 * A report's totals over every group: the API sends one row when every figure is in one currency, else a list of one
 * row per currency; with no figures at all, one row of zeros without a currency (left out here).
 */
export function overallRows(report: MarginReport | undefined): MarginRow[] {
  const overall = report?.overall as MarginRow | MarginRow[] | undefined | null;
  if (!overall) return [];
  return (Array.isArray(overall) ? overall : [overall]).filter((r) => !!r.currency);
}

/** A price per unit: every decimal the API sends, where money() would round to the cent. */
export function unitMoney(amount: string | null | undefined, currency: string | null | undefined): string {
  if (amount === null || amount === undefined || amount === '') return '—';
  if (!currency) return amount;
  try {
    return new Intl.NumberFormat(undefined, { style: 'currency', currency, maximumFractionDigits: 12 }).format(amount as `${number}`);
  } catch {
    return `${amount} ${currency}`;
  }
}

/** A margin amount, red when it is a loss. */
export function SignedMoney({ amount, currency }: { amount: string | undefined; currency: string | undefined }) {
  return <span className={amount?.startsWith('-') ? 'down' : undefined}>{money(amount, currency)}</span>;
}

export function MarginPercent({ value }: { value: string | undefined }) {
  if (!value) return <span className="muted" title="No revenue">—</span>;
  return <span className={value.startsWith('-') ? 'down' : undefined}>{percent(value)}</span>;
}

/** The currencies of rows, in the order the API sent them. */
export function currenciesOf(rows: { currency?: string }[]): string[] {
  return [...new Set(rows.map((r) => r.currency ?? '').filter(Boolean))];
}
