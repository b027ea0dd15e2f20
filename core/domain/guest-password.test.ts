import { describe, expect, it } from 'vitest';
import { guestPasswordWeakness } from './guest-password.js';

describe('guest password strength', () => {
  it('refuses short, one-kind and e-mail-based passwords', () => {
    expect(guestPasswordWeakness('Ab1!', 'vasco@example.test')).toMatch(/10 characters/);
    expect(guestPasswordWeakness('1234567890', 'vasco@example.test')).toMatch(/three/);
    expect(guestPasswordWeakness('Vasco2026!x', 'vasco@example.test')).toMatch(/e-mail/);
  });

  it('accepts a mixed password, a long passphrase and a generated one', () => {
    expect(guestPasswordWeakness('lmo35Avalextern95', 'vasco@example.test')).toBeNull();
    expect(guestPasswordWeakness('correct horse battery staple', 'vasco@example.test')).toBeNull();
    expect(guestPasswordWeakness('hT4kPq9ZxW2mRb7n', 'vasco@example.test')).toBeNull();
  });
});
