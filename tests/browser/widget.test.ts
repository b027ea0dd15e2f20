import type { Browser } from 'playwright-core';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identityHash } from '../../core/auth/identity-hash.js';
import { publishLiveEvent } from '../../db/queries/events.js';
import { contactInboxes, conversations, inboxes } from '../../db/schema/index.js';
import { launchChromium, serveConsole, serveCustomerSite } from '../support/browser.js';
import { apiClient, createTestAccount, startTestStack, type TestAccount, type TestStack } from '../support/stack.js';

// The whole path a visitor takes: a customer's page loads widget.js from Parley, the launcher opens
// the /widget iframe, which talks to the API through the console's proxy and event stream.
describe('the website widget in a browser', () => {
  let stack: TestStack;
  let account: TestAccount;
  let agent: ReturnType<typeof apiClient>;
  let web: Awaited<ReturnType<typeof serveConsole>>;
  let site: Awaited<ReturnType<typeof serveCustomerSite>>;
  let browser: Browser;
  let hostUrl: string;
  let sameSiteHostUrl: string;

  beforeAll(async () => {
    stack = await startTestStack({ worker: false });
    account = await createTestAccount(stack);
    agent = apiClient(stack, account.agent.token);
    await stack.db
      .update(inboxes)
      .set({ settings: { ...account.inbox.settings, welcomeTitle: 'Welcome to the shop', welcomeTagline: 'We reply fast' } })
      .where(eq(inboxes.id, account.inbox.id));
    web = await serveConsole(stack);
    site = await serveCustomerSite(
      `<script src="${web.origin}/widget.js"></script>
       <script>window.parleySDK.run({ websiteToken: ${JSON.stringify(account.inbox.identifier)}, baseUrl: ${JSON.stringify(web.origin)} });</script>`,
    );
    // "localhost" is another site than the console's 127.0.0.1: the widget runs cross-site, as on a real shop.
    hostUrl = site.url.replace('127.0.0.1', 'localhost') + 'products/42';
    sameSiteHostUrl = site.url + 'products/43';
    browser = await launchChromium();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await site?.close();
    await web?.close();
    await stack?.close();
  });

  const findConversation = async () =>
    (await stack.db.select().from(conversations).where(and(eq(conversations.accountId, account.account.id), eq(conversations.inboxId, account.inbox.id))))[0];

  it('a visitor on another site chats with an agent live, with attachments, never seeing private notes', async () => {
    const context = await browser.newContext({ locale: 'en-US' });
    const page = await context.newPage();
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
    await context.close();
  });

  it("finds the chat again after a reload, through the iframe's localStorage", async () => {
    // Same site as the widget (ports do not make sites): this Chromium denies storage to cross-site
    // iframes outright, and then the widget starts a fresh visitor on every page load.
    const context = await browser.newContext({ locale: 'en-US' });
    const page = await context.newPage();
    await page.goto(sameSiteHostUrl);
    await page.getByRole('button', { name: 'Open chat' }).click();
    const widget = page.frameLocator('#parley-frame');
    const input = widget.getByTestId('widget-message-input');
    await expect.poll(() => input.isEnabled(), { timeout: 10_000 }).toBe(true);
    await input.fill('Do you ship to Lisbon?');
    await input.press('Enter');
    await widget.getByTestId('widget-message').filter({ hasText: 'Do you ship to Lisbon?' }).locator('text=Sending…').waitFor({ state: 'detached' });
    await page.reload();
    await page.getByRole('button', { name: 'Open chat' }).click();
    await widget.getByTestId('widget-message').filter({ hasText: 'Do you ship to Lisbon?' }).waitFor();
    expect(await widget.getByTestId('widget-message').count()).toBe(1);
    await context.close();
  });

  it('finds the same conversation after a reload on another site, through the id widget.js keeps first-party', async () => {
    const context = await browser.newContext({ locale: 'en-US' });
    const page = await context.newPage();
    const otherSiteUrl = site.url.replace('127.0.0.1', 'localhost') + 'products/44';
    await page.goto(otherSiteUrl);
    await page.getByRole('button', { name: 'Open chat' }).click();
    const widget = page.frameLocator('#parley-frame');
    const input = widget.getByTestId('widget-message-input');
    await expect.poll(() => input.isEnabled(), { timeout: 10_000 }).toBe(true);
    await input.fill('Is the blue one in stock?');
    await input.press('Enter');
    await widget.getByTestId('widget-message').filter({ hasText: 'Is the blue one in stock?' }).locator('text=Sending…').waitFor({ state: 'detached' });

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
    await input.fill('Thanks, still there');
    await input.press('Enter');
    await widget.getByTestId('widget-message').filter({ hasText: 'Thanks, still there' }).locator('text=Sending…').waitFor({ state: 'detached' });
    const contents = (await agent.get(`/api/v1/accounts/${account.account.id}/conversations/${conversationId}/messages`)).body.payload.map((m: { content: string }) => m.content);
    expect(contents).toEqual(['Is the blue one in stock?', 'Thanks, still there']);
    expect((await kept()).contactIdentifier).toBe(contactIdentifier);
    await context.close();
  });

  it("joins a signed-in customer to their contact through setUser only with the site's valid identifier_hash", async () => {
    const admin = apiClient(stack, account.admin.token);
    const known = await admin.post(`/api/v1/accounts/${account.account.id}/contacts`, { name: 'Known Customer', identifier: 'crm-77' });
    const knownId = known.body.payload.contact.id as number;
    const chatAs = async (identifierHash: string, text: string) => {
      const shop = await serveCustomerSite(
        `<script src="${web.origin}/widget.js"></script>
         <script>window.parleySDK.run({ websiteToken: ${JSON.stringify(account.inbox.identifier)}, baseUrl: ${JSON.stringify(web.origin)} });
         window.parleySDK.setUser('crm-77', { identifier_hash: ${JSON.stringify(identifierHash)}, name: 'Signed In' });</script>`,
      );
      const context = await browser.newContext({ locale: 'en-US' });
      try {
        const page = await context.newPage();
        await page.goto(shop.url.replace('127.0.0.1', 'localhost'));
        await page.getByRole('button', { name: 'Open chat' }).click();
        const widget = page.frameLocator('#parley-frame');
        const input = widget.getByTestId('widget-message-input');
        await expect.poll(() => input.isEnabled(), { timeout: 10_000 }).toBe(true);
        await input.fill(text);
        await input.press('Enter');
        await widget.getByTestId('widget-message').filter({ hasText: text }).locator('text=Sending…').waitFor({ state: 'detached' });
        const { conversationId } = JSON.parse((await page.evaluate((key) => localStorage.getItem(key), `parley:visitor:${account.inbox.identifier}`))!);
        return (await agent.get(`/api/v1/accounts/${account.account.id}/conversations/${conversationId}`)).body.meta.sender as { id: number; name: string };
      } finally {
        await context.close();
        await shop.close();
      }
    };

    const forged = await chatAs(identityHash('a guessed secret', 'crm-77'), 'I am crm-77, honest');
    expect(forged.id).not.toBe(knownId);
    const signedIn = await chatAs(identityHash(account.inbox.hmacToken, 'crm-77'), 'Hello, it is me');
    expect(signedIn).toMatchObject({ id: knownId, name: 'Signed In' });
  });

  it('speaks Portuguese to a pt-BR browser', async () => {
    const context = await browser.newContext({ locale: 'pt-BR' });
    const page = await context.newPage();
    await page.goto(hostUrl);
    await page.getByRole('button', { name: 'Abrir chat' }).click();
    const input = page.frameLocator('#parley-frame').getByTestId('widget-message-input');
    await expect.poll(() => input.getAttribute('placeholder'), { timeout: 10_000 }).toBe('Digite sua mensagem…');
    await context.close();
  });
});
