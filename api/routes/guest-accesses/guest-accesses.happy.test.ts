import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMailer } from '../../../core/services/mail/mailer.js';
import { insertContact } from '../../../db/queries/contacts.js';
import { portalPath, signInGuest } from '../../../tests/support/guest.js';
import { bodyOf, startMailbox } from '../../../tests/support/mailbox.js';
import { apiClient, createTestAccount, startTestStack, type TestAccount, type TestStack } from '../../../tests/support/stack.js';
import { readEventStream } from '../../../tests/support/visitor.js';

const guestAddress = '198.51.100.61';

describe('external access: an agent gives a guest a conversation, the guest reads and replies in the portal', () => {
  let stack: TestStack;
  let mailbox: Awaited<ReturnType<typeof startMailbox>>;
  let account: TestAccount;
  let agent: ReturnType<typeof apiClient>;
  let base: string;
  let conversationId: number;

  beforeAll(async () => {
    mailbox = await startMailbox();
    stack = await startTestStack({ worker: false, mailer: createMailer({ smtpUrl: mailbox.url, from: 'Parley <no-reply@parley.test>' }) });
    account = await createTestAccount(stack);
    agent = apiClient(stack, account.agent.token);
    base = `/api/v1/accounts/${account.account.id}`;
    const contact = await insertContact(stack.db, { accountId: account.account.id, name: 'Sofia Pedro', email: 'sofia.owner@example.test' });
    conversationId = (await agent.post(`${base}/conversations`, { inbox_id: account.inbox.id, contact_id: contact.id })).body.id;
  });
  afterAll(async () => {
    await stack.close();
    await mailbox.close();
  });

  it('creating it posts the first message with its file and mails one portal link; the guest signs in, reads, downloads and replies with a file; the agent sees both live', async () => {
    const consoleStream = readEventStream(await agent.raw(`${base}/events`));
    await consoleStream.waitFor((e) => e.event === 'ready');

    const form = new FormData();
    form.append('email', 'Vasco.Appraiser@example.test');
    form.append('password', 'lmo35Avalextern95');
    form.append('content', 'Good afternoon, here is the access declaration for the building.');
    form.append('send_email', 'true');
    form.append('attachments[]', new File([Buffer.from('%PDF-1.7 access declaration')], 'access declaration.pdf', { type: 'application/pdf' }));
    const created = await agent.post(`${base}/conversations/${conversationId}/guest_accesses`, form);
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({
      email: 'vasco.appraiser@example.test',
      status: 'active',
      created_by: { id: account.agent.id, name: 'Alan Agent' },
      email_sent: true,
      generated_password: null,
      portal_url: `http://localhost:3000/portal/${account.account.id}`,
      message: { content: 'Good afternoon, here is the access declaration for the building.', message_type: 1, attachments: [expect.objectContaining({ file_name: 'access declaration.pdf' })] },
    });

    const mails = mailbox.mailTo('vasco.appraiser@example.test');
    expect(mails).toHaveLength(1);
    const body = bodyOf(mails[0]);
    expect(body).toContain(`http://localhost:3000/portal/${account.account.id}`);
    expect(body).toContain('vasco.appraiser@example.test');
    expect(body).toMatch(new RegExp(`/portal/${account.account.id}/password\\?token=`));
    // The password is mailed only when the agent asks for it.
    expect(body).not.toContain('lmo35Avalextern95');

    const { client: guest, profile } = await signInGuest(stack, { accountId: account.account.id, email: 'vasco.appraiser@example.test', password: 'lmo35Avalextern95', address: guestAddress });
    expect(profile).toMatchObject({ account: { id: account.account.id, name: account.account.name }, guest: { email: 'vasco.appraiser@example.test' }, conversations: [{ id: conversationId, number: 1 }] });

    const messages = await guest.get(portalPath(account.account.id, `/conversations/${conversationId}/messages`));
    expect(messages.status).toBe(200);
    expect(messages.body.payload.map((m: { content: string }) => m.content)).toEqual(['Good afternoon, here is the access declaration for the building.']);
    const documents = await guest.get(portalPath(account.account.id, `/conversations/${conversationId}/documents`));
    expect(documents.body.payload).toEqual([expect.objectContaining({ file_name: 'access declaration.pdf', shared_by: { type: 'user', name: 'Alan Agent', is_you: false } })]);
    const download = await stack.app.request(documents.body.payload[0].data_url);
    expect(download.status).toBe(200);
    expect(await download.text()).toBe('%PDF-1.7 access declaration');

    const guestStream = readEventStream(await guest.raw(portalPath(account.account.id, '/events')));
    await guestStream.waitFor((e) => e.event === 'ready');

    const reply = new FormData();
    reply.append('content', 'Thank you, I will pass by tomorrow at 2 pm.');
    reply.append('attachments[]', new File([Buffer.from('%PDF-1.7 appraisal report')], 'report.pdf', { type: 'application/pdf' }));
    const replied = await guest.post(portalPath(account.account.id, `/conversations/${conversationId}/messages`), reply);
    expect(replied.status).toBe(200);
    expect(replied.body).toMatchObject({ message_type: 0, sender: { type: 'guest', name: 'vasco.appraiser@example.test' } });

    // The agent sees the guest's reply live, marked as the guest's, with its file.
    const live = await consoleStream.waitFor((e) => e.event === 'message.created' && e.data.message.content === 'Thank you, I will pass by tomorrow at 2 pm.');
    expect(live.data.message).toMatchObject({ sender_type: 'guest', sender: { type: 'guest', name: 'vasco.appraiser@example.test' }, attachments: [expect.objectContaining({ file_name: 'report.pdf' })] });
    const thread = await agent.get(`${base}/conversations/${conversationId}/messages`);
    expect(thread.body.payload.map((m: { content: string }) => m.content)).toEqual(['Good afternoon, here is the access declaration for the building.', 'Thank you, I will pass by tomorrow at 2 pm.']);

    // The agent answers; the guest sees it live, and both files are in the Documents panel.
    await agent.post(`${base}/conversations/${conversationId}/messages`, { content: 'Perfect, see you then.' });
    await guestStream.waitFor((e) => e.event === 'message.created' && e.data.content === 'Perfect, see you then.');
    const after = await guest.get(portalPath(account.account.id, `/conversations/${conversationId}/documents`));
    expect(after.body.payload.map((d: { file_name: string; shared_by: { is_you: boolean } }) => [d.file_name, d.shared_by.is_you])).toEqual([
      ['access declaration.pdf', false],
      ['report.pdf', true],
    ]);
    await guestStream.close();
    await consoleStream.close();
  });

  it('manage external access lists who gave it, when, and the last sign-in; resend mails a fresh link that sets the password', async () => {
    const list = await agent.get(`${base}/conversations/${conversationId}/guest_accesses`);
    expect(list.body.payload).toEqual([
      expect.objectContaining({ email: 'vasco.appraiser@example.test', status: 'active', created_by: { id: account.agent.id, name: 'Alan Agent' }, last_sign_in_at: expect.any(Number) }),
    ]);
    const accessId = list.body.payload[0].id;
    const resent = await agent.post(`${base}/conversations/${conversationId}/guest_accesses/${accessId}/resend`);
    expect(resent.body.email_sent).toBe(true);
    const mails = mailbox.mailTo('vasco.appraiser@example.test');
    expect(mails).toHaveLength(2);
    const token = decodeURIComponent(/password\?token=([\w%-]+)/.exec(bodyOf(mails[1]))![1]);

    const weak = await stack.app.request(portalPath(account.account.id, '/password'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token, password: 'short' }) });
    expect(weak.status).toBe(422);
    expect(((await weak.json()) as { error: { field: string } }).error.field).toBe('password');
    const set = await stack.app.request(portalPath(account.account.id, '/password'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token, password: 'My own Passw0rd here' }) });
    expect(set.status).toBe(200);
    // The link works once.
    const again = await stack.app.request(portalPath(account.account.id, '/password'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token, password: 'Another Passw0rd here' }) });
    expect(again.status).toBe(422);
    await signInGuest(stack, { accountId: account.account.id, email: 'vasco.appraiser@example.test', password: 'My own Passw0rd here', address: guestAddress });
  });

  it('without a password one is generated and handed back once; include_password puts a typed password in the mail', async () => {
    const generated = await agent.post(`${base}/conversations/${conversationId}/guest_accesses`, { content: 'For the owner', send_email: false });
    expect(generated.status).toBe(200);
    expect(generated.body).toMatchObject({ email: 'sofia.owner@example.test', email_sent: false, generated_password: expect.stringMatching(/^\w{16}$/) });
    expect(mailbox.mailTo('sofia.owner@example.test')).toHaveLength(0);
    await signInGuest(stack, { accountId: account.account.id, email: 'sofia.owner@example.test', password: generated.body.generated_password, address: guestAddress });

    const typed = await agent.post(`${base}/conversations/${conversationId}/guest_accesses`, {
      email: 'notary@example.test',
      password: 'Deed-Access-2026x',
      content: 'Deed draft attached soon',
      include_password: true,
    });
    expect(typed.body.email_sent).toBe(true);
    expect(bodyOf(mailbox.mailTo('notary@example.test')[0])).toContain('Deed-Access-2026x');
  });

  it('forgotten password mails a link to a guest, and answers the same for anyone else', async () => {
    const asked = await stack.app.request(portalPath(account.account.id, '/password/forgot'), { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': guestAddress }, body: JSON.stringify({ email: 'notary@example.test' }) });
    expect(asked.status).toBe(200);
    expect(mailbox.mailTo('notary@example.test')).toHaveLength(2);
    const nobody = await stack.app.request(portalPath(account.account.id, '/password/forgot'), { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': guestAddress }, body: JSON.stringify({ email: 'nobody@example.test' }) });
    expect(nobody.status).toBe(200);
    expect(mailbox.mailTo('nobody@example.test')).toHaveLength(0);
  });
});
