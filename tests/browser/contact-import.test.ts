import { readFile } from 'node:fs/promises';
import { describe, expect } from 'vitest';
import { browserTest } from '../support/browser-test.js';

const it = browserTest();

describe('importing contacts in the console', () => {
  it('an agent uploads a CSV, watches its progress and downloads the report of the rows refused', async ({ account, client: admin, base, web, signedInPage }) => {
    const lines = ['name,email,phone_number'];
    for (let n = 1; n <= 1200; n++) lines.push(`Imported ${n},imported-${n}@example.test,`);
    lines[301] = 'Bad Mail,not-a-mail,'; // row 302 of the file
    lines[1001] = 'Bad Phone,phone@example.test,555'; // row 1002

    const page = await signedInPage(account.agent);
    await page.goto(`${web.origin}/app/accounts/${account.account.id}/contacts`);
    await page.getByTestId('contact-import').waitFor();
    await page.getByTestId('contact-import-file').setInputFiles({ name: 'people.csv', mimeType: 'text/csv', buffer: Buffer.from(lines.join('\n')) });
    await page.getByTestId('contact-import-start').click();

    const progress = page.getByTestId('contact-import-progress');
    await expect.poll(() => progress.getAttribute('data-status'), { timeout: 60_000 }).toBe('completed');
    expect(await page.getByTestId('contact-import-bar').getAttribute('aria-valuenow')).toBe('100');
    expect(await page.getByTestId('contact-import-counts').innerText()).toBe('1200 of 1200 rows · 1198 created · 0 updated · 2 failed');
    expect((await admin.get(`${base}/contacts?page=1`)).body.meta.count).toBe(1198);
    // The list beside it reloads once the import is done.
    await expect.poll(() => page.getByTestId('contact-count').innerText(), { timeout: 10_000 }).toBe('1198 contacts');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('contact-import-errors').click()]);
    expect(download.suggestedFilename()).toBe('people-errors.csv');
    const report = (await readFile((await download.path())!, 'utf8')).trim().split('\r\n');
    expect(report.map((line) => line.split(',').slice(0, 2).join(','))).toEqual(['row,column', '302,email', '1002,phone_number']);

    // The export button downloads what the list shows: here, one search result.
    await page.getByTestId('contact-search').fill('imported-1200@');
    await expect.poll(() => page.getByTestId('contact-item').count(), { timeout: 10_000 }).toBe(1);
    const [exported] = await Promise.all([page.waitForEvent('download'), page.getByTestId('contact-export').click()]);
    expect(exported.suggestedFilename()).toBe('contacts.csv');
    const rows = (await readFile((await exported.path())!, 'utf8')).trim().split('\r\n');
    expect(rows).toHaveLength(2);
    expect(rows[1]).toMatch(/^Imported 1200,imported-1200@example.test,/);
  });
});
