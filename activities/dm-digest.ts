import { eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { claimUnreadForDigest, markNotificationsEmailed } from '../db/queries/notifications.js';
import { accounts, conversations, users, type NotificationType } from '../db/schema/index.js';
import { preferencesOf } from '../core/services/notifications/preferences.js';
import type { Mailer } from '../core/services/mail/mailer.js';
import type { DigestOutcome, DmDigestActivities } from '../workflows/dm-digest/definitions.js';
// The console's catalogue, so the mail speaks the language the recipient reads Parley in.
import type { MessageKey } from '../web/src/lib/i18n/en.js';
import { resolveLocale, translate } from '../web/src/lib/i18n/translate.js';

const digestHeadingKey = (type: NotificationType) => `digest.kind.${type}` as MessageKey;

/**
 * The digest mail. Rows are claimed under lock and marked e-mailed in the transaction that sends, so a
 * retry after a failed send mails them again and a finished digest never does; a crash between the
 * SMTP answer and the commit can repeat one mail, which carries the same Message-ID (the digest key)
 * so mail clients show it once.
 */
export function createDigestActivities(deps: { db: Database; mailer?: Mailer; publicUrl: string }): DmDigestActivities {
  const base = deps.publicUrl.replace(/\/$/, '');
  return {
    async sendNotificationDigest({ userId, cutoffMs, digestKey }): Promise<DigestOutcome> {
      if (!deps.mailer) return { sent: false, notificationCount: 0 };
      const mailer = deps.mailer;
      return deps.db.transaction(async (tx) => {
        const claimed = await claimUnreadForDigest(tx, { userId, cutoff: new Date(cutoffMs) });
        // Only kinds whose e-mail preference is on, in the account each belongs to; the rest stay for the bell alone.
        const accountIds = [...new Set(claimed.map((row) => row.accountId))];
        const preferencesByAccount = new Map(await Promise.all(accountIds.map(async (accountId) => [accountId, (await preferencesOf(tx, { accountId, userIds: [userId] })).get(userId)!] as const)));
        const rows = claimed.filter((row) => preferencesByAccount.get(row.accountId)![row.notificationType].email);
        if (rows.length === 0) return { sent: false, notificationCount: 0 };
        const [user] = await tx
          .select({ email: users.email, name: sql<string>`coalesce(${users.displayName}, ${users.name})`, uiLocale: users.uiLocale })
          .from(users)
          .where(eq(users.id, userId));
        if (!user) return { sent: false, notificationCount: 0 };
        const digestAccounts = await tx.select({ id: accounts.id, name: accounts.name, locale: accounts.locale }).from(accounts).where(inArray(accounts.id, [...new Set(rows.map((r) => r.accountId))]));
        const accountNames = new Map(digestAccounts.map((a) => [a.id, a.name]));
        // The language the user chose for the console, else their (first) account's, as the console decides.
        const locale = resolveLocale([user.uiLocale, digestAccounts.find((a) => a.id === rows[0].accountId)?.locale]);
        const t = (key: MessageKey, params?: Record<string, string | number>) => translate(locale, key, params);
        const conversationIds = rows.filter((r) => r.primaryActorType === 'Conversation').map((r) => r.primaryActorId);
        const displayIds = new Map(
          conversationIds.length ? (await tx.select({ id: conversations.id, displayId: conversations.displayId }).from(conversations).where(inArray(conversations.id, conversationIds))).map((c) => [c.id, c.displayId]) : [],
        );
        const lines = rows.map((row) => {
          const link =
            row.primaryActorType === 'DirectConversation'
              ? `${base}/app/accounts/${row.accountId}/direct-messages/${row.primaryActorId}`
              : `${base}/app/accounts/${row.accountId}/conversations/${displayIds.get(row.primaryActorId) ?? ''}`;
          const what = t(digestHeadingKey(row.notificationType));
          return `- ${what} (${accountNames.get(row.accountId) ?? ''}): ${String(row.meta.preview ?? '')}\n  ${link}`;
        });
        await mailer.send({
          to: user.email,
          subject: rows.length === 1 ? t('digest.subject.one') : t('digest.subject.other', { count: rows.length }),
          text: [t('digest.greeting', { name: user.name }), '', t('digest.stillUnread'), '', ...lines, '', t('digest.closing')].join('\n'),
          messageId: `<digest-${digestKey.replace(/[^\w.-]/g, '-')}@parley>`,
        });
        await markNotificationsEmailed(tx, rows.map((row) => row.id));
        return { sent: true, notificationCount: rows.length };
      });
    },
  };
}
