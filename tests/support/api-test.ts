import { test } from 'vitest';
import { apiClient, createTestAccount, startTestStack } from './stack.js';

/**
 * `it` for API test files: each file gets one stack, one fresh account and its administrator's
 * client, set up on first use and closed after the file. `otherAccount` (a second account, for
 * cross-account checks) is only created by the files that ask for it.
 *
 *   const it = apiTest({ worker: false });
 *   it('…', async ({ stack, account, client, base }) => { … });
 */
export function apiTest(options: Pick<NonNullable<Parameters<typeof startTestStack>[0]>, 'worker' | 'webhooks' | 'csatSurveyValidityMs'> = {}) {
  return test
    .extend('stack', { scope: 'file' }, async ({}, { onCleanup }) => {
      const stack = await startTestStack(options);
      onCleanup(() => stack.close());
      return stack;
    })
    .extend('account', { scope: 'file' }, async ({ stack }) => createTestAccount(stack))
    .extend('otherAccount', { scope: 'file' }, async ({ stack }) => createTestAccount(stack))
    .extend('client', { scope: 'file' }, async ({ stack, account }) => apiClient(stack, account.admin.token))
    .extend('base', { scope: 'file' }, async ({ account }) => `/api/v1/accounts/${account.account.id}`);
}
