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
  { path: '*', element: screen(() => import('./screens/NotFound')) },
];
