import { describe, expect } from 'vitest';
import { insertContact } from '../../db/queries/contacts.js';
import { browserTest } from '../support/browser-test.js';

const it = browserTest({ worker: false }).extend('displayId', { scope: 'file' }, async ({ stack, account, client: admin, base }) => {
  const contact = await insertContact(stack.db, { accountId: account.account.id, name: 'Sofia Seller', email: 'sofia.seller@example.test' });
  return (await admin.post(`${base}/conversations`, { inbox_id: account.inbox.id, contact_id: contact.id })).body.id as number;
});

describe('the guest portal, end to end', () => {
  it('an agent creates external access with a file; the guest signs in, finds it in Documents, replies with a file; the agent sees the reply live', async ({ account, web, displayId, signedInPage, newPage }) => {
    const agent = await signedInPage(account.agent);
    await agent.goto(`${web.origin}/app/accounts/${account.account.id}/conversations/${displayId}`);
    await agent.getByTestId('conversation-view').waitFor();

    await agent.getByTestId('external-access-button').click();
    const dialog = agent.getByTestId('external-access-dialog');
    await dialog.getByTestId('external-access-email').waitFor();
    // The contact's e-mail is offered, and can be changed.
    expect(await dialog.getByTestId('external-access-email').inputValue()).toBe('sofia.seller@example.test');
    await dialog.getByTestId('external-access-email').fill('appraiser.vasco@example.test');
    await dialog.getByTestId('external-access-password').fill('Appraisal-Visit-77');
    await dialog.getByTestId('external-access-message').fill('Here is the building access declaration.');
    await dialog.getByTestId('external-access-files').setInputFiles({ name: 'declaration.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.7 declaration') });
    await dialog.getByTestId('external-access-send-email').uncheck();
    await dialog.getByTestId('external-access-submit').click();
    await dialog.getByTestId('external-access-created').waitFor();
    const portalUrl = await dialog.getByTestId('external-access-portal-url').textContent();
    expect(portalUrl).toContain(`/portal/${account.account.id}`);
    await dialog.getByRole('button', { name: 'Back to the list' }).click();
    await expect.poll(() => dialog.getByTestId('external-access-row').allInnerTexts()).toEqual([expect.stringContaining('appraiser.vasco@example.test')]);
    await agent.keyboard.press('Escape');
    await expect.poll(() => agent.getByTestId('message-content').allInnerTexts()).toContain('Here is the building access declaration.');

    const guest = await newPage();
    await guest.goto(`${web.origin}/portal/${account.account.id}/login`);
    await expect.poll(() => guest.getByTestId('portal-account').textContent()).toContain(account.account.name);
    await guest.getByTestId('portal-email').fill('appraiser.vasco@example.test');
    await guest.getByTestId('portal-password').fill('Appraisal-Visit-77');
    await guest.getByTestId('portal-sign-in').click();
    await guest.getByTestId('guest-portal').waitFor();
    expect(await guest.getByTestId('portal-conversation-title').textContent()).toContain('Conversation 1 – appraiser.vasco@example.test');
    await expect.poll(() => guest.getByTestId('portal-message-content').allInnerTexts()).toEqual(['Here is the building access declaration.']);
    await expect.poll(() => guest.getByTestId('portal-document').allInnerTexts()).toEqual([expect.stringContaining('declaration.pdf')]);
    expect(await guest.getByTestId('portal-document').first().textContent()).toContain('Alan Agent');

    await guest.getByTestId('portal-draft').fill('Thanks, I will visit tomorrow at 2 pm.');
    await guest.getByTestId('portal-files').setInputFiles({ name: 'photos.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.7 photos') });
    await guest.getByTestId('portal-send').click();
    await expect.poll(() => guest.getByTestId('portal-document').count()).toBe(2);

    // The agent's open console shows the guest's reply live, marked as the guest's, with the file.
    const reply = agent.locator('[data-testid="message"][data-sender-type="guest"]');
    await expect.poll(() => reply.count()).toBe(1);
    expect(await reply.getByTestId('message-content').textContent()).toBe('Thanks, I will visit tomorrow at 2 pm.');
    expect(await reply.getByTestId('message-guest').textContent()).toContain('appraiser.vasco@example.test');
    expect(await reply.getByTestId('attachment-link').textContent()).toContain('photos.pdf');

    // An agent's answer reaches the open portal live.
    await agent.getByTestId('reply-input').fill('See you then.');
    await agent.getByTestId('reply-input').press('Enter');
    await expect.poll(() => guest.getByTestId('portal-message-content').allInnerTexts()).toContain('See you then.');

    // Revoking the access sends the open portal to the sign-in page at once.
    await agent.getByTestId('external-access-button').click();
    agent.once('dialog', (confirm) => void confirm.accept());
    await dialog.getByTestId('external-access-revoke').click();
    await guest.waitForURL(/\/login\?reason=ended/);
    await guest.getByTestId('portal-session-ended').waitFor();
  });
});
