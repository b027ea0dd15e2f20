import { describe, expect } from 'vitest';
import { serveCustomerSite } from '../support/browser.js';
import { browserTest } from '../support/browser-test.js';

const it = browserTest().extend('site', { scope: 'file' }, async ({ stack, account, web, client: admin, base }, { onCleanup }) => {
  stack.deps.config.publicUrl = web.origin;
  const inbox = await admin.get(`${base}/inboxes/${account.inbox.id}`);
  const site = await serveCustomerSite(inbox.body.web_widget_script);
  onCleanup(() => site.close());
  return site;
});

describe('the conversation view: typing both ways, and deleting a message for everyone', () => {
  it('the visitor’s typing shows in the console and the agent’s in the widget; the agent deletes their reply after confirming and everyone sees it deleted, live', { timeout: 120_000 }, async ({ account, site, web, newPage, signedInPage }) => {
    const visitorPage = await newPage();
    await visitorPage.goto(site.url);
    await visitorPage.locator('#parley-launcher').click();
    const widget = visitorPage.frameLocator('#parley-frame');
    const question = `Is order #${Date.now() % 100000} on its way?`;
    await widget.getByTestId('widget-message-input').fill(question);
    await widget.getByTestId('widget-send-button').click();
    await expect.poll(() => widget.getByTestId('widget-message').filter({ hasText: question }).count(), { timeout: 15_000 }).toBe(1);

    const alan = await signedInPage(account.agent, { locale: 'en-US' });
    await alan.getByTestId('conversation-tab-unassigned').click();
    const card = alan.getByTestId('conversation-item').filter({ hasText: question });
    await expect.poll(() => card.count(), { timeout: 15_000 }).toBe(1);
    await card.click();
    await expect.poll(() => alan.getByTestId('message-list').getByText(question).count(), { timeout: 10_000 }).toBe(1);
    const conversationPath = new URL(alan.url()).pathname;
    const ada = await signedInPage(account.admin, { locale: 'en-US' });
    await ada.goto(`${web.origin}${conversationPath}`);
    await expect.poll(() => ada.getByTestId('message-list').getByText(question).count(), { timeout: 10_000 }).toBe(1);

    // The visitor types: the console says so, by the visitor's name, and stops saying it once they stop.
    expect(await alan.getByTestId('typing-indicator').count()).toBe(0);
    await widget.getByTestId('widget-message-input').pressSequentially('Also, can I', { delay: 20 });
    await expect.poll(() => alan.getByTestId('typing-indicator').textContent().catch(() => null), { timeout: 10_000 }).toMatch(/ is typing…$/);
    await expect.poll(() => alan.getByTestId('typing-indicator').count(), { timeout: 15_000 }).toBe(0);

    // The agent types: the widget shows it; sending ends it.
    expect(await widget.getByTestId('widget-agent-typing').count()).toBe(0);
    await alan.getByTestId('reply-input').pressSequentially('Wrong answer, sorry', { delay: 20 });
    await expect.poll(() => widget.getByTestId('widget-agent-typing').count(), { timeout: 10_000 }).toBe(1);
    // The agent's own typing is not shown back to them.
    expect(await alan.getByTestId('typing-indicator').count()).toBe(0);
    await alan.getByTestId('send-button').click();
    await expect.poll(() => widget.getByTestId('widget-message').filter({ hasText: 'Wrong answer, sorry' }).count(), { timeout: 15_000 }).toBe(1);
    await expect.poll(() => widget.getByTestId('widget-agent-typing').count(), { timeout: 10_000 }).toBe(0);

    // Alan may delete his own reply, not the customer's; Ada, an administrator, may delete either.
    const alansReply = alan.getByTestId('message').filter({ hasText: 'Wrong answer, sorry' });
    await expect.poll(() => alansReply.getAttribute('data-status'), { timeout: 10_000 }).toBe('sent');
    expect(await alan.getByTestId('message').filter({ hasText: question }).getByTestId('message-delete').count()).toBe(0);
    await expect.poll(() => ada.getByTestId('message').filter({ hasText: question }).getByTestId('message-delete').count(), { timeout: 10_000 }).toBe(1);

    // Dismissing the confirmation keeps the message.
    alan.once('dialog', (dialog) => void dialog.dismiss());
    await alansReply.getByTestId('message-delete').click();
    expect(await alansReply.getAttribute('data-deleted')).toBeNull();

    // Confirmed, by keyboard: it is deleted for Alan, for Ada and in the widget, without reloading.
    const asked: string[] = [];
    alan.once('dialog', (dialog) => {
      asked.push(dialog.message());
      void dialog.accept();
    });
    await alansReply.getByTestId('message-delete').focus();
    await alan.keyboard.press('Enter');
    const deletedForAlan = alan.locator('[data-testid="message"][data-deleted="true"]');
    await expect.poll(() => deletedForAlan.count(), { timeout: 10_000 }).toBe(1);
    expect(asked).toEqual(['Delete this message for everyone? The customer sees “This message was deleted”.']);
    expect(await deletedForAlan.getByTestId('message-content').textContent()).toBe('This message was deleted');
    expect(await deletedForAlan.getByTestId('message-delete').count()).toBe(0);
    await expect.poll(() => ada.locator('[data-testid="message"][data-deleted="true"]').getByTestId('message-content').textContent().catch(() => null), { timeout: 10_000 }).toBe('This message was deleted');
    await expect.poll(() => widget.getByTestId('widget-message').filter({ hasText: 'Wrong answer, sorry' }).count(), { timeout: 10_000 }).toBe(0);
    await expect.poll(() => widget.getByTestId('widget-message').filter({ hasText: 'This message was deleted' }).count(), { timeout: 10_000 }).toBe(1);
    expect(await alan.getByTestId('message').filter({ hasText: 'Wrong answer, sorry' }).count()).toBe(0);
  });
});
