// The meters, read once and shared by the screens that name them (usage explorer, margin, alerts, pricing).
import { useQuery } from '@tanstack/react-query';
import { metering, ok } from '../../api/http';
import type { MeteringSchemas } from '../../api/types';

export type Meter = MeteringSchemas['Meter'];

export function useMeters() {
  return useQuery({
    queryKey: ['meters'],
    queryFn: () => ok(metering.GET('/api/v1/meters')),
    staleTime: 5 * 60_000,
  });
}

/** Every dimension key any meter declares, sorted: the choices for "by dimension". */
export function dimensionKeys(meters: Meter[] | undefined): string[] {
  return [...new Set((meters ?? []).flatMap((m) => m.dimensions ?? []))].sort();
}
