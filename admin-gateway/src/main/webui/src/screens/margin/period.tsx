// A window of whole UTC days, [from, to] inclusive in the URL, sent to the API as instants [from, to + 1 day).
// Margin groups periods by the UTC month they start in, so the presets are whole UTC months.

export interface Window {
  /** YYYY-MM-DD, the first day. */
  from: string;
  /** YYYY-MM-DD, the last day (inclusive). */
  to: string;
}

const day = (d: Date) => d.toISOString().substring(0, 10);

function monthStart(offset: number, now = new Date()): string {
  return day(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + offset, 1)));
}

function monthEnd(offset: number, now = new Date()): string {
  return day(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + offset + 1, 0)));
}

export const PRESETS: [string, string, () => Window][] = [
  ['month', 'This month', () => ({ from: monthStart(0), to: monthEnd(0) })],
  ['last-month', 'Last month', () => ({ from: monthStart(-1), to: monthEnd(-1) })],
  ['3m', 'Last 3 months', () => ({ from: monthStart(-2), to: monthEnd(0) })],
  ['6m', 'Last 6 months', () => ({ from: monthStart(-5), to: monthEnd(0) })],
  ['12m', 'Last 12 months', () => ({ from: monthStart(-11), to: monthEnd(0) })],
  ['ytd', 'Year to date', () => ({ from: `${new Date().getUTCFullYear()}-01-01`, to: monthEnd(0) })],
  [
    'last-year',
    'Last year',
    () => ({ from: `${new Date().getUTCFullYear() - 1}-01-01`, to: `${new Date().getUTCFullYear() - 1}-12-31` }),
  ],
];

/** The default: the last three months to the end of this one, as the gateway's margin view takes it. */
export const defaultWindow = () => PRESETS[2][2]();

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function readWindow(from: string | undefined, to: string | undefined): Window {
  const d = defaultWindow();
  return { from: from && DATE.test(from) ? from : d.from, to: to && DATE.test(to) ? to : d.to };
}

/** The API's instants for a window: from its first day's start to the start of the day after its last. */
export function instants(w: Window): { from: string; to: string } {
  const end = new Date(`${w.to}T00:00:00Z`);
  end.setUTCDate(end.getUTCDate() + 1);
  return { from: `${w.from}T00:00:00Z`, to: end.toISOString().replace('.000Z', 'Z') };
}

/** Why the window cannot be asked for, if it cannot. */
export function windowError(w: Window): string | undefined {
  if (w.from > w.to) return 'The first day must not be after the last.';
  const month = (d: string) => Number(d.substring(0, 4)) * 12 + Number(d.substring(5, 7));
  const months = month(w.to) - month(w.from);
  return months >= 36 ? 'A window covers at most 36 months.' : undefined;
}

export function PeriodPicker({ value, onChange }: { value: Window; onChange: (w: Window) => void }) {
  const preset = PRESETS.find(([, , make]) => {
    const w = make();
    return w.from === value.from && w.to === value.to;
  });
  return (
    <>
      <label className="filter">
        <span>Period</span>
        <select
          value={preset?.[0] ?? 'custom'}
          onChange={(e) => {
            const p = PRESETS.find(([k]) => k === e.target.value);
            if (p) onChange(p[2]());
          }}
        >
          {PRESETS.map(([k, text]) => (
            <option key={k} value={k}>
              {text}
            </option>
          ))}
          <option value="custom" disabled>
            Custom
          </option>
        </select>
      </label>
      <label className="filter">
        <span>From (UTC)</span>
        <input type="date" value={value.from} max={value.to} onChange={(e) => e.target.value && onChange({ ...value, from: e.target.value })} />
      </label>
      <label className="filter">
        <span>To, inclusive (UTC)</span>
        <input type="date" value={value.to} min={value.from} onChange={(e) => e.target.value && onChange({ ...value, to: e.target.value })} />
      </label>
    </>
  );
}
