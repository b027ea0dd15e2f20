import { and, desc, eq, ne } from 'drizzle-orm';
import { conversations } from '../../../db/schema/index.js';
import type { AppDependencies } from '../../context.js';
import { captureWebhookEvents } from '../webhooks/capture.js';
import { drainWebhookEventsSoon, webhookDrainDeps } from '../webhooks/drain.js';
import { findPublicContact } from './access.js';

type Scope = { inboxIdentifier: string; contactIdentifier: string };

/** What the widget says about the page it was opened on (Chatwoot's event_info); nothing else is kept. */
export type WidgetEventInfo = {
  initiated_at?: { timestamp: string };
  referer?: string;
  widget_language?: string;
  browser_language?: string;
  browser?: { browser_name?: string; browser_version?: string; device_name?: string; platform_name?: string; platform_version?: string };
};

/**
 * The visitor opened the widget: Chatwoot's `webwidget_triggered` webhook event, with the contact, the
 * conversation they are in (their latest one that is not resolved, if any) and the page it happened on.
 * Nothing is stored besides the event itself (and nothing when no webhook subscribes to it).
 */
export async function recordWidgetTriggered(deps: AppDependencies, input: Scope & { eventInfo: WidgetEventInfo }) {
  const { inbox, contactInbox, contact } = await findPublicContact(deps.db, input);
  const webhookEvents = await deps.db.transaction(async (tx) => {
    const [current] = await tx
      .select({ id: conversations.id })
      .from(conversations)
      .where(and(eq(conversations.contactInboxId, contactInbox.id), ne(conversations.status, 'resolved')))
      .orderBy(desc(conversations.lastActivityAt), desc(conversations.id))
      .limit(1);
    return captureWebhookEvents(tx, inbox.accountId, [
      {
        event: 'webwidget_triggered',
        subject: { contactId: contact.id, inboxId: inbox.id, conversationId: current?.id, sourceId: contactInbox.sourceId, eventInfo: { ...input.eventInfo } },
      },
    ]);
  });
  drainWebhookEventsSoon(webhookDrainDeps(deps), webhookEvents);
}
