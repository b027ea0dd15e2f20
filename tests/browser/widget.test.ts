import { and, eq } from 'drizzle-orm';
import type { FrameLocator, Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { identityHash } from '../../core/auth/identity-hash.js';
import { publishLiveEvent } from '../../db/queries/events.js';
import { contactInboxes, conversations, inboxes } from '../../db/schema/index.js';
import { serveCustomerSite } from '../support/browser.js';
import { browserTest } from '../support/browser-test.js';
import { apiClient } from '../support/stack.js';

const it = browserTest({ worker: false })
  .extend('agent', { scope: 'file' }, async ({ stack, account }) => apiClient(stack, account.agent.token))
  .extend('site', { scope: 'file' }, async ({ stack, account, web }, { onCleanup }) => {
    await stack.db
      .update(inboxes)
      .set({ settings: { ...account.inbox.settings, welcomeTitle: 'Welcome to the shop', welcomeTagline: 'We reply fast' } })
      .where(eq(inboxes.id, account.inbox.id));
    const site = await serveCustomerSite(
      `<script src="${web.origin}/widget.js"></script>
       <script>window.parleySDK.run({ websiteToken: ${JSON.stringify(account.inbox.identifier)}, baseUrl: ${JSON.stringify(web.origin)} });</script>`,
    );
    onCleanup(() => site.close());
    return site;
  })
  // "localhost" is another site than the console's 127.0.0.1: the widget runs cross-site, as on a real shop.
  .extend('hostUrl', { scope: 'file' }, async ({ site }) => site.url.replace('127.0.0.1', 'localhost') + 'products/42')
  .extend('sameSiteHostUrl', { scope: 'file' }, async ({ site }) => site.url + 'products/43');

/** Sends `text` from the widget's open chat; returns once the widget no longer shows it as sending. */
async function sendInOpenChat(widget: FrameLocator, text: string) {
  const input = widget.getByTestId('widget-message-input');
  await input.fill(text);
  await input.press('Enter');
  await widget.getByTestId('widget-message').filter({ hasText: text }).locator('text=Sending…').waitFor({ state: 'detached' });
}

/** Opens the chat on the shop's page once the widget is ready for typing, and sends `text`. */
async function openChatAndSend(page: Page, text: string) {
  await page.getByRole('button', { name: 'Open chat' }).click();
  const widget = page.frameLocator('#parley-frame');
  const input = widget.getByTestId('widget-message-input');
  await expect.poll(() => input.isEnabled(), { timeout: 10_000 }).toBe(true);
  await sendInOpenChat(widget, text);
  return widget;
}

// The whole path a visitor takes: a customer's page loads widget.js from Parley, the launcher opens
// the /widget iframe, which talks to the API through the console's proxy and event stream.
describe('the website widget in a browser', () => {
  it('a visitor on another site chats with an agent live, with attachments, never seeing private notes', async ({ stack, account, agent, hostUrl, newPage }) => {
    const findConversation = async () =>
      (await stack.db.select().from(conversations).where(and(eq(conversations.accountId, account.account.id), eq(conversations.inboxId, account.inbox.id))))[0];
    const page = await newPage({ locale: 'en-US' });
    await page.goto(hostUrl);
    await page.getByRole('button', { name: 'Open chat' }).focus();
    await page.keyboard.press('Enter');
    const launcher = page.locator('#parley-launcher');
    await expect.poll(() => launcher.getAttribute('aria-expanded'), { timeout: 10_000 }).toBe('true');
    expect(await launcher.getAttribute('aria-label')).toBe('Close chat');

    const widget = page.frameLocator('#parley-frame');
    await widget.getByText('Welcome to the shop').waitFor();
    const input = widget.getByTestId('widget-message-input');
    await expect.poll(() => input.isEnabled(), { timeout: 10_000 }).toBe(true);
    await input.fill('Hello from the browser');
    await input.press('Enter');
    await widget.getByTestId('widget-message').filter({ hasText: 'Hello from the browser' }).waitFor();

    const conversation = await expect.poll(findConversation, { timeout: 10_000 }).toBeTruthy().then(findConversation);
    expect(conversation!.additionalAttributes).toMatchObject({ referer: hostUrl });
    const agentSees = async () =>
      (await agent.get(`/api/v1/accounts/${account.account.id}/conversations/${conversation!.displayId}/messages`)).body.payload.map((m: { content: string }) => m.content);
    await expect.poll(agentSees, { timeout: 10_000 }).toContain('Hello from the browser');

    await agent.post(`/api/v1/accounts/${account.account.id}/conversations/${conversation!.displayId}/messages`, { content: 'A private remark', private: true });
    await agent.post(`/api/v1/accounts/${account.account.id}/conversations/${conversation!.displayId}/messages`, { content: 'Hi! How can I help?' });
    const reply = widget.getByTestId('widget-message').filter({ hasText: 'Hi! How can I help?' });
    await reply.waitFor({ timeout: 10_000 });
    expect(await reply.textContent()).toContain('Alan Agent');
    expect(await widget.getByTestId('widget-messages').textContent()).not.toContain('A private remark');

    // An agent typing shows an indicator; their next message clears it.
    await publishLiveEvent(stack.db, {
      type: 'conversation.typing_on',
      accountId: conversation!.accountId,
      inboxId: conversation!.inboxId,
      conversationId: conversation!.id,
      actor: { type: 'user', id: account.agent.id },
    });
    await widget.getByText('Typing…').waitFor();

    // The send button works too.
    await agent.post(`/api/v1/accounts/${account.account.id}/conversations/${conversation!.displayId}/messages`, { content: 'Anything else?' });
    await widget.getByText('Typing…').waitFor({ state: 'detached' });
    await input.fill('Second question');
    await widget.getByTestId('widget-send-button').click();
    await widget.getByTestId('widget-message').filter({ hasText: 'Second question' }).waitFor();
    await expect.poll(agentSees, { timeout: 10_000 }).toContain('Second question');

    // A file goes up as multipart through the console's proxy and comes back as an image.
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6300010000050001' + '0d0a2db40000000049454e44ae426082', 'hex');
    await widget.locator('input[type=file]').setInputFiles({ name: 'receipt.png', mimeType: 'image/png', buffer: png });
    await input.fill('Here is the receipt');
    await input.press('Enter');
    await widget.getByTestId('widget-message').filter({ hasText: 'Here is the receipt' }).locator('img[alt="receipt.png"]').waitFor();
  });

  it("finds the chat again after a reload, through the iframe's localStorage", async ({ sameSiteHostUrl, newPage }) => {
    // Same site as the widget (ports do not make sites): this Chromium denies storage to cross-site
    // iframes outright, and then the widget starts a fresh visitor on every page load.
    const page = await newPage({ locale: 'en-US' });
    await page.goto(sameSiteHostUrl);
    const widget = await openChatAndSend(page, 'Do you ship to Lisbon?');
    await page.reload();
    await page.getByRole('button', { name: 'Open chat' }).click();
    await widget.getByTestId('widget-message').filter({ hasText: 'Do you ship to Lisbon?' }).waitFor();
    expect(await widget.getByTestId('widget-message').count()).toBe(1);
  });

  it('finds the same conversation after a reload on another site, through the id widget.js keeps first-party', async ({ stack, account, agent, site, newPage }) => {
    const page = await newPage({ locale: 'en-US' });
    const otherSiteUrl = site.url.replace('127.0.0.1', 'localhost') + 'products/44';
    await page.goto(otherSiteUrl);
    const widget = await openChatAndSend(page, 'Is the blue one in stock?');

    // The id lives in the shop's own storage, where the browser keeps it; it is the visitor's contact in Parley.
    const visitorKey = `parley:visitor:${account.inbox.identifier}`;
    const kept = async () => JSON.parse((await page.evaluate((key) => localStorage.getItem(key), visitorKey)) ?? 'null');
    await expect.poll(async () => (await kept())?.conversationId, { timeout: 10_000 }).toEqual(expect.any(Number));
    const { contactIdentifier, conversationId } = await kept();
    const [conversation] = await stack.db
      .select({ sourceId: contactInboxes.sourceId })
      .from(conversations)
      .innerJoin(contactInboxes, eq(contactInboxes.id, conversations.contactInboxId))
      .where(and(eq(conversations.accountId, account.account.id), eq(conversations.displayId, conversationId)));
    expect(conversation.sourceId).toBe(contactIdentifier);

    await page.reload();
    await page.getByRole('button', { name: 'Open chat' }).click();
    await widget.getByTestId('widget-message').filter({ hasText: 'Is the blue one in stock?' }).waitFor({ timeout: 10_000 });
    expect(await widget.getByTestId('widget-message').count()).toBe(1);
    await sendInOpenChat(widget, 'Thanks, still there');
    const contents = (await agent.get(`/api/v1/accounts/${account.account.id}/conversations/${conversationId}/messages`)).body.payload.map((m: { content: string }) => m.content);
    expect(contents).toEqual(['Is the blue one in stock?', 'Thanks, still there']);
    expect((await kept()).contactIdentifier).toBe(contactIdentifier);
  });

  it("joins a signed-in customer to their contact through setUser only with the site's valid identifier_hash", async ({ account, agent, web, newPage, client: admin }) => {
    const known = await admin.post(`/api/v1/accounts/${account.account.id}/contacts`, { name: 'Known Customer', identifier: 'crm-77' });
    const knownId = known.body.payload.contact.id as number;
    const chatAs = async (identifierHash: string, text: string) => {
      const shop = await serveCustomerSite(
        `<script src="${web.origin}/widget.js"></script>
         <script>window.parleySDK.run({ websiteToken: ${JSON.stringify(account.inbox.identifier)}, baseUrl: ${JSON.stringify(web.origin)} });
         window.parleySDK.setUser('crm-77', { identifier_hash: ${JSON.stringify(identifierHash)}, name: 'Signed In' });</script>`,
      );
      try {
        const page = await newPage({ locale: 'en-US' });
        await page.goto(shop.url.replace('127.0.0.1', 'localhost'));
        await openChatAndSend(page, text);
        const { conversationId } = JSON.parse((await page.evaluate((key) => localStorage.getItem(key), `parley:visitor:${account.inbox.identifier}`))!);
        return (await agent.get(`/api/v1/accounts/${account.account.id}/conversations/${conversationId}`)).body.meta.sender as { id: number; name: string };
      } finally {
        await shop.close();
      }
    };

    const forged = await chatAs(identityHash('a guessed secret', 'crm-77'), 'I am crm-77, honest');
    expect(forged.id).not.toBe(knownId);
    const signedIn = await chatAs(identityHash(account.inbox.hmacToken, 'crm-77'), 'Hello, it is me');
    expect(signedIn).toMatchObject({ id: knownId, name: 'Signed In' });
  });

  it('speaks Portuguese to a pt-BR browser', async ({ hostUrl, newPage }) => {
    const page = await newPage({ locale: 'pt-BR' });
    await page.goto(hostUrl);
    await page.getByRole('button', { name: 'Abrir chat' }).click();
    const input = page.frameLocator('#parley-frame').getByTestId('widget-message-input');
    await expect.poll(() => input.getAttribute('placeholder'), { timeout: 10_000 }).toBe('Digite sua mensagem…');
  });
});
