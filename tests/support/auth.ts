import { apiClient, testPassword, type RequestTarget } from './stack.js';

/**
 * POST /auth/sign_in as `user`, from the client `headers` describe: its address (X-Forwarded-For,
 * one per test file, since rate limits count per address) and, for the console, X-Requested-With.
 */
export function signInRequest(app: RequestTarget, user: { email: string }, headers: Record<string, string>, password = testPassword) {
  return apiClient(app, undefined, headers).post('/auth/sign_in', { email: user.email, password });
}

/** The session cookie a console sign-in set, ready for a Cookie header. */
export function sessionCookieOf(signIn: { headers: Headers }) {
  const setCookie = signIn.headers.get('set-cookie');
  if (!setCookie) throw new Error('The sign-in set no cookie');
  return setCookie.split(';')[0];
}
