import { sql } from 'drizzle-orm';
import type { Database } from '../../../db/client.js';
import type { AutoResolveDeadline } from '../../../workflows/conversation/definitions.js';

const dayMs = 24 * 60 * 60 * 1000;

/**
 * When an open conversation is due to auto-resolve: its last customer or agent message (activity
 * lines do not count; the conversation's creation when there is none) plus the account's
 * `auto_resolve_duration`. Read by the lifecycle workflow at its timer, so a new message or a changed
 * setting moves the deadline without signalling anyone.
 */
export async function readAutoResolveDeadline(db: Database, input: { accountId: number; conversationId: number }): Promise<AutoResolveDeadline> {
  const rows = await db.execute<{ days: number | null; quiet_since: string }>(sql`
    select a.auto_resolve_duration_days as days,
      greatest(c.created_at, (
        select max(m.created_at) from messages m where m.conversation_id = c.id and m.message_type in ('incoming', 'outgoing')
      )) as quiet_since
    from conversations c join accounts a on a.id = c.account_id
    where c.id = ${input.conversationId} and c.account_id = ${input.accountId}`);
  const [row] = [...rows];
  if (!row) return { dueAt: null, durationDays: null, conversationGone: true };
  if (row.days === null) return { dueAt: null, durationDays: null };
  const days = Number(row.days);
  return { dueAt: new Date(new Date(row.quiet_since).getTime() + days * dayMs).toISOString(), durationDays: days };
}
