import { randomUUID } from 'node:crypto';
import { ImapFlow } from 'imapflow';
import { simpleParser } from 'mailparser';
import { describe, expect, inject } from 'vitest';
import { eq } from 'drizzle-orm';
import { insertContact } from '../../../db/queries/contacts.js';
import { conversations } from '../../../db/schema/index.js';
import { apiTest } from '../../../tests/support/api-test.js';
import { bodyOf } from '../../../tests/support/mailbox.js';
import { createRoutedInbox, setAvailability } from '../../../tests/support/router.js';
import { apiClient } from '../../../tests/support/stack.js';
import { waitUntil } from '../../../tests/support/wait.js';

const digestDelayMs = 1500;
const it = apiTest({ mail: true, notificationDigestDelayMs: digestDelayMs });

type Notification = { notification_type: string; primary_actor_id: number; push_message_title: string; read_at: number | null };
const bellOf = (client: ReturnType<typeof apiClient>, base: string) => async () => (await client.get(`${base}/notifications`)).body.data.payload as Notification[];

/**
 * Assignments and messages that no agent made over the API (a routing rule's, the inbox router's, a
 * customer's mail) tell people exactly as the API's do: the bell, and the digest mail after the delay.
 */
describe('notifications from automation, the inbox router and mail', () => {
  it('a routing rule assigning an agent and answering the customer: the agent is told of both, and the digest mails them', { timeout: 90_000 }, async ({ stack, account, client: admin, base, mailbox }) => {
    const word = `kettle-${randomUUID().slice(0, 6)}`;
    const rule = await admin.post(`${base}/automation_rules`, {
      name: 'Kettles to Alan',
      event_name: 'message_created',
      conditions: [{ attribute_key: 'content', filter_operator: 'contains', values: [word] }],
      actions: [
        { action_name: 'assign_agent', action_params: [account.agent.id] },
        { action_name: 'send_message', action_params: ['Thanks, Alan will look at your kettle'] },
      ],
    });
    expect(rule.status).toBe(200);
    const contact = await insertContact(stack.db, { accountId: account.account.id, name: 'Kim Kettle' });
    const displayId: number = (await admin.post(`${base}/conversations`, { inbox_id: account.apiInbox.id, contact_id: contact.id })).body.id;
    await admin.post(`${base}/conversations/${displayId}/messages`, { content: `My ${word} leaks`, message_type: 'incoming' });

    const bell = bellOf(apiClient(stack, account.agent.token), base);
    await waitUntil(async () => (await bell()).filter((n) => n.primary_actor_id === displayId).length === 2, 'the rule’s two notifications', 30_000);
    const aboutIt = (await bell()).filter((n) => n.primary_actor_id === displayId);
    expect(aboutIt.map((n) => [n.notification_type, n.push_message_title])).toEqual([
      ['assigned_conversation_new_message', `New message in conversation #${displayId}: Thanks, Alan will look at your kettle`],
      ['conversation_assignment', `Automation System assigned you conversation #${displayId}`],
    ]);

    // Left unread, they are mailed once, together, after the delay (the rule's run started the timer).
    await waitUntil(async () => mailbox!.mailTo(account.agent.email).length > 0, 'the digest mail', 30_000);
    const mail = bodyOf(mailbox!.mailTo(account.agent.email)[0]);
    expect(mail).toContain('Assigned to you');
    expect(mail).toContain('New message in a conversation assigned to you');
    expect(mail).toContain(`/app/accounts/${account.account.id}/conversations/${displayId}`);
    await admin.delete(`${base}/automation_rules/${rule.body.payload.id}`);
  });

  it('the inbox router’s assignment starts the digest timer like a manual one, and the digest is in the agent’s language', { timeout: 90_000 }, async ({ stack, account, base, mailbox }) => {
    const { inboxId, agents } = await createRoutedInbox(stack, account, { agents: 1 });
    const [rita] = agents;
    const ritaClient = apiClient(stack, rita.token);
    expect((await ritaClient.put('/api/v1/profile', { ui_locale: 'pt_BR' })).status).toBe(200);
    await setAvailability(stack, account, rita, 'online');
    const contact = await insertContact(stack.db, { accountId: account.account.id, name: 'Rui Roteado' });
    const displayId: number = (await apiClient(stack, account.admin.token).post(`${base}/conversations`, { inbox_id: inboxId, contact_id: contact.id })).body.id;

    const bell = bellOf(ritaClient, base);
    await waitUntil(async () => (await bell()).some((n) => n.primary_actor_id === displayId && n.notification_type === 'conversation_assignment'), 'the router’s assignment in the bell', 30_000);
    const ritaAddress = (await ritaClient.get('/api/v1/profile')).body.email as string;
    await waitUntil(async () => mailbox!.mailTo(ritaAddress).length > 0, 'the digest mail after the router’s assignment', 30_000);
    const [mail] = mailbox!.mailTo(ritaAddress);
    const parsed = await simpleParser(mail.raw);
    expect(parsed.subject).toBe('Você tem 1 notificação não lida no Parley');
    const text = parsed.text ?? '';
    expect(text).toContain('Atribuída a você');
    expect(text).toContain('Abra o Parley para lê-las e respondê-las.');
    expect(text).not.toContain('Assigned to you');
    expect(text).toContain(`/app/accounts/${account.account.id}/conversations/${displayId}`);
  });

  it('a customer’s reply by mail into a conversation assigned to someone tells them', { timeout: 120_000 }, async ({ stack, account, client: admin, base }) => {
    const imap = inject('imap');
    const suffix = randomUUID().slice(0, 8);
    const address = `support-${suffix}@shop.example`;
    const customer = `mia-${suffix}@customer.example`;
    const mailboxClient = new ImapFlow({ host: imap.host, port: imap.port, secure: false, auth: { user: address, pass: 'imap-secret' }, logger: false });
    await mailboxClient.connect();
    const mail = (headers: Record<string, string>, body: string) =>
      Buffer.from([...Object.entries(headers).map(([name, value]) => `${name}: ${value}`), 'MIME-Version: 1.0', 'Content-Type: text/plain; charset=utf-8', '', body, ''].join('\r\n'));
    const firstId = `<first-${suffix}@customer.example>`;
    await mailboxClient.append('INBOX', mail({ From: customer, To: address, Subject: 'Blender', 'Message-ID': firstId }, 'The blender is noisy'));

    const inbox = await admin.post(`${base}/inboxes`, {
      name: `Mail ${suffix}`,
      channel: { type: 'email', email: address, imap_address: imap.host, imap_port: imap.port, imap_login: address, imap_password: 'imap-secret', imap_enable_ssl: false },
    });
    expect(inbox.status).toBe(200);
    // Read from Postgres: polling the list endpoint this often would meet its rate limit.
    const conversationsOfInbox = async () => (await stack.db.select({ displayId: conversations.displayId }).from(conversations).where(eq(conversations.inboxId, inbox.body.id))).map((c) => c.displayId);
    await waitUntil(async () => (await conversationsOfInbox()).length === 1, 'the first mail imported', 60_000);
    const [displayId] = await conversationsOfInbox();
    // Ada takes it (the agent is not a member of this inbox).
    expect((await admin.post(`${base}/conversations/${displayId}/assignments`, { assignee_id: account.admin.id })).status).toBe(200);

    const bell = bellOf(admin, base);
    const newMessages = async () => (await bell()).filter((n) => n.primary_actor_id === displayId && n.notification_type === 'assigned_conversation_new_message');
    expect(await newMessages()).toEqual([]);
    await mailboxClient.append('INBOX', mail({ From: customer, To: address, Subject: 'Re: Blender', 'Message-ID': `<second-${suffix}@customer.example>`, 'In-Reply-To': firstId }, 'Still noisy today'));
    await mailboxClient.logout();
    // Test connection polls at once (the poller would within a minute).
    await admin.post(`${base}/inboxes/${inbox.body.id}/test_connection`, {});
    await waitUntil(async () => (await newMessages()).length === 1, 'the reply’s notification', 90_000);
    expect((await newMessages())[0].push_message_title).toBe(`New message in conversation #${displayId}: Still noisy today`);
  });
});
