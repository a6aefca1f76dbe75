// One way to call the API from the console: typed clients per service (generated from their OpenAPI documents),
// all through the gateway's one origin, with the session cookie, the CSRF header on changes, and problem+json errors.
import createClient, { type Middleware } from 'openapi-fetch';
import type { paths as BillingPaths } from './generated/billing';
import type { paths as MeteringPaths } from './generated/metering';
import type { paths as PricingPaths } from './generated/pricing';
import type { paths as ProjectionPaths } from './generated/projection';

export const CSRF_COOKIE = 'meterline-csrf';
export const CSRF_HEADER = 'X-CSRF-Token';

/** A problem+json answer (RFC 9457), as every Meterline service writes it. */
export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  errors?: { field: string; message: string }[];
}

export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;

  constructor(status: number, problem: Problem | undefined) {
    super(problem?.detail ?? problem?.title ?? `The server answered ${status}`);
    this.status = status;
    this.problem = problem ?? { status };
  }

  /** The message for a field of a form, if the server named one. */
  fieldError(field: string): string | undefined {
    return this.problem.errors?.find((e) => e.field === field)?.message;
  }
}

export function cookie(name: string): string | undefined {
  return document.cookie
    .split('; ')
    .find((c) => c.startsWith(name + '='))
    ?.substring(name.length + 1);
}

/** Sends the browser to the login, coming back to where it was. */
export function login(): void {
  const here = window.location.pathname + window.location.search;
  window.location.assign('/login?next=' + encodeURIComponent(here));
}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

const session: Middleware = {
  onRequest({ request }) {
    if (!SAFE.has(request.method)) {
      const token = cookie(CSRF_COOKIE);
      if (token) request.headers.set(CSRF_HEADER, token);
    }
    return request;
  },
  onResponse({ response }) {
    if (response.status === 401) login();
    return response;
  },
};

function client<Paths extends {}>() {
  const c = createClient<Paths>({ baseUrl: window.location.origin, credentials: 'same-origin' });
  c.use(session);
  return c;
}

export const metering = client<MeteringPaths>();
export const pricing = client<PricingPaths>();
export const billing = client<BillingPaths>();
export const projection = client<ProjectionPaths>();

/** The data of an openapi-fetch answer, or an ApiError with the server's problem. */
export async function ok<R extends { data?: unknown; error?: unknown; response: Response }>(
  call: Promise<R>,
): Promise<NonNullable<R['data']>> {
  const { data, error, response } = await call;
  if (!response.ok || error !== undefined) {
    throw new ApiError(response.status, error as Problem | undefined);
  }
  return data as NonNullable<R['data']>;
}

/** For the gateway's own endpoints (whoami, views, merged audit), whose types live in gateway.ts. */
export async function getJson<T>(path: string): Promise<T> {
  const response = await fetch(path, { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
  if (response.status === 401) login();
  if (!response.ok) {
    let problem: Problem | undefined;
    try {
      problem = (await response.json()) as Problem;
    } catch {
      problem = undefined;
    }
    throw new ApiError(response.status, problem);
  }
  return (await response.json()) as T;
}
