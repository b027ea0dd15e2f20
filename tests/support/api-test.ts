import { test } from 'vitest';
import { createMailer } from '../../core/services/mail/mailer.js';
import { startMailbox } from './mailbox.js';
import { apiClient, createTestAccount, startTestStack } from './stack.js';

/**
 * `it` for API test files: each file gets one stack, one fresh account and its administrator's
 * client, set up on first use and closed after the file. `otherAccount` (a second account, for
 * cross-account checks) is only created by the files that ask for it.
 *
 *   const it = apiTest({ worker: false });
 *   it('…', async ({ stack, account, client, base }) => { … });
 */
export function apiTest(
  options: Pick<NonNullable<Parameters<typeof startTestStack>[0]>, 'worker' | 'webhooks' | 'csatSurveyValidityMs' | 'notificationDigestDelayMs'> & {
    /** System mail (the notification digest) goes to a mail sink the test reads as `mailbox`. */
    mail?: boolean;
  } = {},
) {
  const { mail, ...stackOptions } = options;
  return test
    .extend('mailbox', { scope: 'file' }, async ({}, { onCleanup }) => {
      if (!mail) return null;
      const mailbox = await startMailbox();
      onCleanup(() => mailbox.close());
      return mailbox;
    })
    .extend('stack', { scope: 'file' }, async ({ mailbox }, { onCleanup }) => {
      const mailer = mailbox ? createMailer({ smtpUrl: mailbox.url, from: 'Parley <no-reply@parley.test>' }) : undefined;
      const stack = await startTestStack({ ...stackOptions, mailer });
      onCleanup(() => stack.close());
      return stack;
    })
    .extend('account', { scope: 'file' }, async ({ stack }) => createTestAccount(stack))
    .extend('otherAccount', { scope: 'file' }, async ({ stack }) => createTestAccount(stack))
    .extend('client', { scope: 'file' }, async ({ stack, account }) => apiClient(stack, account.admin.token))
    .extend('base', { scope: 'file' }, async ({ account }) => `/api/v1/accounts/${account.account.id}`);
}
