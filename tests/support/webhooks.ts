import { productionRetryDelaysMs, type WebhookSettings } from '../../core/settings.js';

/** Webhook settings for tests: loopback allowed (the receivers listen there) and retries a few milliseconds apart. */
export function testWebhookSettings(changes: Partial<WebhookSettings> = {}): WebhookSettings {
  return {
    secretsKey: 'test-webhook-secrets-key',
    allowedHosts: ['127.0.0.1'],
    retryDelaysMs: productionRetryDelaysMs.map((delay) => (delay === 0 ? 0 : 30)),
    timeoutMs: 5_000,
    disableAfterMs: 3 * 24 * 60 * 60 * 1000,
    ...changes,
  };
}
