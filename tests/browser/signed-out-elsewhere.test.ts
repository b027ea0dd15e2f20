import { describe } from 'vitest';
import { signOut } from '../../core/services/auth/sessions.js';
import { browserTest } from '../support/browser-test.js';

const it = browserTest({ worker: false });

describe('an open console whose session ends elsewhere', () => {
  it('goes to the login page as soon as the session is signed out, without the agent clicking anything', async ({ stack, account, signedInPage }) => {
    const page = await signedInPage(account.agent);
    // The live stream is open once the console says so (a sign-out before it subscribed is caught by its first check).
    await page.locator('[data-testid="live-indicator"][data-connected="true"]').waitFor({ timeout: 15_000 });

    const [session] = await stack.sql<{ id: number }[]>`select id from sessions where user_id = ${account.agent.id} and revoked_at is null order by id desc limit 1`;
    await signOut(stack.db, session.id);
    await page.waitForURL(/\/login/, { timeout: 15_000 });
  });
});
