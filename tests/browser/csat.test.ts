import { describe, expect } from 'vitest';
import { serveCustomerSite } from '../support/browser.js';
import { browserTest } from '../support/browser-test.js';

const it = browserTest().extend('site', { scope: 'file' }, async ({ stack, account, web, client: admin, base }, { onCleanup }) => {
  stack.deps.config.publicUrl = web.origin;
  await admin.patch(`${base}/inboxes/${account.inbox.id}`, { csat_survey_enabled: true });
  const inbox = await admin.get(`${base}/inboxes/${account.inbox.id}`);
  const site = await serveCustomerSite(inbox.body.web_widget_script);
  onCleanup(() => site.close());
  return site;
});

describe('a customer rates a resolved conversation and the administrator reads the CSAT report', () => {
  it('shows the rating card in the widget after resolve, takes 5 with feedback, and the report counts it', { timeout: 120_000 }, async ({ account, site, newPage, signedInPage, client: admin, base }) => {
    const visitorPage = await newPage();
    await visitorPage.goto(site.url);
    await visitorPage.locator('#parley-launcher').click();
    const widget = visitorPage.frameLocator('#parley-frame');
    await widget.getByTestId('widget-message-input').fill('Can I change my delivery address?');
    await widget.getByTestId('widget-send-button').click();
    await expect.poll(() => widget.getByTestId('widget-message').count(), { timeout: 15_000 }).toBeGreaterThan(0);

    // The widget shows the message as soon as it is sent; the conversation is listed once the API has stored it.
    const findConversation = async () => {
      const conversations = await admin.get(`${base}/conversations?status=open&assignee_type=all`);
      return conversations.body.data.payload.find((candidate: any) => candidate.meta.sender.id && candidate.inbox_id === account.inbox.id);
    };
    await expect.poll(findConversation).toBeDefined();
    const conversation = await findConversation();
    expect((await admin.post(`${base}/conversations/${conversation.id}/toggle_status`, { status: 'resolved' })).status).toBe(200);

    const card = widget.getByTestId('csat-card');
    await expect.poll(() => card.count(), { timeout: 20_000 }).toBe(1);
    await card.getByTestId('csat-rating-5').click();
    await card.getByTestId('csat-feedback').fill('Sorted in a minute!');
    await card.getByTestId('csat-submit').click();
    await expect.poll(() => card.getByTestId('csat-thanks').count(), { timeout: 10_000 }).toBe(1);

    const adminPage = await signedInPage(account.admin);
    await adminPage.getByTestId('nav-reports').click();
    await adminPage.getByTestId('reports-nav-csat').click();
    await expect.poll(() => adminPage.getByTestId('csat-total').textContent(), { timeout: 15_000 }).toBe('1');
    expect(await adminPage.getByTestId('csat-score').textContent()).toBe('100%');
    expect(await adminPage.getByTestId('csat-rate').textContent()).toBe('100%');
    expect(await adminPage.getByTestId('csat-share-5').textContent()).toBe('100%');
    const row = adminPage.getByTestId('csat-response-row');
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.textContent()).toContain('Sorted in a minute!');
    expect(await adminPage.getByTestId('csat-download').getAttribute('href')).toContain('/csat_survey_responses/download');
    await row.getByTestId('csat-conversation-link').click();
    await expect.poll(() => adminPage.url()).toContain(`/conversations/${conversation.id}`);
  });
});
