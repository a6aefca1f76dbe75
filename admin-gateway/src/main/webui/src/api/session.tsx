import { createContext, useContext, type ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import { whoami, type CallerIdentity } from './gateway';
import { Loading, ErrorState } from '../ui/states';

interface Session {
  identity: CallerIdentity;
  /** Admins and operators change things; viewers see everything and change nothing. */
  canChange: boolean;
  isAdmin: boolean;
  /** Whether the caller holds one of these roles: show a control only to the roles its endpoint allows. */
  hasRole: (...roles: string[]) => boolean;
}

const SessionContext = createContext<Session | null>(null);

/** Holds the console until the gateway says who is logged in (a 401 sends the browser to the login). */
export function SessionProvider({ children }: { children: ReactNode }) {
  const query = useQuery({ queryKey: ['whoami'], queryFn: whoami, staleTime: 5 * 60_000, retry: false });
  if (query.isPending) return <Loading what="your session" />;
  if (query.isError) return <ErrorState error={query.error} />;
  const roles = query.data.roles ?? [];
  const session: Session = {
    identity: query.data,
    isAdmin: roles.includes('admin'),
    canChange: roles.includes('admin') || roles.includes('operator'),
    hasRole: (...wanted) => wanted.some((r) => roles.includes(r)),
  };
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}
