import { describe, expect } from 'vitest';
import { insertContact } from '../../db/queries/contacts.js';
import { browserTest } from '../support/browser-test.js';
import { apiClient } from '../support/stack.js';

const it = browserTest({ worker: false });

describe('what an empty inbox tells people', () => {
  it('a new account shows next steps instead of "pick a conversation"; a filtered-empty view says so', async ({ stack, otherAccount: fresh, web, signedInPage }) => {
    const admin = await signedInPage(fresh.admin, { locale: 'en-US' });
    await admin.goto(`${web.origin}/app/accounts/${fresh.account.id}/conversations`);
    const onboarding = admin.getByTestId('conversation-onboarding');
    await onboarding.waitFor();
    expect(await onboarding.textContent()).toContain('No conversations yet');
    expect(await admin.getByTestId('conversation-empty').count()).toBe(0);
    // The first step opens the website inbox, whose page holds the embed snippet.
    await admin.getByTestId('onboarding-widget').click();
    await admin.waitForURL(new RegExp(`/settings/inboxes/${fresh.inbox.id}$`));

    const agent = await signedInPage(fresh.agent, { locale: 'en-US' });
    await agent.goto(`${web.origin}/app/accounts/${fresh.account.id}/conversations`);
    await agent.getByTestId('conversation-onboarding').waitFor();
    expect(await agent.getByTestId('onboarding-widget').count()).toBe(0);

    // Once the account has a conversation, an empty tab is just an empty view.
    const contact = await insertContact(stack.db, { accountId: fresh.account.id, name: 'Rita Resolved' });
    const client = apiClient(stack, fresh.admin.token);
    const created = await client.post(`/api/v1/accounts/${fresh.account.id}/conversations`, { inbox_id: fresh.apiInbox.id, contact_id: contact.id });
    expect(created.status).toBe(200);
    await agent.goto(`${web.origin}/app/accounts/${fresh.account.id}/conversations`);
    await agent.getByTestId('conversation-tab-me').click();
    await agent.getByTestId('conversation-empty-view').waitFor();
    expect(await agent.getByTestId('conversation-onboarding').count()).toBe(0);
  });
});
