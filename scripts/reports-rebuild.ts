/**
 * `npm run reports:rebuild [-- --account <id>]`: recomputes reporting events and rollups from
 * messages, for every account or one (core/services/reports/rebuild.ts). Reads DATABASE_URL.
 */
import { parseArgs } from 'node:util';
import { connectDatabase } from '../db/client.js';
import { accounts } from '../db/schema/index.js';
import { rebuildAccountReporting } from '../core/services/reports/rebuild.js';
import { readSettings } from '../core/settings.js';

const { values } = parseArgs({ options: { account: { type: 'string' } } });
const database = connectDatabase(readSettings().databaseUrl, { max: 2 });
try {
  const accountIds = values.account ? [Number(values.account)] : (await database.db.select({ id: accounts.id }).from(accounts)).map((a) => a.id);
  for (const accountId of accountIds) {
    if (!Number.isInteger(accountId) || accountId < 1) throw new Error(`--account must be an account id, got ${values.account}`);
    const result = await rebuildAccountReporting(database.db, accountId);
    console.log(`account ${accountId}: ${result.conversations} conversations, ${result.events} reporting events`);
  }
} finally {
  await database.close();
}
