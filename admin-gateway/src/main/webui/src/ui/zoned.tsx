// Wall-clock times in a client's time zone: a period is the client's, whoever looks at it.
import { period } from './format';

/** How far the time zone is ahead of UTC at an instant, in ms. */
function offsetMs(t: number, timeZone: string): number {
  const parts: Record<string, string> = {};
  new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  })
    .formatToParts(new Date(t))
    .forEach((p) => (parts[p.type] = p.value));
  const asUtc = Date.UTC(+parts.year, +parts.month - 1, +parts.day, +parts.hour, +parts.minute, +parts.second);
  return asUtc - Math.floor(t / 1000) * 1000;
}

/** An instant as a datetime-local value (YYYY-MM-DDTHH:mm) on the wall clock of a time zone. */
export function toZonedInput(iso: string | undefined, timeZone: string): string {
  if (!iso) return '';
  const t = Date.parse(iso);
  return new Date(t + offsetMs(t, timeZone)).toISOString().substring(0, 16);
}

/** A datetime-local value read on the wall clock of a time zone, as an instant. */
export function fromZonedInput(local: string, timeZone: string): string {
  const guess = Date.parse(`${local.substring(0, 16)}:00Z`);
  let t = guess - offsetMs(guess, timeZone);
  t = guess - offsetMs(t, timeZone); // once more, in case the first guess crossed a DST change
  return new Date(t).toISOString().replace('.000Z', 'Z');
}

/** A billing period in the client's time zone; the zone's name, long and the same on every row, goes in the tooltip. */
export function PeriodCell({ start, end, timeZone }: { start?: string; end?: string; timeZone?: string }) {
  const text = period(start, end, timeZone).replace(/ \([^)]*\)$/, '');
  return <span title={timeZone ? `In the client's time zone, ${timeZone}` : undefined}>{text}</span>;
}
