import type { DatabaseOrTransaction } from '../../../db/client.js';
import type { InboxRow } from '../../../db/queries/inboxes.js';
import { deleteWebhook, findApiInboxCallback, insertWebhook, updateWebhook } from '../../../db/queries/webhooks.js';
import type { AppConfig } from '../../context.js';
import { readWebhookSettings } from '../../settings.js';
import { decryptSecret, encryptSecret, newWebhookSecret } from './secrets.js';
import { assertDeliverableUrl } from './url-safety.js';

const settingsOf = (config: Pick<AppConfig, 'webhooks'>) => config.webhooks ?? readWebhookSettings({});

/** Refuses an API inbox's callback URL that points at a private, loopback or link-local address (422 on channel.webhook_url). */
export async function assertApiInboxCallbackUrl(config: Pick<AppConfig, 'webhooks'>, url: string | null | undefined) {
  if (url) await assertDeliverableUrl(url, settingsOf(config), 'channel.webhook_url');
}

/**
 * Keeps an API inbox's callback endpoint in step with its `webhook_url`, in the inbox's own
 * transaction: created (with its own signing secret) when a URL is set, moved when it changes,
 * removed when cleared. Agents' replies in the inbox are delivered to it like any webhook.
 */
export async function syncApiInboxCallback(tx: DatabaseOrTransaction, config: Pick<AppConfig, 'webhooks'>, inbox: InboxRow) {
  if (inbox.channelType !== 'api') return;
  const url = inbox.settings.webhookUrl ?? null;
  const existing = await findApiInboxCallback(tx, { accountId: inbox.accountId, inboxId: inbox.id });
  if (!url) {
    if (existing) await deleteWebhook(tx, { accountId: inbox.accountId, id: existing.id }, { kind: 'api_inbox' });
    return;
  }
  if (existing) {
    if (existing.url !== url) await updateWebhook(tx, { accountId: inbox.accountId, id: existing.id }, { url, enabled: true, disabledReason: null, disabledAt: null, failingSince: null });
    return;
  }
  await insertWebhook(tx, {
    accountId: inbox.accountId,
    kind: 'api_inbox',
    inboxId: inbox.id,
    url,
    subscriptions: ['message_created'],
    secretCiphertext: encryptSecret(settingsOf(config).secretsKey, newWebhookSecret()),
  });
}

/** The secret an API inbox's callbacks are signed with (administrators see it with the inbox), or null without a callback URL. */
export async function apiInboxCallbackSecret(db: DatabaseOrTransaction, config: Pick<AppConfig, 'webhooks'>, inbox: InboxRow): Promise<string | null> {
  if (inbox.channelType !== 'api') return null;
  const endpoint = await findApiInboxCallback(db, { accountId: inbox.accountId, inboxId: inbox.id });
  return endpoint ? decryptSecret(settingsOf(config).secretsKey, endpoint.secretCiphertext) : null;
}
