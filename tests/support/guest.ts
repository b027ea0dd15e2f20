import { expect } from 'vitest';
import { apiClient, type RequestTarget } from './stack.js';

export const portalPath = (accountId: number, rest = '') => `/public/api/v1/portal/${accountId}${rest}`;

/** Signs a guest in to the account's portal and returns a client carrying their cookie (and the portal's CSRF header). */
export async function signInGuest(stack: RequestTarget, input: { accountId: number; email: string; password: string; address: string }) {
  const response = await stack.app.request(portalPath(input.accountId, '/sign_in'), {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': input.address },
    body: JSON.stringify({ email: input.email, password: input.password }),
  });
  expect(response.status).toBe(200);
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith('parley_guest_session='))!.split(';')[0];
  return { cookie, profile: await response.json(), client: apiClient(stack, undefined, { cookie, 'x-requested-with': 'parley-portal', 'x-forwarded-for': input.address }) };
}

export type GuestClient = Awaited<ReturnType<typeof signInGuest>>['client'];
