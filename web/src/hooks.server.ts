import type { Handle } from '@sveltejs/kit/hooks';
import { isApiPath, proxyToApi } from '$lib/server/api-proxy';

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
  return resolve(event);
};
