import { lockAdministratorIds } from '../../../db/queries/agents.js';
import type { DatabaseOrTransaction } from '../../../db/client.js';
import { invalid } from '../../errors.js';

/** Inside the changing transaction: refuse to leave the account without an administrator. */
export async function assertNotLastAdministrator(tx: DatabaseOrTransaction, { accountId, userId, field }: { accountId: number; userId: number; field: string }) {
  const administrators = await lockAdministratorIds(tx, accountId);
  if (administrators.includes(userId) && administrators.length <= 1) {
    throw invalid(field, 'This is the account’s last administrator; make someone else an administrator first');
  }
}
