// Price plans and cost-rate plans share one shape and one set of endpoints, under two paths.
import { useQuery } from '@tanstack/react-query';
import { ok, pricing } from '../../api/http';
import type { PricingSchemas } from '../../api/types';

export type PlanKind = 'price' | 'cost';
export type Plan = PricingSchemas['Plan'];
export type PlanRequest = PricingSchemas['PlanRequest'];
export type PlanVersion = PricingSchemas['PlanVersion'];
export type ChargeSpec = PricingSchemas['ChargeSpec'];
export type PriceSpec = PricingSchemas['PriceSpec'];

export const planKind = (k: string | null | undefined): PlanKind => (k === 'cost' ? 'cost' : 'price');
export const planLabel = (k: PlanKind) => (k === 'price' ? 'price plan' : 'cost-rate plan');

export interface PlanQuery {
  page?: number;
  size?: number;
  sort?: string;
  client?: string;
}

export const listPlans = (kind: PlanKind, query: PlanQuery) =>
  kind === 'price'
    ? ok(pricing.GET('/api/v1/price-plans', { params: { query } }))
    : ok(pricing.GET('/api/v1/cost-rates', { params: { query } }));

export const getPlan = (kind: PlanKind, id: string) =>
  kind === 'price'
    ? ok(pricing.GET('/api/v1/price-plans/{id}', { params: { path: { id } } }))
    : ok(pricing.GET('/api/v1/cost-rates/{id}', { params: { path: { id } } }));

/** 201 with the plan (the OpenAPI document does not name the body, so it is typed here). */
export const createPlan = (kind: PlanKind, body: PlanRequest) =>
  (kind === 'price'
    ? ok(pricing.POST('/api/v1/price-plans', { body }))
    : ok(pricing.POST('/api/v1/cost-rates', { body }))) as unknown as Promise<Plan>;

export const replaceDraft = (kind: PlanKind, id: string, body: PlanRequest) =>
  kind === 'price'
    ? ok(pricing.PUT('/api/v1/price-plans/{id}', { params: { path: { id } }, body }))
    : ok(pricing.PUT('/api/v1/cost-rates/{id}', { params: { path: { id } }, body }));

export const publishDraft = (kind: PlanKind, id: string, effectiveFrom: string | undefined) => {
  const init = { params: { path: { id } }, body: { effectiveFrom } };
  return (kind === 'price'
    ? ok(pricing.POST('/api/v1/price-plans/{id}/publish', init))
    : ok(pricing.POST('/api/v1/cost-rates/{id}/publish', init))) as unknown as Promise<PlanVersion>;
};

export const listVersions = (kind: PlanKind, id: string) =>
  kind === 'price'
    ? ok(pricing.GET('/api/v1/price-plans/{id}/versions', { params: { path: { id } } }))
    : ok(pricing.GET('/api/v1/cost-rates/{id}/versions', { params: { path: { id } } }));

export const getVersion = (kind: PlanKind, id: string, version: number) =>
  kind === 'price'
    ? ok(pricing.GET('/api/v1/price-plans/{id}/versions/{version}', { params: { path: { id, version } } }))
    : ok(pricing.GET('/api/v1/cost-rates/{id}/versions/{version}', { params: { path: { id, version } } }));

/** The first 500 price plans by name: to name plans in discounts and backtests, and to pick one. */
export function usePricePlanDirectory() {
  return useQuery({
    queryKey: ['plans', 'price', 'directory'],
    queryFn: () => listPlans('price', { size: 500, sort: 'name' }),
    staleTime: 60_000,
  });
}

/** The version in effect now: the latest effectiveFrom not after now. */
export function versionInEffect(versions: { version?: number; effectiveFrom?: string }[] | undefined): number | undefined {
  const now = Date.now();
  return (versions ?? [])
    .filter((v) => v.effectiveFrom && new Date(v.effectiveFrom).getTime() <= now)
    .sort((a, b) => new Date(b.effectiveFrom!).getTime() - new Date(a.effectiveFrom!).getTime())[0]?.version;
}
