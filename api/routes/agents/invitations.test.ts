import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMailer } from '../../../core/services/mail/mailer.js';
import { accountInvitations, accountMemberships, users } from '../../../db/schema/index.js';
import { bodyOf, startMailbox } from '../../../tests/support/mailbox.js';
import { apiClient, createTestAccount, startTestStack, type TestAccount, type TestStack } from '../../../tests/support/stack.js';

describe('inviting someone who already uses Parley elsewhere', () => {
  let stack: TestStack;
  let mailbox: Awaited<ReturnType<typeof startMailbox>>;
  let home: TestAccount;
  let inviting: TestAccount;
  let admin: ReturnType<typeof apiClient>;
  let base: string;

  beforeAll(async () => {
    mailbox = await startMailbox();
    stack = await startTestStack({ worker: false, mailer: createMailer({ smtpUrl: mailbox.url, from: 'Parley <no-reply@parley.test>' }) });
    home = await createTestAccount(stack);
    inviting = await createTestAccount(stack);
    admin = apiClient(stack, inviting.admin.token);
    base = `/api/v1/accounts/${inviting.account.id}`;
  });
  afterAll(async () => {
    await stack.close();
    await mailbox.close();
  });

  it('sends an invitation e-mail with the accept link; the person joins only when they accept, with their own name', async () => {
    const invited = await admin.post(`${base}/agents`, { name: 'Alan from Home', email: home.agent.email, role: 'administrator' });
    expect(invited.status).toBe(200);
    expect(invited.body).toMatchObject({ id: home.agent.id, name: 'Alan from Home', confirmed: false, role: 'administrator', invitation: { status: 'pending', email_sent: true } });
    const invitationId: number = invited.body.invitation.id;

    const [mail] = mailbox.mailTo(home.agent.email);
    expect(mail).toBeDefined();
    expect(bodyOf(mail)).toContain(`http://localhost:3000/app/invitations/${invitationId}`);
    expect(bodyOf(mail)).toContain(inviting.account.name);

    // Not a member yet: not listed, no access, nothing about them changed.
    expect((await admin.get(`${base}/agents`)).body.map((a: { id: number }) => a.id)).not.toContain(home.agent.id);
    const invitee = apiClient(stack, home.agent.token);
    expect((await invitee.get(`${base}/conversations`)).status).toBe(404);
    expect((await admin.get(`${base}/agent_invitations`)).body.payload).toContainEqual(expect.objectContaining({ email: home.agent.email, invitation: expect.objectContaining({ id: invitationId }) }));

    const mine = await invitee.get('/api/v1/profile/invitations');
    expect(mine.body.payload).toEqual([
      expect.objectContaining({ id: invitationId, account: { id: inviting.account.id, name: inviting.account.name }, role: 'administrator', invited_by: 'Ada Admin' }),
    ]);
    const accepted = await invitee.post(`/api/v1/profile/invitations/${invitationId}/accept`);
    expect(accepted.status).toBe(200);
    expect(accepted.body.accounts.map((a: { id: number }) => a.id).sort()).toEqual([home.account.id, inviting.account.id].sort());
    expect((await invitee.get(`${base}/conversations`)).status).toBe(200);

    const member = (await admin.get(`${base}/agents`)).body.find((a: { id: number }) => a.id === home.agent.id);
    expect(member).toMatchObject({ name: 'Alan Agent', role: 'administrator', confirmed: true });
    const [user] = await stack.db.select().from(users).where(eq(users.id, home.agent.id));
    expect(user.name).toBe('Alan Agent');
    expect((await admin.get(`${base}/agent_invitations`)).body.payload).toEqual([]);
    // Accepting twice is not a second membership.
    expect((await invitee.post(`/api/v1/profile/invitations/${invitationId}/accept`)).status).toBe(404);
  });

  it('a declined invitation leaves the person out, and the account sees it no more', async () => {
    const invited = await admin.post(`${base}/agents`, { name: 'Olga', email: home.outsider.email, role: 'agent' });
    const invitee = apiClient(stack, home.outsider.token);
    expect((await invitee.post(`/api/v1/profile/invitations/${invited.body.invitation.id}/decline`)).status).toBe(200);
    expect((await invitee.get(`${base}/conversations`)).status).toBe(404);
    expect((await admin.get(`${base}/agent_invitations`)).body.payload).toEqual([]);
    expect((await invitee.get('/api/v1/profile/invitations')).body.payload).toEqual([]);
  });

  it('adding the same person again renews the one invitation instead of stacking them', async () => {
    const other = await createTestAccount(stack);
    const first = await admin.post(`${base}/agents`, { name: 'Bea', email: other.admin.email, role: 'agent' });
    const second = await admin.post(`${base}/agents`, { name: 'Bea B.', email: other.admin.email, role: 'administrator' });
    expect(second.body.invitation.id).toBe(first.body.invitation.id);
    const open = (await admin.get(`${base}/agent_invitations`)).body.payload.filter((i: { email: string }) => i.email === other.admin.email);
    expect(open).toEqual([expect.objectContaining({ name: 'Bea B.', role: 'administrator' })]);
    expect(mailbox.mailTo(other.admin.email)).toHaveLength(2);
  });

  it('re-adding someone over and over stops mailing them after a few times, but the invitation stays', async () => {
    const other = await createTestAccount(stack);
    const answers = [];
    for (let attempt = 0; attempt < 5; attempt++) answers.push((await admin.post(`${base}/agents`, { name: 'Spam?', email: other.agent.email, role: 'agent' })).body);
    expect(answers.map((a) => a.invitation.email_sent)).toEqual([true, true, true, false, false]);
    expect(mailbox.mailTo(other.agent.email)).toHaveLength(3);
    expect((await apiClient(stack, other.agent.token).get('/api/v1/profile/invitations')).body.payload).toHaveLength(1);
  });

  it('a withdrawn or expired invitation cannot be accepted', async () => {
    const other = await createTestAccount(stack);
    const withdrawn = await admin.post(`${base}/agents`, { name: 'X', email: other.agent.email, role: 'agent' });
    expect((await admin.delete(`${base}/agent_invitations/${withdrawn.body.invitation.id}`)).status).toBe(200);
    const invitee = apiClient(stack, other.agent.token);
    expect((await invitee.post(`/api/v1/profile/invitations/${withdrawn.body.invitation.id}/accept`)).status).toBe(404);

    const expiring = await admin.post(`${base}/agents`, { name: 'Y', email: other.outsider.email, role: 'agent' });
    // Two weeks pass.
    await stack.db.update(accountInvitations).set({ expiresAt: sql`now() - interval '1 second'` }).where(eq(accountInvitations.id, expiring.body.invitation.id));
    expect((await apiClient(stack, other.outsider.token).post(`/api/v1/profile/invitations/${expiring.body.invitation.id}/accept`)).status).toBe(404);
    const memberships = await stack.db.select().from(accountMemberships).where(eq(accountMemberships.accountId, inviting.account.id));
    expect(memberships.map((m) => m.userId)).not.toContain(other.agent.id);
    expect(memberships.map((m) => m.userId)).not.toContain(other.outsider.id);
  });

  it('only the invitee can accept, and only administrators see or withdraw invitations', async () => {
    const other = await createTestAccount(stack);
    const invited = await admin.post(`${base}/agents`, { name: 'Z', email: other.agent.email, role: 'administrator' });
    const id = invited.body.invitation.id;
    const bystander = apiClient(stack, other.outsider.token);
    expect((await bystander.post(`/api/v1/profile/invitations/${id}/accept`)).status).toBe(404);
    expect((await bystander.get('/api/v1/profile/invitations')).body.payload).toEqual([]);
    const agentOfInviting = apiClient(stack, inviting.agent.token);
    expect((await agentOfInviting.get(`${base}/agent_invitations`)).status).toBe(403);
    expect((await agentOfInviting.delete(`${base}/agent_invitations/${id}`)).status).toBe(403);
    expect((await agentOfInviting.post(`${base}/agents`, { name: 'Friend', email: other.outsider.email, role: 'administrator' })).status).toBe(403);
    const strangerAdmin = apiClient(stack, other.admin.token);
    expect((await strangerAdmin.delete(`/api/v1/accounts/${other.account.id}/agent_invitations/${id}`)).status).toBe(404);
    expect((await apiClient(stack).get('/api/v1/profile/invitations')).status).toBe(401);
    // Still open for the right person.
    expect((await apiClient(stack, other.agent.token).post(`/api/v1/profile/invitations/${id}/accept`)).status).toBe(200);
  });

  it('an e-mail already in the account is refused, naming the field', async () => {
    const response = await admin.post(`${base}/agents`, { name: 'Again', email: inviting.agent.email, role: 'agent' });
    expect(response.status).toBe(422);
    expect(response.body.error.field).toBe('email');
  });
});

describe('inviting with no mail server configured', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ worker: false });
  });
  afterAll(() => stack.close());

  it('still records the invitation, says the e-mail was not sent, and the invitee finds it in Parley', async () => {
    const home = await createTestAccount(stack);
    const inviting = await createTestAccount(stack);
    const invited = await apiClient(stack, inviting.admin.token).post(`/api/v1/accounts/${inviting.account.id}/agents`, { name: 'A', email: home.agent.email, role: 'agent' });
    expect(invited.body.invitation).toMatchObject({ status: 'pending', email_sent: false });
    expect((await apiClient(stack, home.agent.token).get('/api/v1/profile/invitations')).body.payload).toHaveLength(1);
  });
});
