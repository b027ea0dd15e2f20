import { sql } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { insertContact } from '../../db/queries/contacts.js';
import { accounts } from '../../db/schema/index.js';
import { addUserToAccount, createAccount, createInboxRecord } from '../../core/services/accounts/bootstrap.js';
import { findOrCreateContactInbox, insertConversation } from '../../core/services/conversations/create.js';
import { recordMessage } from '../../core/services/messages/record.js';

export const demoLogins = {
  administrator: 'admin@parley.local',
  agent: 'agent@parley.local',
} as const;

/** On an empty database, creates a demo account people can sign in to and look around; otherwise does nothing. */
export async function seedDemoAccount(db: Database, password: string): Promise<{ created: boolean }> {
  return db.transaction(async (tx) => {
    // Serialises concurrent first starts so only one of them seeds.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('parley-demo-seed'))`);
    const [existing] = await tx.select({ id: accounts.id }).from(accounts).limit(1);
    if (existing) return { created: false };
    const account = await createAccount(tx, { name: 'Acme Inc' });
    const admin = await addUserToAccount(tx, { accountId: account.id, name: 'Ada Admin', email: demoLogins.administrator, password, role: 'administrator', availability: 'online' });
    const agent = await addUserToAccount(tx, { accountId: account.id, name: 'Alan Agent', email: demoLogins.agent, password, role: 'agent', availability: 'online' });
    const website = await createInboxRecord(tx, {
      accountId: account.id,
      name: 'Acme website',
      channelType: 'web_widget',
      settings: { websiteUrl: 'http://localhost:3000', widgetColor: '#1f93ff', welcomeTitle: 'Hi there 👋', welcomeTagline: 'We usually reply in a few minutes.' },
      memberIds: [admin.id, agent.id],
    });
    await createInboxRecord(tx, { accountId: account.id, name: 'Acme API', channelType: 'api', memberIds: [admin.id, agent.id] });
    const contact = await insertContact(tx, {
      accountId: account.id,
      name: 'Carla Customer',
      email: 'carla@example.com',
      additionalAttributes: { city: 'Lisbon', country: 'Portugal', companyName: 'Example Lda' },
    });
    const contactInbox = await findOrCreateContactInbox(tx, { contactId: contact.id, inboxId: website.id });
    const conversation = await insertConversation(tx, { accountId: account.id, inboxId: website.id, contactId: contact.id, contactInboxId: contactInbox.id });
    await recordMessage(tx, { conversation, messageType: 'incoming', content: 'Hello! Where can I see the status of my order #1042?', sender: { type: 'contact', id: contact.id } });
    return { created: true };
  });
}
