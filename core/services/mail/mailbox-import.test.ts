import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { ImapFlow } from 'imapflow';
import { describe, expect, inject } from 'vitest';
import { conversations, mailboxStates, messages } from '../../../db/schema/index.js';
import { apiTest } from '../../../tests/support/api-test.js';
import { freePort } from '../../../scripts/lib/temporal-cli.js';
import { waitUntil } from '../../../tests/support/wait.js';

const it = apiTest();

/** A raw mail as a customer's mail program would write it. */
function rawMail(headers: Record<string, string>, body: string, attachment?: { name: string; type: string; content: Buffer }) {
  const head = Object.entries(headers).map(([name, value]) => `${name}: ${value}`);
  if (!attachment) return Buffer.from([...head, 'MIME-Version: 1.0', 'Content-Type: text/html; charset=utf-8', '', body, ''].join('\r\n'));
  const boundary = `b-${randomUUID()}`;
  return Buffer.from(
    [
      ...head,
      'MIME-Version: 1.0',
      `Content-Type: multipart/mixed; boundary="${boundary}"`,
      '',
      `--${boundary}`,
      'Content-Type: text/plain; charset=utf-8',
      '',
      body,
      `--${boundary}`,
      `Content-Type: ${attachment.type}; name="${attachment.name}"`,
      `Content-Disposition: attachment; filename="${attachment.name}"`,
      'Content-Transfer-Encoding: base64',
      '',
      attachment.content.toString('base64'),
      `--${boundary}--`,
      '',
    ].join('\r\n'),
  );
}

describe('mail arriving in an email inbox’s IMAP mailbox', () => {
  it('becomes threaded conversations with their files, imported once however often it is polled', { timeout: 120_000 }, async ({ stack, account, client, base }) => {
    const imap = inject('imap');
    const suffix = randomUUID().slice(0, 8);
    const address = `support-${suffix}@shop.example`;
    const customer = `nina-${suffix}@customer.example`;
    // The customer's mail reaches the mailbox (an IMAP APPEND is what delivery does on the server).
    const mailbox = new ImapFlow({ host: imap.host, port: imap.port, secure: false, auth: { user: address, pass: 'imap-secret' }, logger: false });
    await mailbox.connect();
    const deliver = (mail: Buffer) => mailbox.append('INBOX', mail);
    const firstId = `<first-${suffix}@customer.example>`;
    const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(2000, 0x41), Buffer.from('\n%%EOF\n')]);
    await deliver(rawMail({ From: `Nina <${customer}>`, To: address, Subject: 'Kettle broken', 'Message-ID': firstId }, '<p onclick="steal()">It <b>stopped</b> working<script>alert(1)</script></p>'));
    await deliver(rawMail({ From: customer, To: address, Subject: 'Re: Kettle broken', 'Message-ID': `<second-${suffix}@customer.example>`, 'In-Reply-To': firstId, References: firstId }, '<p>Any news?</p>'));
    await deliver(
      rawMail(
        { From: customer, To: address, Subject: 'Re: Invoice 12', 'Message-ID': `<third-${suffix}@customer.example>`, References: `<unknown-${suffix}@elsewhere.example>` },
        'The invoice is attached',
        { name: 'invoice.pdf', type: 'application/pdf', content: pdf },
      ),
    );

    const inbox = await client.post(`${base}/inboxes`, {
      name: 'Support',
      channel: { type: 'email', email: address, imap_address: imap.host, imap_port: imap.port, imap_login: address, imap_password: 'imap-secret', imap_enable_ssl: false },
    });
    expect(inbox.status).toBe(200);
    const inboxId: number = inbox.body.id;
    const stored = () => stack.db.select().from(messages).where(eq(messages.inboxId, inboxId)).orderBy(messages.id);
    await waitUntil(async () => (await stored()).length === 3, 'the three mails to be imported', 60_000);

    const rows = await stored();
    const threads = await stack.db.select().from(conversations).where(eq(conversations.inboxId, inboxId)).orderBy(conversations.id);
    expect(threads).toHaveLength(2);
    expect(threads[0].additionalAttributes.mailSubject).toBe('Kettle broken');
    expect(rows.filter((row) => row.conversationId === threads[0].id)).toHaveLength(2);
    expect(rows.filter((row) => row.conversationId === threads[1].id)).toHaveLength(1);
    expect(rows.every((row) => row.messageType === 'incoming' && row.senderType === 'contact')).toBe(true);
    const contacts = await client.get(`${base}/contacts/search?q=${encodeURIComponent(customer)}`);
    expect(contacts.body.payload).toHaveLength(1);
    expect(contacts.body.payload[0].name).toBe('Nina');

    // Displayable HTML is sanitised; the text is the message.
    const html = (rows[0].contentAttributes.email as { html_content: { full: string } }).html_content.full;
    expect(html).toContain('<b>stopped</b>');
    expect(html).not.toMatch(/script|onclick/);
    expect(rows[0].content).toContain('It stopped working');

    // The attachment downloads as it was sent.
    const thread = await client.get(`${base}/conversations/${threads[1].displayId}/messages`);
    const [file] = thread.body.payload[0].attachments;
    expect(file).toMatchObject({ file_name: 'invoice.pdf', content_type: 'application/pdf' });
    const download = await client.raw(file.data_url);
    expect(Buffer.from(await download.arrayBuffer()).equals(pdf)).toBe(true);

    // Polling again, a duplicate delivery, and a poller that lost its place import nothing new.
    const checkedAt = async () => (await stack.db.select().from(mailboxStates).where(eq(mailboxStates.inboxId, inboxId)))[0]?.lastCheckedAt?.getTime() ?? 0;
    const pollAgain = async () => {
      const before = await checkedAt();
      const tested = await client.post(`${base}/inboxes/${inboxId}/test_connection`);
      expect(tested.body.imap).toEqual({ ok: true, error: null });
      await waitUntil(async () => (await checkedAt()) > before, 'the mailbox to be polled again', 30_000);
    };
    await pollAgain();
    await deliver(rawMail({ From: customer, To: address, Subject: 'Kettle broken', 'Message-ID': firstId }, '<p>It stopped working</p>'));
    await pollAgain();
    await stack.db.update(mailboxStates).set({ lastUid: 0 }).where(eq(mailboxStates.inboxId, inboxId));
    await pollAgain();
    expect(await stored()).toHaveLength(3);
    await mailbox.logout();

    const shown = await client.get(`${base}/inboxes/${inboxId}`);
    expect(shown.body.imap_connection).toMatchObject({ state: 'connected', failing_since: null, last_error: null });
    expect(JSON.stringify(shown.body)).not.toContain('imap-secret');
  });

  it('a mailbox that cannot be reached shows failing, since when and why', { timeout: 60_000 }, async ({ stack, client, base }) => {
    const suffix = randomUUID().slice(0, 8);
    const closedPort = await freePort();
    const inbox = await client.post(`${base}/inboxes`, {
      name: 'Unreachable',
      channel: { type: 'email', email: `down-${suffix}@shop.example`, imap_address: '127.0.0.1', imap_port: closedPort, imap_login: 'x', imap_password: 'y' },
    });
    const tested = await client.post(`${base}/inboxes/${inbox.body.id}/test_connection`);
    expect(tested.body.imap.ok).toBe(false);
    expect(tested.body.imap.error).toBeTruthy();
    expect(tested.body.smtp).toBeNull();
    await waitUntil(
      async () => (await stack.db.select().from(mailboxStates).where(and(eq(mailboxStates.inboxId, inbox.body.id), eq(mailboxStates.state, 'failing')))).length === 1,
      'the poller to record the failure',
    );
    const shown = await client.get(`${base}/inboxes/${inbox.body.id}`);
    expect(shown.body.imap_connection.state).toBe('failing');
    expect(shown.body.imap_connection.failing_since).toBeGreaterThan(0);
    expect(shown.body.imap_connection.last_error).toBeTruthy();
  });
});
