import { accountPath, apiRequest, unwrap, unwrapList, type RequestFunction } from './http';

export const webhookEvents = [
  'conversation_created',
  'conversation_updated',
  'conversation_status_changed',
  'message_created',
  'message_updated',
  'contact_created',
  'contact_updated',
  'conversation_typing_on',
  'conversation_typing_off',
  'webwidget_triggered',
] as const;
export type WebhookEvent = (typeof webhookEvents)[number];

export interface Webhook {
  id: number;
  name: string | null;
  url: string;
  subscriptions: WebhookEvent[];
  enabled: boolean;
  disabled_reason: 'gone' | 'failing' | 'manual' | null;
  disabled_at: number | null;
  failing_since: number | null;
  secret: string;
  previous_secret_expires_at: number | null;
}

export interface WebhookAttempt {
  id: number;
  attempted_at: string;
  status_code: number | null;
  latency_ms: number;
  response_excerpt: string;
  error: string | null;
}

export type DeliveryStatus = 'pending' | 'delivered' | 'failed' | 'skipped';

export interface WebhookDelivery {
  id: number;
  webhook_message_id: string;
  event: WebhookEvent;
  status: DeliveryStatus;
  attempt_count: number;
  last_status_code: number | null;
  replays: number;
  attempts: WebhookAttempt[];
  created_at: string;
}

export async function listWebhooks(accountId: number, request: RequestFunction = fetch): Promise<Webhook[]> {
  return unwrap<{ webhooks: Webhook[] }>(await apiRequest(request, accountPath(accountId, '/webhooks'))).webhooks;
}

export async function createWebhook(accountId: number, input: { url: string; name?: string; subscriptions: WebhookEvent[] }, request: RequestFunction = fetch): Promise<Webhook> {
  return unwrap<{ webhook: Webhook }>(await apiRequest(request, accountPath(accountId, '/webhooks'), { method: 'POST', body: input })).webhook;
}

export async function updateWebhook(
  accountId: number,
  webhookId: number,
  input: Partial<{ url: string; name: string | null; subscriptions: WebhookEvent[]; enabled: boolean; replay_missed: boolean }>,
  request: RequestFunction = fetch,
): Promise<{ webhook: Webhook; replayed: number }> {
  return unwrap(await apiRequest(request, accountPath(accountId, `/webhooks/${webhookId}`), { method: 'PATCH', body: input }));
}

export async function deleteWebhook(accountId: number, webhookId: number, request: RequestFunction = fetch): Promise<void> {
  await apiRequest(request, accountPath(accountId, `/webhooks/${webhookId}`), { method: 'DELETE' });
}

export async function rotateWebhookSecret(accountId: number, webhookId: number, request: RequestFunction = fetch): Promise<Webhook> {
  return unwrap<{ webhook: Webhook }>(await apiRequest(request, accountPath(accountId, `/webhooks/${webhookId}/rotate_secret`), { method: 'POST', body: {} })).webhook;
}

export async function listWebhookDeliveries(
  accountId: number,
  webhookId: number,
  filter: { status?: DeliveryStatus | ''; event?: WebhookEvent | ''; before?: number },
  request: RequestFunction = fetch,
): Promise<WebhookDelivery[]> {
  return unwrapList<WebhookDelivery>(await apiRequest(request, accountPath(accountId, `/webhooks/${webhookId}/deliveries`), { query: filter }));
}

export async function replayWebhookDelivery(accountId: number, webhookId: number, deliveryId: number, request: RequestFunction = fetch): Promise<WebhookDelivery> {
  return unwrap<WebhookDelivery>(await apiRequest(request, accountPath(accountId, `/webhooks/${webhookId}/deliveries/${deliveryId}/replay`), { method: 'POST' }));
}
