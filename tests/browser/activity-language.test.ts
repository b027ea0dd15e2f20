import { describe, expect } from 'vitest';
import { insertContact } from '../../db/queries/contacts.js';
import { browserTest } from '../support/browser-test.js';

const it = browserTest();

describe('activity lines in the reader’s language', () => {
  it('an English administrator and a Portuguese agent read the same assignment, priority, label and status lines each in their language, live', async ({ stack, account, client: admin, base, web, signedInPage }) => {
    const contact = await insertContact(stack.db, { accountId: account.account.id, name: 'Paula Pereira' });
    const displayId: number = (await admin.post(`${base}/conversations`, { inbox_id: account.apiInbox.id, contact_id: contact.id })).body.id;
    await admin.post(`${base}/labels`, { title: 'billing' });

    const ada = await signedInPage(account.admin, { locale: 'en-US' });
    const alan = await signedInPage(account.agent, { locale: 'pt-BR' });
    for (const page of [ada, alan]) {
      await page.goto(`${web.origin}/app/accounts/${account.account.id}/conversations/${displayId}`);
      await page.getByTestId('conversation-view').waitFor();
    }

    await admin.post(`${base}/conversations/${displayId}/assignments`, { assignee_id: account.agent.id });
    await admin.post(`${base}/conversations/${displayId}/toggle_priority`, { priority: 'high' });
    await admin.post(`${base}/conversations/${displayId}/labels`, { labels: ['billing'] });
    await admin.post(`${base}/conversations/${displayId}/toggle_status`, { status: 'resolved' });

    const lines = (page: typeof ada) => page.getByTestId('activity-text').allInnerTexts();
    const english = ['Assigned to Alan Agent by Ada Admin', 'Ada Admin set the priority to High', 'Ada Admin added billing', 'Conversation was marked resolved by Ada Admin'];
    await expect.poll(() => lines(ada), { timeout: 20_000 }).toEqual(english);
    await expect
      .poll(() => lines(alan), { timeout: 20_000 })
      .toEqual(['Atribuída a Alan Agent por Ada Admin', 'Ada Admin definiu a prioridade como Alta', 'Ada Admin adicionou billing', 'A conversa foi marcada como resolvida por Ada Admin']);

    // API clients and webhooks keep reading Chatwoot's English sentence, with the event beside it.
    const messages = (await admin.get(`${base}/conversations/${displayId}/messages`)).body.payload.filter((m: { message_type: number }) => m.message_type === 2);
    expect(messages.map((m: { content: string }) => m.content)).toEqual(english);
    expect(messages[0].content_attributes.activity).toEqual({ event: 'assigned', params: { assignee: 'Alan Agent', actor: 'Ada Admin' } });
  });
});
