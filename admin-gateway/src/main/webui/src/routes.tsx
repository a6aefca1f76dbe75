import { lazy, Suspense, type ComponentType } from 'react';
import type { RouteObject } from 'react-router';
import { Loading } from './ui/states';

// Each screen loads when first opened: the dashboard's first paint carries only what it needs.
function screen(load: () => Promise<{ default: ComponentType }>) {
  const Screen = lazy(load);
  return (
    <Suspense fallback={<Loading />}>
      <Screen />
    </Suspense>
  );
}

export const routes: RouteObject[] = [
  { index: true, element: screen(() => import('./screens/Dashboard')) },
  { path: 'clients', element: screen(() => import('./screens/clients/ClientList')) },
  { path: 'clients/new', element: screen(() => import('./screens/clients/ClientForm')) },
  { path: 'clients/:id', element: screen(() => import('./screens/clients/ClientPage')) },
  { path: 'clients/:id/edit', element: screen(() => import('./screens/clients/ClientForm')) },
  { path: 'assets', element: screen(() => import('./screens/assets/Assets')) },
  { path: 'buckets', element: screen(() => import('./screens/buckets/Buckets')) },
  { path: 'buckets/new', element: screen(() => import('./screens/buckets/BucketForm')) },
  { path: 'buckets/:id/edit', element: screen(() => import('./screens/buckets/BucketForm')) },
  { path: 'readings', element: screen(() => import('./screens/readings/Readings')) },
  { path: 'invoices', element: screen(() => import('./screens/invoices/Invoices')) },
  { path: 'invoices/:id', element: screen(() => import('./screens/invoices/InvoicePage')) },
  { path: 'projections', element: screen(() => import('./screens/projections/Projections')) },
  { path: 'margin', element: screen(() => import('./screens/margin/Margin')) },
  { path: 'over-under', element: screen(() => import('./screens/overunder/OverUnder')) },
  { path: 'usage', element: screen(() => import('./screens/usage/UsageExplorer')) },
  { path: 'alerts', element: screen(() => import('./screens/alerts/Alerts')) },
  { path: 'alerts/rules/:id', element: screen(() => import('./screens/alerts/AlertRulePage')) },
  { path: 'pricing', element: screen(() => import('./screens/pricing/Pricing')) },
  { path: 'pricing/plans/:id', element: screen(() => import('./screens/pricing/PlanPage')) },
  { path: 'settings', element: screen(() => import('./screens/settings/Settings')) },
  { path: '*', element: screen(() => import('./screens/NotFound')) },
];
