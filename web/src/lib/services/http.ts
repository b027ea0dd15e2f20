import type { ApiErrorBody } from '$lib/types';

export type RequestFunction = typeof fetch;

/** The API requires this header on cookie-authenticated writes: a cross-site form cannot set it (CSRF defence). */
export const consoleHeader = { 'x-requested-with': 'parley-console' } as const;

/** A failed API call, carrying the API's `{ error: { code, message, field } }`. */
export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
    readonly requestId?: string,
  ) {
    super(message);
    this.name = 'ApiRequestError';
  }
}

type Query = Record<string, string | number | boolean | null | undefined>;

export interface ApiRequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  query?: Query;
  /** A plain object is sent as JSON; FormData as multipart. */
  body?: unknown;
  signal?: AbortSignal;
}

let onUnauthenticated: ((path: string) => void) | undefined;

/** The console shell registers what to do when the session has ended (go to the login page). */
export function setUnauthenticatedHandler(handler: ((path: string) => void) | undefined): void {
  onUnauthenticated = handler;
}

/** Runs the shell's "session has ended" handler, e.g. when the live stream says it was signed out. */
export function reportUnauthenticated(path: string): void {
  onUnauthenticated?.(path);
}

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `${path}?${text}` : path;
}

export async function apiRequest<T>(request: RequestFunction, path: string, options: ApiRequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json' };
  if (method !== 'GET') Object.assign(headers, consoleHeader);
  let body: BodyInit | undefined;
  if (options.body instanceof FormData) {
    body = options.body;
  } else if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  let response: Response;
  try {
    response = await request(withQuery(path, options.query), { method, headers, body, signal: options.signal, credentials: 'same-origin' });
  } catch (error) {
    if ((error as Error)?.name === 'AbortError') throw error;
    throw new ApiRequestError(0, 'NETWORK', (error as Error)?.message || 'Network error');
  }
  const text = await response.text();
  let parsed: unknown = undefined;
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
  }
  if (!response.ok) {
    const error = (parsed as ApiErrorBody | undefined)?.error;
    if (response.status === 401 && onUnauthenticated && !path.startsWith('/auth/')) onUnauthenticated(path);
    throw new ApiRequestError(
      response.status,
      error?.code ?? `HTTP_${response.status}`,
      error?.message ?? response.statusText ?? 'Request failed',
      error?.field,
      error?.requestId,
    );
  }
  return parsed as T;
}

/** Single resources come bare, or wrapped in `payload`/`data` depending on the route; accept all three. */
export function unwrap<T>(body: unknown): T {
  if (body && typeof body === 'object') {
    const record = body as Record<string, unknown>;
    if ('payload' in record && record.payload && typeof record.payload === 'object' && !Array.isArray(record.payload)) return record.payload as T;
    if ('data' in record && record.data && typeof record.data === 'object' && !Array.isArray(record.data)) return record.data as T;
  }
  return body as T;
}

/** Lists come as `[…]`, `{ payload: […] }` or `{ data: […] }`. */
export function unwrapList<T>(body: unknown): T[] {
  if (Array.isArray(body)) return body as T[];
  if (body && typeof body === 'object') {
    const record = body as Record<string, unknown>;
    if (Array.isArray(record.payload)) return record.payload as T[];
    if (Array.isArray(record.data)) return record.data as T[];
  }
  return [];
}

export const accountPath = (accountId: number | string, rest: string) => `/api/v1/accounts/${accountId}${rest}`;
