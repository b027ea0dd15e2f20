import { sql } from 'drizzle-orm';
import type { Database } from '../client.js';

/** One round trip that needs a working connection and nothing else. */
export async function pingDatabase(db: Database): Promise<void> {
  await db.execute(sql`select 1`);
}
