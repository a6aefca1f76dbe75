import { useEffect, useRef } from 'react';
import { NavLink, Outlet, useNavigate } from 'react-router';
import { useSession } from '../api/session';
import { viewerTimeZone } from './format';

export const NAV: { path: string; label: string; key: string }[] = [
  { path: '/', label: 'Dashboard', key: 'd' },
  { path: '/margin', label: 'Margin', key: 'm' },
  { path: '/clients', label: 'Clients', key: 'c' },
  { path: '/assets', label: 'Assets', key: 'a' },
  { path: '/buckets', label: 'Buckets', key: 'b' },
  { path: '/readings', label: 'Billing readings', key: 'r' },
  { path: '/invoices', label: 'Invoices', key: 'i' },
  { path: '/projections', label: 'Projections', key: 'p' },
  { path: '/over-under', label: 'Over/Under', key: 'o' },
  { path: '/usage', label: 'Usage explorer', key: 'u' },
  { path: '/alerts', label: 'Alerts', key: 'l' },
  { path: '/pricing', label: 'Pricing', key: 'n' },
  { path: '/settings', label: 'Settings', key: 's' },
];

/**
 * The frame of every screen. Keyboard: "/" goes to the screen's search box; "g" then a screen's letter (shown in
 * the menu) opens that screen.
 */
export function Layout() {
  const { identity, canChange } = useSession();
  const navigate = useNavigate();
  const pendingG = useRef(false);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement;
      if (e.ctrlKey || e.metaKey || e.altKey || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName)) return;
      if (e.key === '/') {
        const search = document.querySelector<HTMLInputElement>('input[type=search]');
        if (search) {
          e.preventDefault();
          search.focus();
        }
      } else if (pendingG.current) {
        pendingG.current = false;
        const item = NAV.find((n) => n.key === e.key);
        if (item) navigate(item.path);
      } else if (e.key === 'g') {
        pendingG.current = true;
        window.setTimeout(() => (pendingG.current = false), 1500);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [navigate]);
  return (
    <div className="shell">
      <a className="skip" href="#main">
        Skip to content
      </a>
      <nav className="sidebar" aria-label="Screens">
        <div className="brand">Meterline</div>
        <ul>
          {NAV.map((item) => (
            <li key={item.path}>
              <NavLink to={item.path} end={item.path === '/'}>
                {item.label}
                <kbd aria-label={`g then ${item.key}`}>{item.key}</kbd>
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <div className="main-col">
        <header className="topbar">
          <span className="tz" title="Times are shown in your time zone; billing periods in each client's.">
            {viewerTimeZone()}
          </span>
          <span className="who">
            {identity.name} · {(identity.roles ?? []).join(', ')}
            {canChange ? null : <span className="badge">read-only</span>}
          </span>
          <a href="/logout">Log out</a>
        </header>
        <main id="main" tabIndex={-1}>
          <Outlet />
        </main>
      </div>
    </div>
  );
}

export function PageTitle({ title, children }: { title: string; children?: React.ReactNode }) {
  useEffect(() => {
    document.title = `${title} · Meterline`;
  }, [title]);
  return (
    <div className="page-title">
      <h1>{title}</h1>
      <div className="actions">{children}</div>
    </div>
  );
}
