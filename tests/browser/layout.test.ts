/// <reference lib="dom" />
import type { Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { settingsSections } from '../../web/src/lib/settings-sections.js';
import { insertContact } from '../../db/queries/contacts.js';
import { serveCustomerSite } from '../support/browser.js';
import { browserTest } from '../support/browser-test.js';

/**
 * Every main page, in English and Portuguese, on a laptop and on a phone: no text spills out of its
 * box or is cut without an ellipsis, no button, tab or menu entry wraps onto a second line, the page
 * never scrolls sideways, the browser logs no error and no request fails (closed event streams
 * aside). A failure names the page, the element and its text.
 */
const it = browserTest({ worker: false })
  .extend('seeded', { scope: 'file' }, async ({ stack, account, client, base }) => {
    const contact = await insertContact(stack.db, { accountId: account.account.id, name: 'Maria Conceição dos Santos Albuquerque', email: 'maria.conceicao.albuquerque@example.test' });
    const conversation = await client.post(`${base}/conversations`, { inbox_id: account.inbox.id, contact_id: contact.id });
    const path = `${base}/conversations/${conversation.body.id}/messages`;
    await client.post(path, { content: 'Olá! O meu pedido ainda não chegou, podem verificar o que aconteceu com a entrega?', message_type: 'incoming' });
    await client.post(path, { content: 'Claro, estou a verificar com a transportadora.' });
    await client.post(path, { content: 'Nota interna: confirmar com o armazém', private: true });
    await client.post(`${base}/conversations/${conversation.body.id}/labels`, { labels: ['entrega-atrasada'] });
    const direct = await client.post(`${base}/direct_conversations`, { user_ids: [account.agent.id], content: 'Alan, consegue cobrir as minhas conversas das 15h às 17h amanhã?' });
    const guestAccess = await client.post(`${base}/conversations/${conversation.body.id}/guest_accesses`, {
      email: 'avaliador.vasco.albuquerque@example.test',
      password: guestPassword,
      content: 'Segue a declaração de acesso ao edifício para a vistoria.',
      send_email: false,
    });
    if (direct.status !== 200 || guestAccess.status >= 300) throw new Error(`seeding failed: direct ${direct.status}, guest access ${guestAccess.status} ${JSON.stringify(guestAccess.body)}`);
    return { contactId: contact.id, conversationId: conversation.body.id as number, directConversationId: direct.body.id as number, guestEmail: 'avaliador.vasco.albuquerque@example.test' };
  })
  .extend('site', { scope: 'file' }, async ({ account, web }, { onCleanup }) => {
    const site = await serveCustomerSite(
      `<script src="${web.origin}/widget.js"></script>
       <script>window.parleySDK.run({ websiteToken: ${JSON.stringify(account.inbox.identifier)}, baseUrl: ${JSON.stringify(web.origin)} });</script>`,
    );
    onCleanup(() => site.close());
    return site;
  });

const guestPassword = 'Vistoria-Predial-77';

const viewports = [
  { name: 'laptop', width: 1440, height: 900 },
  { name: 'phone', width: 390, height: 844 },
] as const;
const locales = ['en-US', 'pt-BR'] as const;

type Problem = { element: string; text: string; issue: string };

/** Runs in the page: every rendered element with text of its own that overflows, is clipped, or wraps where it must not. */
function findLayoutProblems(): Problem[] {
  const problems: Problem[] = [];
  const describe = (element: Element) => {
    const id = element.getAttribute('data-testid') ?? element.id;
    const classes = [...element.classList].join('.');
    return `${element.tagName.toLowerCase()}${id ? `[${id}]` : ''}${classes ? `.${classes}` : ''}`;
  };
  const textNodesWithin = (element: Element) => {
    const nodes: Node[] = [];
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) nodes.push(node);
    return nodes;
  };
  const root = document.documentElement;
  if (root.scrollWidth > window.innerWidth + 1) {
    // Name the outermost elements that stick out, which is where the fix goes.
    const sticking = [...document.querySelectorAll('body *')].filter(
      (element) => element.getBoundingClientRect().right > window.innerWidth + 1 && (element.parentElement?.getBoundingClientRect().right ?? 0) <= window.innerWidth + 1,
    );
    const culprits = sticking.slice(0, 3).map((element) => `${describe(element)} "${(element.textContent ?? '').trim().slice(0, 40)}"`).join(', ');
    problems.push({ element: 'page', text: '', issue: `scrolls sideways (${root.scrollWidth}px wide in ${window.innerWidth}px): ${culprits}` });
  }
  // A placeholder is the field's only label while it is empty: it must show whole ("+ Adicionar etiqueta" was cut).
  const measure = document.createElement('canvas').getContext('2d')!;
  for (const field of document.querySelectorAll<HTMLInputElement>('input[placeholder]:not([type="hidden"])')) {
    if (field.value || field.getClientRects().length === 0) continue;
    const style = getComputedStyle(field);
    measure.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
    const room = field.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    const needed = measure.measureText(field.placeholder).width;
    if (needed > room + 1) problems.push({ element: describe(field), text: field.placeholder, issue: `placeholder is cut (${Math.ceil(needed)}px in ${Math.floor(room)}px)` });
  }
  for (const element of document.querySelectorAll<HTMLElement>('body *')) {
    if (['INPUT', 'TEXTAREA', 'SELECT', 'OPTION', 'SCRIPT', 'STYLE'].includes(element.tagName) || element instanceof SVGElement) continue;
    const style = getComputedStyle(element);
    if (style.display === 'inline' || style.display === 'none' || style.visibility === 'hidden' || element.getClientRects().length === 0) continue;
    // SvelteKit's route announcer is a 1px live region for screen readers, hidden from sight by design.
    if (element.closest('[aria-hidden="true"], .visually-hidden, #svelte-announcer')) continue;
    // A control's label may sit in inline children (a link's <span>): its box must hold all of it.
    const isControl = element.matches('button, [role="tab"], [role="menuitem"], nav a, .pill, .badge, .tab');
    const candidates = isControl ? textNodesWithin(element) : [...element.childNodes];
    const textNodes = candidates.filter((node): node is Text => node.nodeType === Node.TEXT_NODE && node.textContent!.trim() !== '' && !node.parentElement?.closest('.visually-hidden'));
    if (textNodes.length === 0) continue;
    const text = textNodes.map((node) => node.textContent!.trim()).join(' ');
    const scrolls = ['auto', 'scroll'].includes(style.overflowX);
    if (!scrolls && style.textOverflow !== 'ellipsis' && element.scrollWidth > element.clientWidth + 1) {
      problems.push({ element: describe(element), text, issue: `overflows its box (${element.scrollWidth}px of text in ${element.clientWidth}px)` });
    }
    if (isControl) {
      for (const node of textNodes) {
        const range = document.createRange();
        range.selectNodeContents(node);
        const tops = new Set([...range.getClientRects()].filter((rect) => rect.width > 0).map((rect) => Math.round(rect.top)));
        if (tops.size > 1) problems.push({ element: describe(element), text, issue: `"${node.textContent!.trim()}" wraps onto ${tops.size} lines` });
      }
    }
  }
  return problems;
}

/** Collects what a person would see go wrong in the browser's console and network panel. */
function watchForErrors(page: Page) {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
  page.on('response', (response) => {
    if (response.status() >= 400) errors.push(`HTTP ${response.status()} ${response.request().method()} ${new URL(response.url()).pathname}`);
  });
  page.on('requestfailed', (request) => {
    // Leaving a page cancels what it still had in flight, and closes its event stream: nothing was lost.
    if (new URL(request.url()).pathname.endsWith('/events') || request.failure()?.errorText === 'net::ERR_ABORTED') return;
    errors.push(`request failed: ${request.method()} ${new URL(request.url()).pathname} (${request.failure()?.errorText})`);
  });
  return errors;
}

async function settle(page: Page) {
  await page.waitForLoadState('load');
  // Fonts and the first data render; the checks read layout, so wait for it to stop changing.
  await page.evaluate(() => document.fonts.ready);
  await page
    .waitForFunction(() => ![...document.querySelectorAll('body *')].some((element) => /^(Loading|Carregando)…$/.test(element.textContent?.trim() ?? '')), undefined, { timeout: 10_000 })
    .catch(() => undefined);
  await page.waitForTimeout(150);
}

describe('layouts in a real browser', () => {
  for (const locale of locales) {
    for (const viewport of viewports) {
      // Every settings section is walked, so the cap grows with them (the first run also warms the console up).
      it(`every console page, the widget and the guest portal, ${locale}, ${viewport.name} ${viewport.width}×${viewport.height}`, { timeout: 180_000 }, async ({ account, web, site, seeded, newPage, signIn }) => {
        const page = await newPage({ locale, viewport: { width: viewport.width, height: viewport.height } });
        const errors = watchForErrors(page);
        const report: string[] = [];
        const check = async (label: string) => {
          await settle(page);
          for (const problem of await page.evaluate(findLayoutProblems)) report.push(`${label}: ${problem.element} "${problem.text}" ${problem.issue}`);
          for (const error of errors.splice(0)) report.push(`${label}: ${error}`);
        };

        await page.goto(`${web.origin}/app`);
        await page.waitForURL(/\/login/);
        await check('signed out, /app');
        await signIn(page, account.admin);
        const app = `${web.origin}/app/accounts/${account.account.id}`;
        const pages: [string, string][] = [
          ['conversation list', `${app}/conversations`],
          ['conversation', `${app}/conversations/${seeded.conversationId}`],
          ['contacts', `${app}/contacts`],
          ['contact', `${app}/contacts/${seeded.contactId}`],
          ['API access tokens', `${app}/profile/access-tokens`],
          ['direct messages', `${app}/direct-messages`],
          ['direct conversation', `${app}/direct-messages/${seeded.directConversationId}`],
          ['inbox settings', `${app}/settings/inboxes/${account.inbox.id}`],
          ...['overview', 'conversations', 'agents', 'labels', 'csat'].map((report): [string, string] => [`reports › ${report}`, `${app}/reports/${report}`]),
          ...settingsSections.map((section): [string, string] => [`settings › ${section.path}`, `${app}/settings/${section.path}`]),
        ];
        for (const [label, url] of pages) {
          await page.goto(url);
          await check(label);
          if (process.env.LAYOUT_SCREENSHOTS) await page.screenshot({ path: `${process.env.LAYOUT_SCREENSHOTS}/${locale}-${viewport.name}-${label.replace(/\W+/g, '-')}.png` });
        }

        await page.goto(site.url);
        await page.locator('#parley-launcher').click();
        await page.frameLocator('#parley-frame').getByTestId('widget-message-input').waitFor();
        await check('widget on a customer site');
        const widget = page.frames().find((frame) => new URL(frame.url()).pathname === '/widget');
        for (const problem of (await widget?.evaluate(findLayoutProblems)) ?? []) report.push(`widget: ${problem.element} "${problem.text}" ${problem.issue}`);

        if (process.env.LAYOUT_SCREENSHOTS) await page.screenshot({ path: `${process.env.LAYOUT_SCREENSHOTS}/${locale}-${viewport.name}-widget.png` });

        // The guest portal, in a browser of its own (no agent session): sign-in, then the conversation.
        const guest = await newPage({ locale, viewport: { width: viewport.width, height: viewport.height } });
        const guestErrors = watchForErrors(guest);
        const checkGuest = async (label: string) => {
          await settle(guest);
          for (const problem of await guest.evaluate(findLayoutProblems)) report.push(`${label}: ${problem.element} "${problem.text}" ${problem.issue}`);
          for (const error of guestErrors.splice(0)) report.push(`${label}: ${error}`);
          if (process.env.LAYOUT_SCREENSHOTS) await guest.screenshot({ path: `${process.env.LAYOUT_SCREENSHOTS}/${locale}-${viewport.name}-${label.replace(/\W+/g, '-')}.png` });
        };
        await guest.goto(`${web.origin}/portal/${account.account.id}/login`);
        await guest.getByTestId('portal-email').waitFor();
        await checkGuest('portal sign-in');
        await guest.getByTestId('portal-email').fill(seeded.guestEmail);
        await guest.getByTestId('portal-password').fill(guestPassword);
        await guest.getByTestId('portal-sign-in').click();
        await guest.getByTestId('guest-portal').waitFor();
        await guest.getByTestId('portal-message-content').first().waitFor();
        await checkGuest('portal conversation');
        expect(report, report.join('\n')).toEqual([]);
      });
    }
  }
});
