import { and, asc, eq, sql } from 'drizzle-orm';
import type { DatabaseOrTransaction } from '../client.js';
import { accountMemberships, automaticAssignments, conversations, inboxes, type AssignmentQueueOrder, type AvailabilityStatus } from '../schema/index.js';

/**
 * What the router and the console count as someone's availability: what they chose, except that an
 * agent with auto_offline whose consoles have all been closed past the presence timeout is offline.
 */
export const effectiveAvailability = sql<AvailabilityStatus>`(case when ${accountMemberships.autoOffline} and (${accountMemberships.presenceExpiresAt} is null or ${accountMemberships.presenceExpiresAt} <= now()) then 'offline' else ${accountMemberships.availability} end)`;

/** An inbox member's availability and load, against the limits the router applies to them there. */
export type AgentLoad = {
  userId: number;
  /** Members of the inbox are the ones the router picks from; administrators outside it may only be assigned by hand. */
  isMember: boolean;
  availability: AvailabilityStatus;
  /** Open conversations assigned to them in this inbox, and in the whole account. */
  inboxOpen: number;
  accountOpen: number;
  /** Their limit in this inbox (their own override, else the inbox's), and the account-wide one; null: none. */
  inboxLimit: number | null;
  accountLimit: number | null;
  /** Automatic assignments in this inbox within the fair-distribution window, and the window's limit (null: none). */
  recentAutomatic: number;
  fairLimit: number | null;
  /** Ms until their oldest assignment in the window leaves it (null when none is in it). */
  msUntilWindowSlot: number | null;
  lastAutomaticAt: Date | null;
  /** Membership order: round-robin rotates in it. */
  memberSince: Date;
};

/**
 * Every member of the inbox with availability, load and limits: the one place that says who the router
 * may consider. `teamId` narrows it to a team's members (assign to a team, then within it);
 * `includeAdministrators` adds the account's administrators outside the inbox (the assign dropdown).
 */
export async function listInboxAgentLoads(
  db: DatabaseOrTransaction,
  {
    accountId,
    inboxId,
    teamId = null,
    userId = null,
    includeAdministrators = false,
  }: { accountId: number; inboxId: number; teamId?: number | null; userId?: number | null; includeAdministrators?: boolean },
): Promise<AgentLoad[]> {
  const rows = await db.execute<{
    user_id: number;
    is_member: boolean;
    availability: AvailabilityStatus;
    inbox_open: number;
    account_open: number;
    inbox_limit: number | null;
    account_limit: number | null;
    recent_automatic: number;
    fair_limit: number | null;
    ms_until_window_slot: number | null;
    last_automatic_at: string | null;
    member_since: string;
  }>(sql`
    select account_memberships.user_id,
      m.user_id is not null as is_member,
      ${effectiveAvailability} as availability,
      (select count(*)::int from conversations c where c.assignee_id = account_memberships.user_id and c.inbox_id = i.id and c.status = 'open') as inbox_open,
      (select count(*)::int from conversations c where c.assignee_id = account_memberships.user_id and c.account_id = i.account_id and c.status = 'open') as account_open,
      coalesce(m.max_assignment_limit, i.max_assignment_limit) as inbox_limit,
      a.max_open_conversations_per_agent as account_limit,
      coalesce(w.recent, 0)::int as recent_automatic,
      i.fair_distribution_limit as fair_limit,
      (extract(epoch from (w.oldest + make_interval(secs => i.fair_distribution_window_seconds) - now())) * 1000)::int as ms_until_window_slot,
      (select max(aa.assigned_at) from automatic_assignments aa where aa.inbox_id = i.id and aa.user_id = account_memberships.user_id) as last_automatic_at,
      coalesce(m.created_at, account_memberships.created_at) as member_since
    from inboxes i
    join accounts a on a.id = i.account_id
    join account_memberships on account_memberships.account_id = i.account_id
    left join inbox_members m on m.inbox_id = i.id and m.user_id = account_memberships.user_id
    left join lateral (
      select count(*) as recent, min(aa.assigned_at) as oldest from automatic_assignments aa
      where aa.inbox_id = i.id and aa.user_id = account_memberships.user_id and aa.assigned_at > now() - make_interval(secs => i.fair_distribution_window_seconds)
    ) w on i.fair_distribution_limit is not null
    where i.id = ${inboxId} and i.account_id = ${accountId}
      and (m.user_id is not null or (${includeAdministrators}::boolean and account_memberships.role = 'administrator'))
      and (${teamId}::int is null or account_memberships.user_id in (select tm.user_id from team_members tm where tm.team_id = ${teamId}::int))
      and (${userId}::int is null or account_memberships.user_id = ${userId}::int)
    order by m.created_at nulls last, account_memberships.user_id
  `);
  return rows.map((row) => ({
    userId: row.user_id,
    isMember: row.is_member,
    availability: row.availability,
    inboxOpen: row.inbox_open,
    accountOpen: row.account_open,
    inboxLimit: row.inbox_limit,
    accountLimit: row.account_limit,
    recentAutomatic: row.recent_automatic,
    fairLimit: row.fair_limit,
    msUntilWindowSlot: row.ms_until_window_slot,
    lastAutomaticAt: row.last_automatic_at ? new Date(row.last_automatic_at) : null,
    memberSince: new Date(row.member_since),
  }));
}

/** The agent the router assigned last in this inbox: round-robin continues after them. */
export async function findLastAutomaticAssignee(db: DatabaseOrTransaction, inboxId: number): Promise<number | null> {
  const [row] = await db
    .select({ userId: automaticAssignments.userId })
    .from(automaticAssignments)
    .where(eq(automaticAssignments.inboxId, inboxId))
    .orderBy(sql`${automaticAssignments.id} desc`)
    .limit(1);
  return row?.userId ?? null;
}

/**
 * Locks up to `limit` waiting conversations of the inbox in queue order; those being assigned by
 * someone else right now (row locked) are skipped, and whoever holds them decides.
 */
export async function lockWaitingConversations(tx: DatabaseOrTransaction, { inboxId, order, limit }: { inboxId: number; order: AssignmentQueueOrder; limit: number }) {
  return tx
    .select()
    .from(conversations)
    .where(and(eq(conversations.inboxId, inboxId), eq(conversations.status, 'open'), sql`${conversations.assigneeId} is null`))
    .orderBy(
      ...(order === 'longest_waiting' ? [sql`${conversations.waitingSince} asc nulls last`] : []),
      asc(conversations.createdAt),
      asc(conversations.id),
    )
    .limit(limit)
    .for('update', { skipLocked: true });
}

export async function countWaitingConversations(db: DatabaseOrTransaction, inboxId: number): Promise<number> {
  const [row] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(conversations)
    .where(and(eq(conversations.inboxId, inboxId), eq(conversations.status, 'open'), sql`${conversations.assigneeId} is null`));
  return row?.count ?? 0;
}

/**
 * Locks the inbox members' account memberships, in user id order (so two routers queue instead of
 * deadlocking): routers of other inboxes then decide about these agents one at a time (the
 * account-wide limit counts them all), and a demotion or removal waits for the decision.
 */
export async function lockInboxMembersForRouting(tx: DatabaseOrTransaction, { accountId, inboxId }: { accountId: number; inboxId: number }) {
  await tx.execute(sql`
    select m.id from account_memberships m
    where m.account_id = ${accountId} and m.user_id in (select user_id from inbox_members where inbox_id = ${inboxId})
    order by m.user_id
    for update
  `);
}

/** Writes a pass's decisions: the assignees and the router's records, one statement each. */
export async function writeAutomaticAssignments(tx: DatabaseOrTransaction, { inboxId, decisions }: { inboxId: number; decisions: { conversationId: number; userId: number }[] }) {
  if (decisions.length === 0) return;
  const pairs = sql.join(
    decisions.map((decision) => sql`(${decision.conversationId}::int, ${decision.userId}::int)`),
    sql`, `,
  );
  await tx.execute(sql`
    update conversations set assignee_id = decided.user_id, updated_at = now()
    from (values ${pairs}) as decided(conversation_id, user_id)
    where conversations.id = decided.conversation_id
  `);
  await tx.insert(automaticAssignments).values(decisions.map((decision) => ({ inboxId, conversationId: decision.conversationId, userId: decision.userId })));
}

export async function findRoutingSettings(db: DatabaseOrTransaction, { accountId, inboxId }: { accountId: number; inboxId: number }) {
  const [row] = await db
    .select({
      id: inboxes.id,
      accountId: inboxes.accountId,
      enabled: inboxes.enableAutoAssignment,
      strategy: inboxes.assignmentStrategy,
      queueOrder: inboxes.assignmentQueueOrder,
    })
    .from(inboxes)
    .where(and(eq(inboxes.id, inboxId), eq(inboxes.accountId, accountId)));
  return row;
}

/**
 * Queues "look at this inbox" in the caller's transaction, for inboxes with automatic assignment on;
 * one row per inbox, so a burst stays one notice. Returns the notices queued.
 */
export async function queueRouterNotices(db: DatabaseOrTransaction, notices: { accountId: number; inboxId: number }[]) {
  if (notices.length === 0) return [];
  const inboxIds = [...new Set(notices.map((notice) => notice.inboxId))];
  const rows = await db.execute<{ inbox_id: number; account_id: number }>(sql`
    insert into router_notices (inbox_id, account_id)
    select id, account_id from inboxes where id in ${sql.raw(`(${inboxIds.map(Number).join(',')})`)} and enable_auto_assignment
    on conflict (inbox_id) do update set version = router_notices.version + 1
    returning inbox_id, account_id
  `);
  return rows.map((row) => ({ inboxId: row.inbox_id, accountId: row.account_id }));
}

/** The inboxes with automatic assignment where this user is a member: their availability matters there. */
export async function listAutoAssignedInboxesOf(db: DatabaseOrTransaction, { accountId, userId }: { accountId: number; userId: number }) {
  const rows = await db.execute<{ id: number }>(sql`
    select i.id from inboxes i join inbox_members m on m.inbox_id = i.id
    where i.account_id = ${accountId} and m.user_id = ${userId} and i.enable_auto_assignment
  `);
  return rows.map((row) => ({ accountId, inboxId: row.id }));
}

/** Every inbox of the account with automatic assignment (an account-wide limit changed). */
export async function listAutoAssignedInboxes(db: DatabaseOrTransaction, accountId: number) {
  const rows = await db.select({ inboxId: inboxes.id }).from(inboxes).where(and(eq(inboxes.accountId, accountId), eq(inboxes.enableAutoAssignment, true)));
  return rows.map((row) => ({ accountId, inboxId: row.inboxId }));
}
