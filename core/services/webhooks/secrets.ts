import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto';

/** A new Standard Webhooks signing secret: `whsec_` + base64 of 24 random bytes. */
export const newWebhookSecret = () => `whsec_${randomBytes(24).toString('base64')}`;

const keyFrom = (secretsKey: string) => createHash('sha256').update(secretsKey).digest();

/** AES-256-GCM with a key derived from WEBHOOK_SECRETS_KEY: `v1.<iv>.<tag>.<ciphertext>`, base64url parts. */
export function encryptSecret(secretsKey: string, plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyFrom(secretsKey), iv);
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), ciphertext.toString('base64url')].join('.');
}

export function decryptSecret(secretsKey: string, stored: string): string {
  const [version, iv, tag, ciphertext] = stored.split('.');
  if (version !== 'v1' || !iv || !tag || ciphertext === undefined) throw new Error('Unreadable webhook secret (unknown format)');
  const decipher = createDecipheriv('aes-256-gcm', keyFrom(secretsKey), Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
}

/**
 * The headers of one signed request: Standard Webhooks (`webhook-signature` holds one `v1,…` per
 * live secret, space-separated, so a rotation's overlap verifies with either) and Chatwoot's own.
 */
export function signedHeaders(input: { messageId: string; timestampSeconds: number; body: string; secrets: string[] }): Record<string, string> {
  const signatures = input.secrets.map((secret) => {
    const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
    return `v1,${createHmac('sha256', key).update(`${input.messageId}.${input.timestampSeconds}.${input.body}`).digest('base64')}`;
  });
  // Chatwoot signs `{timestamp}.{body}` with the secret string itself, hex; receivers written for it keep working.
  const chatwoot = createHmac('sha256', input.secrets[0]).update(`${input.timestampSeconds}.${input.body}`).digest('hex');
  return {
    'content-type': 'application/json',
    'user-agent': 'Parley-Webhooks/1.0',
    'webhook-id': input.messageId,
    'webhook-timestamp': String(input.timestampSeconds),
    'webhook-signature': signatures.join(' '),
    'x-chatwoot-signature': `sha256=${chatwoot}`,
    'x-chatwoot-timestamp': String(input.timestampSeconds),
    'x-chatwoot-delivery': input.messageId,
  };
}
