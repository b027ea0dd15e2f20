import * as queries from '../../../db/queries/webhooks.js';
import { recordAudit } from '../audit/record.js';
import type { WebhookDeliveryStatus, WebhookEvent } from '../../../db/schema/index.js';
import type { ServiceContext } from '../../context.js';
import { isAdministrator } from '../../domain/permissions.js';
import { conflict, forbidden, invalid, notFound } from '../../errors.js';
import { serializeDelivery, serializeWebhook } from '../../serializers/webhook.js';
import { readWebhookSettings } from '../../settings.js';
import { startDeliveryWorkflows, webhookDrainDeps } from './drain.js';
import { decryptSecret, encryptSecret, newWebhookSecret } from './secrets.js';
import { assertDeliverableUrl } from './url-safety.js';

const settingsOf = (ctx: ServiceContext) => ctx.config.webhooks ?? readWebhookSettings({});

function assertCanManageWebhooks(ctx: ServiceContext) {
  if (!isAdministrator(ctx.actor)) throw forbidden('Only administrators can manage webhooks');
}

const webhookJson = (ctx: ServiceContext, row: queries.WebhookRow) => serializeWebhook(row, decryptSecret(settingsOf(ctx).secretsKey, row.secretCiphertext));

async function findAccountWebhook(ctx: ServiceContext, id: number) {
  const row = await queries.findWebhook(ctx.db, { accountId: ctx.actor.accountId, id });
  if (!row || row.kind !== 'account') throw notFound('Webhook');
  return row;
}

const uniqueEvents = (events: WebhookEvent[]) => {
  if (events.length === 0) throw invalid('subscriptions', 'Subscribe to at least one event');
  return [...new Set(events)];
};

export async function listWebhooks(ctx: ServiceContext) {
  assertCanManageWebhooks(ctx);
  return (await queries.listAccountWebhooks(ctx.db, ctx.actor.accountId)).map((row) => webhookJson(ctx, row));
}

export async function createWebhook(ctx: ServiceContext, input: { url: string; subscriptions: WebhookEvent[]; name?: string | null }) {
  assertCanManageWebhooks(ctx);
  const subscriptions = uniqueEvents(input.subscriptions);
  await assertDeliverableUrl(input.url, settingsOf(ctx));
  const row = await ctx.db.transaction(async (tx) => {
    const inserted = await queries.insertWebhook(tx, {
      accountId: ctx.actor.accountId,
      kind: 'account',
      name: input.name ?? null,
      url: input.url,
      subscriptions,
      secretCiphertext: encryptSecret(settingsOf(ctx).secretsKey, newWebhookSecret()),
    });
    // Never the secret: the entry names what was made.
    await recordAudit(tx, ctx.actor, { action: 'create', auditableType: 'Webhook', auditableId: inserted.id, changes: { name: inserted.name, url: inserted.url, subscriptions } });
    return inserted;
  });
  return webhookJson(ctx, row);
}

/**
 * Changes a webhook. Switching it back on clears its failing state and, with `replayMissed`,
 * re-sends what it missed while failing or off (failed and skipped deliveries since its last success).
 */
export async function updateWebhook(
  ctx: ServiceContext,
  id: number,
  input: { url?: string; subscriptions?: WebhookEvent[]; name?: string | null; enabled?: boolean; replayMissed?: boolean },
) {
  assertCanManageWebhooks(ctx);
  const current = await findAccountWebhook(ctx, id);
  if (input.url !== undefined) await assertDeliverableUrl(input.url, settingsOf(ctx));
  const now = new Date();
  const reenabling = input.enabled === true && !current.enabled;
  const row = await ctx.db.transaction(async (tx) => {
    const updated = await queries.updateWebhook(
      tx,
      { accountId: ctx.actor.accountId, id },
      {
        url: input.url,
        name: input.name,
        subscriptions: input.subscriptions ? uniqueEvents(input.subscriptions) : undefined,
        ...(input.enabled === false && current.enabled ? { enabled: false, disabledReason: 'manual', disabledAt: now } : {}),
        ...(reenabling ? { enabled: true, disabledReason: null, disabledAt: null, failingSince: null } : {}),
      },
    );
    if (updated) {
      await recordAudit(tx, ctx.actor, { action: 'update', auditableType: 'Webhook', auditableId: id, changes: { url: input.url, name: input.name, subscriptions: input.subscriptions, enabled: input.enabled } });
    }
    return updated;
  });
  if (!row) throw notFound('Webhook');
  let replayed = 0;
  if (reenabling && input.replayMissed) {
    for (const deliveryId of await queries.listMissedDeliveryIds(ctx.db, { accountId: ctx.actor.accountId, webhookId: id })) {
      const reopened = await queries.reopenDeliveryForReplay(ctx.db, { accountId: ctx.actor.accountId, id: deliveryId });
      if (reopened) {
        await startDeliveryWorkflows(webhookDrainDeps(ctx), [reopened]);
        replayed += 1;
      }
    }
  }
  return { webhook: webhookJson(ctx, row), replayed };
}

/** A new secret; the old one keeps signing (both signatures sent) for `overlapSeconds`, so receivers can switch without a gap. */
export async function rotateWebhookSecret(ctx: ServiceContext, id: number, input: { overlapSeconds: number }) {
  assertCanManageWebhooks(ctx);
  const current = await findAccountWebhook(ctx, id);
  const row = await queries.updateWebhook(
    ctx.db,
    { accountId: ctx.actor.accountId, id },
    {
      secretCiphertext: encryptSecret(settingsOf(ctx).secretsKey, newWebhookSecret()),
      previousSecretCiphertext: input.overlapSeconds > 0 ? current.secretCiphertext : null,
      previousSecretExpiresAt: input.overlapSeconds > 0 ? new Date(Date.now() + input.overlapSeconds * 1000) : null,
    },
  );
  if (!row) throw notFound('Webhook');
  return webhookJson(ctx, row);
}

export async function deleteWebhook(ctx: ServiceContext, id: number) {
  assertCanManageWebhooks(ctx);
  await ctx.db.transaction(async (tx) => {
    if (!(await queries.deleteWebhook(tx, { accountId: ctx.actor.accountId, id }))) throw notFound('Webhook');
    await recordAudit(tx, ctx.actor, { action: 'destroy', auditableType: 'Webhook', auditableId: id });
  });
}

export const deliveriesPageSize = 25;

export async function listWebhookDeliveries(ctx: ServiceContext, webhookId: number, filter: { status?: WebhookDeliveryStatus; event?: WebhookEvent; before?: number }) {
  assertCanManageWebhooks(ctx);
  await findAccountWebhook(ctx, webhookId);
  const rows = await queries.listDeliveries(ctx.db, { accountId: ctx.actor.accountId, webhookId, status: filter.status, event: filter.event, beforeId: filter.before, limit: deliveriesPageSize });
  const attempts = await queries.listAttempts(ctx.db, rows.map((row) => row.id));
  return rows.map((row) => serializeDelivery(row, attempts.filter((attempt) => attempt.deliveryId === row.id)));
}

/** Sends a finished delivery again: the same body and webhook-id, as new attempts in its log. */
export async function replayWebhookDelivery(ctx: ServiceContext, webhookId: number, deliveryId: number) {
  assertCanManageWebhooks(ctx);
  const webhook = await findAccountWebhook(ctx, webhookId);
  if (!webhook.enabled) throw conflict('The webhook is disabled; enable it first', 'enabled');
  const delivery = await queries.findDelivery(ctx.db, deliveryId);
  if (!delivery || delivery.webhookId !== webhookId || delivery.accountId !== ctx.actor.accountId) throw notFound('Delivery');
  const reopened = await queries.reopenDeliveryForReplay(ctx.db, { accountId: ctx.actor.accountId, id: deliveryId });
  if (!reopened) throw conflict('This delivery is still being attempted', 'delivery_id');
  await startDeliveryWorkflows(webhookDrainDeps(ctx), [reopened]);
  return serializeDelivery(reopened, await queries.listAttempts(ctx.db, [deliveryId]));
}
