// Short names for the services' generated schemas, as the screens use them.
import type { components as B } from './generated/billing';
import type { components as M } from './generated/metering';
import type { components as P } from './generated/pricing';
import type { components as J } from './generated/projection';

export type BillingSchemas = B['schemas'];
export type MeteringSchemas = M['schemas'];
export type PricingSchemas = P['schemas'];
export type ProjectionSchemas = J['schemas'];

export type Client = B['schemas']['Client'];
export type ClientRequest = B['schemas']['ClientRequest'];
export type BillingRun = B['schemas']['BillingRun'];
export type Asset = M['schemas']['Asset'];
export type Dashboard = J['schemas']['Dashboard'];
export type MarginRow = J['schemas']['MarginRow'];

/** A readiness answer (SmallRye Health). */
export interface Readiness {
  status: 'UP' | 'DOWN';
  checks?: { name: string; status: 'UP' | 'DOWN'; data?: Record<string, unknown> }[];
}

export interface PageOf<T> {
  items?: T[];
  page?: number;
  size?: number;
  total?: number;
}
