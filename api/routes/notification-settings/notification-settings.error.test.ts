import { describe, expect } from 'vitest';
import { apiTest } from '../../../tests/support/api-test.js';

const it = apiTest({ worker: false });

describe('notification settings: bad input', () => {
  it('refuses unknown flags, kinds and channels, naming the field, and changes nothing', async ({ client: admin, base }) => {
    const before = (await admin.get(`${base}/notification_settings`)).body;
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ notification_settings: { selected_email_flags: ['email_everything'] } }, 'notification_settings.selected_email_flags.0'],
      [{ selected_push_flags: ['email_direct_message'] }, 'selected_push_flags.0'],
      [{ selected_email_flags: 'email_direct_message' }, 'selected_email_flags'],
      [{ preferences: { conversation_created: { email: true } } }, 'preferences'],
      [{ preferences: { direct_message: { pager: true } } }, 'preferences.direct_message'],
      [{ preferences: { direct_message: { email: 'yes' } } }, 'preferences.direct_message.email'],
    ];
    for (const [body, field] of cases) {
      const response = await admin.patch(`${base}/notification_settings`, body);
      expect(response.status, JSON.stringify(body)).toBe(422);
      expect(response.body.error, JSON.stringify(body)).toMatchObject({ code: 'VALIDATION_FAILED', field });
    }
    expect((await admin.get(`${base}/notification_settings`)).body).toEqual(before);
  });
});
