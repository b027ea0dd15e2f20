import { eq } from 'drizzle-orm';
import { describe, expect } from 'vitest';
import { insertContact } from '../../db/queries/contacts.js';
import { findConversationByDisplayId } from '../../db/queries/conversations.js';
import { inboxes } from '../../db/schema/index.js';
import { browserTest } from '../support/browser-test.js';
import { waitUntil } from '../support/wait.js';

const it = browserTest();

describe('automatic assignment with a limit, set up and used in the console', () => {
  it('an admin turns it on with a limit, an online agent gets a conversation and sees their load, and the assign dropdown warns at capacity', async ({
    stack,
    account,
    web,
    client: admin,
    base,
    signedInPage,
  }) => {
    // The administrator sets a limit of one open conversation per agent in the website inbox.
    const adminPage = await signedInPage(account.admin, { locale: 'en-US' });
    await adminPage.goto(`${web.origin}/app/accounts/${account.account.id}/settings/inboxes/${account.inbox.id}`);
    await adminPage.getByTestId('inbox-assignment').waitFor();
    await adminPage.getByTestId('inbox-auto-assignment').check();
    await adminPage.getByTestId('inbox-max-assignment-limit').fill('1');
    await adminPage.getByTestId('inbox-strategy').selectOption('balanced');
    await adminPage.getByTestId('inbox-save').click();
    await adminPage.getByText('Inbox saved', { exact: false }).waitFor();
    const [stored] = await stack.db.select().from(inboxes).where(eq(inboxes.id, account.inbox.id));
    expect(stored).toMatchObject({ enableAutoAssignment: true, maxAssignmentLimit: 1, assignmentStrategy: 'balanced' });

    // The agent opens the console (presence) and goes online.
    const agentPage = await signedInPage(account.agent, { locale: 'en-US' });
    await agentPage.getByTestId('profile-menu-button').click();
    await agentPage.getByTestId('availability-online').check();
    await expect.poll(async () => (await admin.get(`${base}/agents`)).body.find((agent: { id: number }) => agent.id === account.agent.id)?.effective_availability, { timeout: 10_000 }).toBe('online');

    // A customer writes in: the router gives it to the agent, who sees it arrive live in Mine; a second one waits, the agent being at capacity.
    await agentPage.getByTestId('profile-menu-button').click();
    await agentPage.getByTestId('conversation-tab-me').click();
    const contact = await insertContact(stack.db, { accountId: account.account.id, name: 'Rita Router' });
    const first: number = (await admin.post(`${base}/conversations`, { inbox_id: account.inbox.id, contact_id: contact.id })).body.id;
    await waitUntil(async () => (await findConversationByDisplayId(stack.db, { accountId: account.account.id, displayId: first }))?.assigneeId === account.agent.id, 'the router to assign the first conversation');
    await agentPage.getByTestId('conversation-list').getByText('Rita Router').waitFor({ timeout: 10_000 });
    const second: number = (await admin.post(`${base}/conversations`, { inbox_id: account.inbox.id, contact_id: contact.id })).body.id;

    // The agent sees their own load against the limit (the menu reads it as it opens).
    await agentPage.getByTestId('profile-menu-button').click();
    await expect.poll(() => agentPage.locator(`[data-testid="assignment-load-inbox"][data-inbox-id="${account.inbox.id}"]`).textContent(), { timeout: 10_000 }).toBe('Website: 1 / 1');

    // The administrator's assign dropdown shows availability and load/limit, and asks before going over.
    await adminPage.goto(`${web.origin}/app/accounts/${account.account.id}/conversations/${second}`);
    await adminPage.getByTestId('conversation-view').waitFor();
    const option = adminPage.locator(`[data-testid="assignee-option"][value="${account.agent.id}"]`);
    await expect.poll(() => option.textContent(), { timeout: 10_000 }).toBe('Alan Agent · Online · 1 / 1');
    expect(await option.getAttribute('data-at-capacity')).toBe('true');
    const dialogs: string[] = [];
    adminPage.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.accept();
    });
    await adminPage.getByTestId('assignee-select').selectOption(String(account.agent.id));
    await waitUntil(async () => (await findConversationByDisplayId(stack.db, { accountId: account.account.id, displayId: second }))?.assigneeId === account.agent.id, 'the manual assignment above the limit');
    expect(dialogs).toEqual([expect.stringContaining('Alan Agent is at capacity (1 of 1')]);
    await expect.poll(() => option.textContent(), { timeout: 10_000 }).toBe('Alan Agent · Online · 2 / 1');
  });
});
