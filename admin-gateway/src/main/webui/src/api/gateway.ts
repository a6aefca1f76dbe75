// The gateway's own answers: who the caller is, the aggregated views and the merged audit log. The services' types
// are generated (generated/*.ts); these few mirror the gateway's Java records (views/, audit/, platform security/).
import { getJson } from './http';
import type { components as Billing } from './generated/billing';

export type CallerIdentity = Billing['schemas']['CallerIdentity'];

export interface Panel<T = unknown> {
  status: 'ok' | 'unavailable';
  service: string;
  data?: T;
  error?: string;
  serviceStatus?: number;
  tookMs: number;
}

export interface View {
  panels: Record<string, Panel>;
  generatedAt: string;
}

export interface MergedAuditEntry {
  service: string;
  id: number;
  occurredAt: string;
  actor: string;
  actorType: 'user' | 'api_key' | 'system';
  action: string;
  table: string;
  recordId: string;
  oldValues?: Record<string, unknown> | null;
  newValues?: Record<string, unknown> | null;
}

export interface MergedAuditPage {
  items: MergedAuditEntry[];
  page: number;
  size: number;
  total: number;
  unavailable: string[];
}

export const whoami = () => getJson<CallerIdentity>('/api/v1/whoami');

export const view = (name: string, query?: Record<string, string | undefined>) => {
  const params = new URLSearchParams();
  Object.entries(query ?? {}).forEach(([k, v]) => v !== undefined && v !== '' && params.set(k, v));
  const q = params.toString();
  return getJson<View>(`/api/v1/views/${name}${q ? '?' + q : ''}`);
};

/** A panel's data with its type, as the owning service documents it. */
export function panel<T>(v: View | undefined, name: string): Panel<T> | undefined {
  return v?.panels[name] as Panel<T> | undefined;
}
