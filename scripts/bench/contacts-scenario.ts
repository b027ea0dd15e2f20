/**
 * `npm run bench -- --scenario contacts` — contact search and a 3-condition filter at 100,000 contacts,
 * through the real API, against the raw indexed query of the same page through the same driver, in
 * the same run. Seeding is set-based (generate_series), then VACUUM (ANALYZE). Requests are
 * sequential, keep-alive, after a warm-up. (CSV import rows/s is `--scenario contact-import`, scripts/bench/contact-import-scenario.ts.)
 */
import postgres from 'postgres';
import { addUserToAccount, createAccount, issueAccessToken } from '../../core/services/accounts/bootstrap.js';
import type { DatabaseConnection } from '../../db/client.js';

export type ContactsScenarioContext = {
  pgUrl: string;
  apiUrl: string;
  connection: DatabaseConnection;
  progress: (line: string) => void;
  percentile: (sorted: number[], p: number) => number;
  onCleanup: (name: string, run: () => Promise<void>) => void;
};

export type ContactsScenarioOptions = { contacts: number; requests: number; warmup: number };
export const contactsScenarioDefaults: ContactsScenarioOptions = { contacts: 100_000, requests: 200, warmup: 20 };

const TARGET_P99_MS = 50;
const cities = ['São Paulo', 'Rio de Janeiro', 'Recife', 'Curitiba', 'Porto Alegre', 'Lisboa', 'Porto', 'Salvador', 'Manaus', 'Fortaleza'];

export async function runContactsScenario(ctx: ContactsScenarioContext, options: ContactsScenarioOptions): Promise<number> {
  const { progress } = ctx;
  const { db } = ctx.connection;
  const N = options.contacts;
  progress(`contacts: seeding ${N} contacts…`);
  const account = await createAccount(db, { name: 'Bench Contacts Inc' });
  const admin = await addUserToAccount(db, { accountId: account.id, name: 'Contacts Admin', email: 'contacts-admin@parley.local', password: 'bench-password-123', role: 'administrator' });
  const token = await issueAccessToken(db, admin.id);

  const seed = postgres(ctx.pgUrl, { max: 1, onnotice: () => {} });
  ctx.onCleanup('contacts seed connection', () => seed.end({ timeout: 5 }));
  const t0 = performance.now();
  await seed`set synchronous_commit = off`;
  await seed`
    insert into contacts (account_id, name, email, phone_number, identifier, additional_attributes, custom_attributes, created_at, last_activity_at)
    select ${account.id}, 'Person ' || g || ' ' || md5(g::text), 'person' || g || '@mail' || (g % 97) || '.test',
      '+55119' || lpad(g::text, 8, '0'), 'crm-' || g,
      jsonb_build_object('city', (string_to_array(${cities.join('|')}, '|'))[1 + g % ${cities.length}], 'country', 'Brazil'),
      jsonb_build_object('plan', case when g % 5 = 0 then 'gold' else 'free' end, 'seats', g % 50),
      now() - (g % 1000) * interval '1 day', now() - (g % 300) * interval '1 day'
    from generate_series(1, ${N}) g`;
  await seed`vacuum (analyze) contacts`;
  progress(`  seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  const headers = { api_access_token: token, 'content-type': 'application/json' };
  const base = `${ctx.apiUrl}/api/v1/accounts/${account.id}`;
  // Different terms each request, so no single cached page answers them all.
  const term = (i: number) => `person${(i * 7919) % N}@`;
  const filterPayload = (i: number) => ({
    payload: [
      { attribute_key: 'email', filter_operator: 'contains', values: [`mail${i % 97}.`], query_operator: 'and' },
      { attribute_key: 'city', filter_operator: 'equal_to', values: [cities[i % cities.length]], query_operator: 'and' },
      { attribute_key: 'plan', filter_operator: 'equal_to', values: ['gold'], query_operator: null, custom_attribute_type: 'text' },
    ],
  });

  const measure = async (label: string, run: (i: number) => Promise<void>) => {
    for (let i = 0; i < options.warmup; i++) await run(i);
    const times: number[] = [];
    for (let i = 0; i < options.requests; i++) {
      const start = performance.now();
      await run(options.warmup + i);
      times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    return { label, p50: ctx.percentile(times, 50), p99: ctx.percentile(times, 99) };
  };
  const api = async (path: string, init?: RequestInit) => {
    const response = await fetch(`${base}${path}`, { headers, ...init });
    if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    await response.arrayBuffer();
  };

  const like = (text: string) => `%${text}%`;
  const rows = [
    await measure('raw: search page + count', async (i) => {
      const p = like(term(i));
      await Promise.all([
        seed`select * from contacts where account_id = ${account.id} and (name ilike ${p} or email ilike ${p} or phone_number ilike ${p} or identifier ilike ${p}) order by id desc limit 15`,
        seed`select count(*) from contacts where account_id = ${account.id} and (name ilike ${p} or email ilike ${p} or phone_number ilike ${p} or identifier ilike ${p})`,
      ]);
    }),
    await measure('API: GET /contacts/search', (i) => api(`/contacts/search?q=${encodeURIComponent(term(i))}`)),
    await measure('raw: 3-condition filter page + count', async (i) => {
      const p = like(`mail${i % 97}.`);
      const city = cities[i % cities.length].toLowerCase();
      await Promise.all([
        seed`select * from contacts where account_id = ${account.id} and email ilike ${p} and lower(additional_attributes->>'city') = ${city} and lower(custom_attributes->>'plan') = 'gold' order by id desc limit 15`,
        seed`select count(*) from contacts where account_id = ${account.id} and email ilike ${p} and lower(additional_attributes->>'city') = ${city} and lower(custom_attributes->>'plan') = 'gold'`,
      ]);
    }),
    await measure('API: POST /contacts/filter (3 conditions)', (i) => api('/contacts/filter', { method: 'POST', body: JSON.stringify(filterPayload(i)) })),
  ];

  console.log('');
  console.log(`Parley contacts at ${N} contacts: API vs. the raw query of the same page (same run, same Postgres); ${options.requests} sequential requests each after ${options.warmup} warm-up`);
  console.log(`${'query'.padEnd(44)}${'p50'.padStart(10)}${'p99'.padStart(10)}`);
  for (const row of rows) console.log(`${row.label.padEnd(44)}${`${row.p50.toFixed(2)} ms`.padStart(10)}${`${row.p99.toFixed(2)} ms`.padStart(10)}`);
  console.log(`search: API p99 ${(rows[1].p99 / rows[0].p99).toFixed(2)}× raw; filter: API p99 ${(rows[3].p99 / rows[2].p99).toFixed(2)}× raw`);
  for (const row of [rows[1], rows[3]]) console.log(`verdict ${row.label}: p99 ${row.p99.toFixed(0)} ms: ${row.p99 < TARGET_P99_MS ? 'within' : 'OVER'} the ${TARGET_P99_MS} ms goal`);
  console.log('');
  return 0; // figures, not a gate
}
