import type { Handle } from '@sveltejs/kit/hooks';
import { isApiPath, proxyToApi } from '$lib/server/api-proxy';
import { sessionCookieName } from '../../core/auth/session-cookie';

const defaultApiUrl = 'http://127.0.0.1:3001';

/** Read per request from the process environment, so one build serves any deployment. */
function apiUrl(): string {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  return env?.API_URL || defaultApiUrl;
}

/**
 * The browser only ever talks to the console's own origin; `/api/*`, `/auth/*` and `/public/*` are
 * forwarded to the Hono API (env API_URL), so its httpOnly session cookie works same-origin and no
 * CORS is needed. Everything else is SvelteKit's.
 */
/** The widget page is embedded in an iframe on customers' sites, so it alone may be framed by anyone. */
const isFramablePage = (pathname: string) => pathname === '/widget' || pathname.startsWith('/widget/');

/** Keeps the page policy from vite.config.ts, lifting its `frame-ancestors 'none'` only where framing is the point. */
function withFramingPolicy(pathname: string, response: Response): Response {
  if (isFramablePage(pathname)) {
    const policy = response.headers.get('content-security-policy');
    if (policy) {
      const kept = policy.split(';').map((directive) => directive.trim()).filter((directive) => directive && !directive.startsWith('frame-ancestors'));
      response.headers.set('content-security-policy', kept.join('; '));
    }
  } else {
    // For browsers that predate frame-ancestors.
    response.headers.set('x-frame-options', 'DENY');
  }
  return response;
}

export const handle: Handle = async ({ event, resolve }) => {
  if (isApiPath(event.url.pathname)) {
    let clientAddress = '';
    try {
      clientAddress = event.getClientAddress();
    } catch {
      clientAddress = '127.0.0.1';
    }
    return proxyToApi({ request: event.request, url: event.url, clientAddress, apiUrl: apiUrl() });
  }
  if (needsSignIn(event.url.pathname) && !event.cookies.get(sessionCookieName)) {
    // Straight to sign-in, rather than loading the console to have its first API call answer 401.
    return new Response(null, { status: 307, headers: { location: `/login?next=${encodeURIComponent(event.url.pathname + event.url.search)}` } });
  }
  return withFramingPolicy(event.url.pathname, await resolve(event));
};

/** Console pages; an invitation link opens signed out and offers sign-in itself. */
const needsSignIn = (pathname: string) => (pathname === '/app' || pathname.startsWith('/app/')) && !pathname.startsWith('/app/invitations/');
