import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * Encrypts channel credentials (IMAP/SMTP passwords) at rest with AES-256-GCM under a key from
 * CHANNEL_SECRETS_KEY, so a database dump alone does not hand out mailbox passwords. The key must
 * be readable again to log in, so these are encrypted, not hashed. Format: `v1.<iv>.<tag>.<ciphertext>`.
 */
export class ChannelSecrets {
  private readonly key: Buffer;

  constructor(secret: string) {
    if (secret.length < 32) throw new Error('CHANNEL_SECRETS_KEY must be at least 32 characters');
    this.key = createHash('sha256').update(secret).digest();
  }

  encrypt(plaintext: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), ciphertext.toString('base64url')].join('.');
  }

  decrypt(sealed: string): string {
    const [version, iv, tag, ciphertext] = sealed.split('.');
    if (version !== 'v1' || !iv || !tag || ciphertext === undefined) throw new Error('Unreadable channel secret');
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
  }
}
