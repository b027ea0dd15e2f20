import { randomUUID } from 'node:crypto';
import { describe, expect } from 'vitest';
import { insertContact } from '../../db/queries/contacts.js';
import { outboundWorkflowId } from '../../workflows/outbound/definitions.js';
import { browserTest } from '../support/browser-test.js';
import { startTestSmtpServer } from '../support/smtp.js';

const it = browserTest();

describe('an agent interrupts an email reply in its window', () => {
  it('sees the clock, interrupts, finds the text back in the reply box, and nothing is mailed', async ({ stack, account, client: admin, base, web, signedInPage }) => {
    const smtp = await startTestSmtpServer();
    try {
      const suffix = randomUUID().slice(0, 8);
      const inbox = await admin.post(`${base}/inboxes`, {
        name: 'Mail',
        channel: { type: 'email', email: `help-${suffix}@shop.example`, smtp_address: smtp.host, smtp_port: smtp.port },
      });
      expect(inbox.body.send_window_seconds).toBe(30);
      await admin.post(`${base}/inbox_members`, { inbox_id: inbox.body.id, user_ids: [account.agent.id] });
      const contact = await insertContact(stack.db, { accountId: account.account.id, name: 'Erin Email', email: `erin-${suffix}@customer.example` });
      const displayId: number = (await admin.post(`${base}/conversations`, { inbox_id: inbox.body.id, contact_id: contact.id, additional_attributes: { mail_subject: 'Refund' } })).body.id;

      const page = await signedInPage(account.agent);
      await page.goto(`${web.origin}/app/accounts/${account.account.id}/conversations/${displayId}`);
      await page.getByTestId('conversation-view').waitFor();
      await page.getByTestId('reply-input').fill('Your refund was sent to the wrong account');
      await page.getByTestId('reply-input').press('Enter');

      const reply = page.getByTestId('message').filter({ hasText: 'Your refund was sent to the wrong account' });
      await expect.poll(() => reply.getAttribute('data-status'), { timeout: 15_000 }).toBe('scheduled');
      expect(await reply.getByTestId('message-countdown').textContent()).toMatch(/Sends in \d+ s/);
      expect(await page.getByTestId('reply-input').inputValue()).toBe('');

      await reply.getByTestId('message-interrupt').click();
      await expect.poll(() => reply.getAttribute('data-status'), { timeout: 15_000 }).toBe('interrupted');
      // The live event may mark it interrupted a moment before the interrupt's own answer puts the text back.
      await expect.poll(() => page.getByTestId('reply-input').inputValue(), { timeout: 15_000 }).toBe('Your refund was sent to the wrong account');

      const messageId = Number(await reply.getAttribute('data-message-id'));
      expect(await stack.temporal.workflow.getHandle(outboundWorkflowId(messageId)).result()).toBe('interrupted');
      expect(smtp.attempts).toBe(0);
    } finally {
      await smtp.close();
    }
  });
});
