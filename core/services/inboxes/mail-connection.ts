import { eq } from 'drizzle-orm';
import { mailboxStates } from '../../../db/schema/index.js';
import type { ServiceContext } from '../../context.js';
import { invalid } from '../../errors.js';
import { smtpTransport } from '../mail/conversation-mail.js';
import { describeImapError, imapClient } from '../mail/mailbox-import.js';
import { assertCanManageInboxes, findVisibleInbox } from './access.js';
import { pollMailboxNow } from './mailbox-poller.js';

export type ConnectionCheck = { ok: boolean; error: string | null };

/**
 * Administrators' "test connection": logs in to the inbox's IMAP server and greets its SMTP server
 * with the stored settings, answering what each said; a working IMAP server is polled at once.
 */
export async function testMailConnection(ctx: ServiceContext, inboxId: number): Promise<{ imap: ConnectionCheck | null; smtp: ConnectionCheck | null }> {
  assertCanManageInboxes(ctx);
  const inbox = await findVisibleInbox(ctx, inboxId);
  if (inbox.channelType !== 'email') throw invalid('inbox_id', 'Only email inboxes have mail servers');
  const { imap, smtp } = inbox.settings;
  const imapCheck = imap
    ? await (async (): Promise<ConnectionCheck> => {
        const client = imapClient(imap, ctx.channelSecrets);
        try {
          await client.connect();
          await client.logout();
          return { ok: true, error: null };
        } catch (error) {
          client.close();
          return { ok: false, error: describeImapError(error) };
        }
      })()
    : null;
  const smtpCheck = smtp
    ? await (async (): Promise<ConnectionCheck> => {
        const transport = smtpTransport(smtp, ctx.channelSecrets);
        try {
          await transport.verify();
          return { ok: true, error: null };
        } catch (error) {
          return { ok: false, error: ((error as { response?: string }).response ?? (error as Error).message).slice(0, 500) };
        } finally {
          transport.close();
        }
      })()
    : null;
  if (imapCheck?.ok) await startPollingQuietly(ctx, inbox);
  return { imap: imapCheck, smtp: smtpCheck };
}

/** After IMAP settings change or a good test: poll now. The inbox is saved either way; a worker starts its poller later. */
export async function startPollingQuietly(ctx: Pick<ServiceContext, 'temporal' | 'config'>, inbox: { id: number; accountId: number }) {
  try {
    await pollMailboxNow(ctx.temporal, ctx.config.taskQueue, inbox);
  } catch (error) {
    console.warn(`[mailbox] could not start mailbox-${inbox.id} now; a worker starts it within minutes: ${(error as Error).message}`);
  }
}

/** The connection state the inbox settings show. */
export async function loadMailboxState(ctx: Pick<ServiceContext, 'db'>, inboxId: number) {
  const [row] = await ctx.db.select().from(mailboxStates).where(eq(mailboxStates.inboxId, inboxId));
  return row;
}
