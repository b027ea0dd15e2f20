import { describe, expect } from 'vitest';
import { serveCustomerSite } from '../support/browser.js';
import { browserTest } from '../support/browser-test.js';

const it = browserTest().extend('site', { scope: 'file' }, async ({ stack, account, web, client: admin, base }, { onCleanup }) => {
  // The embed snippet exactly as Settings › Inboxes shows it, pointed at this console.
  stack.deps.config.publicUrl = web.origin;
  const inbox = await admin.get(`${base}/inboxes/${account.inbox.id}`);
  expect(inbox.body.web_widget_script).toContain(account.inbox.identifier);
  const site = await serveCustomerSite(inbox.body.web_widget_script);
  onCleanup(() => site.close());
  return site;
});

describe('a visitor and an agent talk live: widget ⇄ console', () => {
  it('the agent sees the visitor’s message appear without reloading, replies, resolves; the visitor sees the reply and reopens it by writing', async ({ account, site, newPage, signedInPage }) => {
    const agentPage = await signedInPage(account.agent);
    await agentPage.getByTestId('conversation-tab-unassigned').click();
    await expect.poll(() => agentPage.getByTestId('conversation-list-empty').isVisible(), { timeout: 10_000 }).toBe(true);
    // Marks this page load: if the console reloaded, the marker would be gone.
    await agentPage.evaluate(() => ((globalThis as unknown as { parleyTestMarker: boolean }).parleyTestMarker = true));

    const visitorPage = await newPage();
    await visitorPage.goto(site.url);
    await visitorPage.locator('#parley-launcher').click();
    const widget = visitorPage.frameLocator('#parley-frame');
    const question = `Has order #${Date.now() % 100000} shipped yet?`;
    await widget.getByTestId('widget-message-input').fill(question);
    await widget.getByTestId('widget-send-button').click();
    await expect.poll(() => widget.getByTestId('widget-message').filter({ hasText: question }).count(), { timeout: 15_000 }).toBe(1);

    const card = agentPage.getByTestId('conversation-item').filter({ hasText: question });
    await expect.poll(() => card.count(), { timeout: 15_000 }).toBe(1);
    expect(await agentPage.evaluate(() => (globalThis as unknown as { parleyTestMarker?: boolean }).parleyTestMarker)).toBe(true);

    await card.click();
    await expect.poll(() => agentPage.getByTestId('message-list').getByText(question).count(), { timeout: 10_000 }).toBeGreaterThan(0);
    const reply = 'Yes — it left the warehouse this morning.';
    await agentPage.getByTestId('reply-input').fill(reply);
    await agentPage.getByTestId('send-button').click();

    await expect.poll(() => widget.getByTestId('widget-message').filter({ hasText: reply }).count(), { timeout: 15_000 }).toBe(1);

    // Resolving goes through the lifecycle workflow; the visitor writing again reopens it, live.
    await agentPage.getByTestId('resolve-button').click();
    const view = agentPage.getByTestId('conversation-view');
    await expect.poll(() => view.getAttribute('data-status'), { timeout: 15_000 }).toBe('resolved');
    await widget.getByTestId('widget-message-input').fill('One more question!');
    await widget.getByTestId('widget-send-button').click();
    await expect.poll(() => view.getAttribute('data-status'), { timeout: 20_000 }).toBe('open');
    await expect.poll(() => agentPage.getByTestId('message-list').getByText('One more question!').count(), { timeout: 10_000 }).toBe(1);
  });
});
