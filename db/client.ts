import { drizzle, type PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import * as schema from './schema/index.js';

export type Database = PostgresJsDatabase<typeof schema>;
/** A database handle or an open transaction: queries take either, so callers can compose them atomically. */
export type DatabaseOrTransaction = Database | Parameters<Parameters<Database['transaction']>[0]>[0];

export type DatabaseConnection = {
  db: Database;
  sql: postgres.Sql;
  close: () => Promise<void>;
};

export function connectDatabase(url: string, options: { max?: number } = {}): DatabaseConnection {
  const sql = postgres(url, {
    max: options.max ?? 10,
    onnotice: () => {},
    // A request waits for a free connection, and a closed connection waits out its backoff before it
    // reconnects: the driver's default grows to 20 s after a few refusals, so a request arriving
    // just after Postgres came back would hang that long. Capped at 1 s, a restart costs a second
    // of 503s, not a minute of stalled requests.
    backoff: (attempt: number) => Math.min(0.05 * 2 ** attempt, 1),
    // An unreachable host (not a refusing one) fails within this instead of the driver's 30 s.
    connect_timeout: 10,
  });
  const db = drizzle(preferPreparedStatements(sql), { schema });
  return { db, sql, close: () => sql.end({ timeout: 5 }) };
}

/**
 * drizzle runs unnamed queries with `prepare: false`, which makes postgres.js ask the server for
 * parameter types before every execution: two round trips a query. Prepared (and cached per
 * connection by their text) they take one. Query texts must therefore stay stable — lists go in as
 * one array parameter, never spliced into the SQL.
 */
function preferPreparedStatements<T extends postgres.Sql | postgres.TransactionSql>(client: T): T {
  return new Proxy(client, {
    get(target, property, receiver) {
      if (property === 'unsafe') {
        return (query: string, parameters?: postgres.ParameterOrJSON<never>[], queryOptions?: postgres.UnsafeQueryOptions) =>
          target.unsafe(query, parameters, { ...queryOptions, prepare: true });
      }
      if (property === 'begin' || property === 'savepoint') {
        return (...args: unknown[]) => {
          const callback = args.pop() as (inner: postgres.TransactionSql) => unknown;
          const open = Reflect.get(target, property, receiver) as (...a: unknown[]) => unknown;
          return open.call(target, ...args, (inner: postgres.TransactionSql) => callback(preferPreparedStatements(inner)));
        };
      }
      return Reflect.get(target, property, receiver);
    },
  });
}
