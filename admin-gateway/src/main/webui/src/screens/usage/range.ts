// The usage explorer's time range: a preset relative to now (?range=7d) or whole UTC days (?from=&to=, inclusive).

export interface Range {
  from: string;
  to: string;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const instant = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

function startOfDay(now: Date, offset = 0): number {
  return Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + offset);
}

function startOfMonth(now: Date, offset = 0): number {
  return Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + offset, 1);
}

/** Presets end at a whole hour or day, so the query reads hourly rollups rather than raw events. */
export const PRESETS: [string, string, (now: Date) => Range][] = [
  ['24h', 'Last 24 hours', (now) => {
    const end = Math.ceil(now.getTime() / HOUR) * HOUR;
    return { from: instant(end - DAY), to: instant(end) };
  }],
  ['7d', 'Last 7 days', (now) => ({ from: instant(startOfDay(now, -6)), to: instant(startOfDay(now, 1)) })],
  ['30d', 'Last 30 days', (now) => ({ from: instant(startOfDay(now, -29)), to: instant(startOfDay(now, 1)) })],
  ['90d', 'Last 90 days', (now) => ({ from: instant(startOfDay(now, -89)), to: instant(startOfDay(now, 1)) })],
  ['month', 'This month', (now) => ({ from: instant(startOfMonth(now)), to: instant(startOfMonth(now, 1)) })],
  ['last-month', 'Last month', (now) => ({ from: instant(startOfMonth(now, -1)), to: instant(startOfMonth(now)) })],
  ['12m', 'Last 12 months', (now) => ({ from: instant(startOfMonth(now, -11)), to: instant(startOfMonth(now, 1)) })],
];

export const DEFAULT_PRESET = '30d';
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The range the URL names: custom days when both are given, else a preset (by default the last 30 days). */
export function readRange(preset: string | undefined, from: string | undefined, to: string | undefined): Range & { preset?: string } {
  if (from && to && DATE.test(from) && DATE.test(to)) {
    const end = new Date(`${to}T00:00:00Z`).getTime() + DAY;
    return { from: `${from}T00:00:00Z`, to: instant(end) };
  }
  const p = PRESETS.find(([k]) => k === preset) ?? PRESETS.find(([k]) => k === DEFAULT_PRESET)!;
  return { ...p[2](new Date()), preset: p[0] };
}

/** The range's days for the date inputs: its first and its last (inclusive). */
export function days(r: Range): { from: string; to: string } {
  return { from: r.from.substring(0, 10), to: new Date(new Date(r.to).getTime() - 1).toISOString().substring(0, 10) };
}

export function rangeError(r: Range, granularity: string | undefined): string | undefined {
  const span = new Date(r.to).getTime() - new Date(r.from).getTime();
  if (!(span > 0)) return 'The first day must not be after the last.';
  if (span > 1100 * DAY) return 'A query covers at most 1,100 days.';
  if (granularity === 'HOUR' && span > 93 * DAY) return 'Hourly usage covers at most 93 days: choose days or months.';
  return undefined;
}
