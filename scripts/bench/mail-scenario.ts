/**
 * The mail scenario of `npm run bench -- --scenario mail`:
 * - outbound throughput: agents' replies in an email inbox (no window) through the API, the outbox
 *   and the outbound workflow to a local SMTP server, against nodemailer sending the same mails
 *   straight to the same server from this process (one connection per mail, as each delivery does);
 * - lateness: how long after its window ends (1 s window) or its scheduled time a mail reaches the
 *   server (p50/p99);
 * - inbound: mails appended to a real IMAP server (GreenMail) imported per second.
 */
import { randomUUID } from 'node:crypto';
import { ImapFlow } from 'imapflow';
import nodemailer from 'nodemailer';
import { NativeConnection } from '@temporalio/worker';
import { Client, Connection } from '@temporalio/client';
import { eq, inArray } from 'drizzle-orm';
import { createWorker } from '../../activities/worker.js';
import { addUserToAccount, createAccount, issueAccessToken } from '../../core/services/accounts/bootstrap.js';
import { insertContact } from '../../db/queries/contacts.js';
import type { DatabaseConnection } from '../../db/client.js';
import { messages } from '../../db/schema/index.js';
import { startImapTestServer } from '../lib/imap-test-server.js';
import { startSmtpSink } from '../lib/mail-sink.js';
import { freePort } from '../lib/temporal-cli.js';

export type MailScenarioContext = {
  apiUrl: string;
  temporalAddress: string;
  taskQueue: string;
  databaseUrl: string;
  channelSecretsKey: string;
  connection: DatabaseConnection;
  progress: (line: string) => void;
  percentile: (sorted: number[], p: number) => number;
  onCleanup: (name: string, run: () => Promise<void>) => void;
};

export type MailScenarioOptions = { mails: number; concurrency: number; lateness: number; inbound: number };
export const mailScenarioDefaults: MailScenarioOptions = { mails: 200, concurrency: 8, lateness: 40, inbound: 500 };

async function inParallel(count: number, workers: number, job: (index: number) => Promise<void>) {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(workers, count) }, async () => {
    while (next < count) await job(next++);
  }));
}

export async function runMailScenario(ctx: MailScenarioContext, options: MailScenarioOptions): Promise<number> {
  const { db } = ctx.connection;
  // --- SMTP server: keeps when each Message-ID arrived --------------------------------------------
  const arrivals = new Map<string, number>();
  let plainArrivals = 0;
  const smtpPort = await freePort();
  const sink = await startSmtpSink({
    port: smtpPort,
    onMail: (mail) => {
      const id = /^Message-ID:\s*(<[^>]+>)/im.exec(mail.raw.toString('utf8'))?.[1];
      if (id?.includes('/messages/')) arrivals.set(id, performance.now());
      else plainArrivals += 1;
    },
  });
  ctx.onCleanup('SMTP server', sink.stop);

  // --- a worker in this process --------------------------------------------------------------------
  ctx.progress('mail: starting a worker (bundling the workflows)…');
  const workerConnection = await NativeConnection.connect({ address: ctx.temporalAddress });
  const clientConnection = await Connection.connect({ address: ctx.temporalAddress });
  const { worker, close } = await createWorker({
    connection: workerConnection,
    namespace: 'default',
    taskQueue: ctx.taskQueue,
    databaseUrl: ctx.databaseUrl,
    channelSecretsKey: ctx.channelSecretsKey,
    temporal: new Client({ connection: clientConnection }),
  });
  const running = worker.run();
  ctx.onCleanup('worker', async () => {
    worker.shutdown();
    await running;
    await close();
    await clientConnection.close();
    await workerConnection.close();
  });

  // --- account, inboxes, conversations -------------------------------------------------------------
  const suffix = randomUUID().slice(0, 8);
  const account = await createAccount(db, { name: `Mail bench ${suffix}` });
  const admin = await addUserToAccount(db, { accountId: account.id, name: 'Bench', email: `mail-bench-${suffix}@example.test`, password: randomUUID(), role: 'administrator' });
  const token = await issueAccessToken(db, admin.id);
  const base = `${ctx.apiUrl}/api/v1/accounts/${account.id}`;
  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${base}${path}`, { method, headers: { api_access_token: token, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${await response.text()}`);
    return response.json() as Promise<any>;
  };
  const emailInbox = (name: string, windowSeconds: number) =>
    call('POST', '/inboxes', { name, channel: { type: 'email', email: `${name}-${suffix}@bench.example`, send_window_seconds: windowSeconds, smtp_address: '127.0.0.1', smtp_port: smtpPort } });
  const conversationIn = async (inboxId: number, n: number) => {
    const contact = await insertContact(db, { accountId: account.id, name: `Customer ${n}`, email: `customer-${n}-${suffix}@bench.example` });
    return (await call('POST', '/conversations', { inbox_id: inboxId, contact_id: contact.id, additional_attributes: { mail_subject: `Order ${n}` } })).id as number;
  };
  const direct = await emailInbox('direct', 0);
  const windowed = await emailInbox('windowed', 1);
  const conversations = await Promise.all(Array.from({ length: options.concurrency }, (_, n) => conversationIn(direct.id, n)));
  const windowedConversation = await conversationIn(windowed.id, options.concurrency);

  // --- baseline: nodemailer straight to the server -------------------------------------------------
  ctx.progress(`mail: baseline, ${options.mails} mails through nodemailer directly…`);
  const baselineStart = performance.now();
  await inParallel(options.mails, options.concurrency, async (i) => {
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port: smtpPort, secure: false });
    await transport.sendMail({ from: 'bench@bench.example', to: `customer-${i}@bench.example`, subject: `Re: Order ${i}`, text: `Reply number ${i}`, messageId: `<baseline-${i}@bench.example>` });
    transport.close();
  });
  const baselineSeconds = (performance.now() - baselineStart) / 1000;

  // --- through Parley: API → outbox → outbound workflow → SMTP --------------------------------------
  ctx.progress(`mail: ${options.mails} replies through the API and the outbound workflow…`);
  const sentIds: string[] = [];
  const outboundStart = performance.now();
  await inParallel(options.mails, options.concurrency, async (i) => {
    const reply = await call('POST', `/conversations/${conversations[i % conversations.length]}/messages`, { content: `Reply number ${i}` });
    sentIds.push(String(reply.id));
  });
  const waitFor = async (what: string, done: () => Promise<boolean> | boolean, timeoutMs = 300_000) => {
    const deadline = Date.now() + timeoutMs;
    while (!(await done())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
  await waitFor('the outbound mails', () => [...arrivals.keys()].filter((id) => sentIds.some((sent) => id.includes(`/messages/${sent}@`))).length >= options.mails);
  const outboundSeconds = (Math.max(...[...arrivals.values()]) - outboundStart) / 1000;

  // --- lateness after a 1 s window, and after a scheduled time -------------------------------------
  ctx.progress(`mail: ${options.lateness} replies with a 1 s window and ${options.lateness} scheduled messages…`);
  const windowedIds: number[] = [];
  for (let i = 0; i < options.lateness; i++) windowedIds.push((await call('POST', `/conversations/${windowedConversation}/messages`, { content: `Windowed ${i}` })).id);
  // Each is due 2 s after it is stored, so storing them all cannot make one late.
  const scheduled: Array<{ id: number; due: number }> = [];
  for (let i = 0; i < options.lateness; i++) {
    const due = Date.now() + 2000;
    scheduled.push({ id: (await call('POST', `/conversations/${windowedConversation}/scheduled_messages`, { content: `Scheduled ${i}`, send_at: new Date(due).toISOString() })).id, due });
  }
  const arrivalOf = (messageId: number) => [...arrivals].find(([id]) => id.includes(`/messages/${messageId}@`))?.[1];
  const epochOffset = Date.now() - performance.now();
  await waitFor('the windowed mails', () => windowedIds.every((id) => arrivalOf(id) !== undefined));
  const windowRows = await db.select({ id: messages.id, sendAfter: messages.sendAfter }).from(messages).where(inArray(messages.id, windowedIds));
  const windowLateness = windowRows.map((row) => arrivalOf(row.id)! + epochOffset - row.sendAfter!.getTime()).sort((a, b) => a - b);
  let scheduledMessageIds: Array<{ messageId: number; due: number }> = [];
  await waitFor('the scheduled mails', async () => {
    const listed = (await call('GET', `/conversations/${windowedConversation}/scheduled_messages`)).payload as Array<{ id: number; message_id: number | null; status: string }>;
    const sent = listed.filter((item) => item.message_id !== null && scheduled.some((entry) => entry.id === item.id));
    scheduledMessageIds = sent.map((item) => ({ messageId: item.message_id!, due: scheduled.find((entry) => entry.id === item.id)!.due }));
    return sent.length === scheduled.length && scheduledMessageIds.every((item) => arrivalOf(item.messageId) !== undefined);
  });
  const scheduledLateness = scheduledMessageIds.map((item) => arrivalOf(item.messageId)! + epochOffset - item.due).sort((a, b) => a - b);

  // --- inbound: IMAP import rate ---------------------------------------------------------------------
  ctx.progress(`mail: appending ${options.inbound} mails to an IMAP server…`);
  const imap = await startImapTestServer((line) => ctx.progress(line));
  ctx.onCleanup('IMAP server', imap.stop);
  const mailbox = `inbound-${suffix}@bench.example`;
  const appender = new ImapFlow({ host: imap.host, port: imap.port, secure: false, auth: { user: mailbox, pass: 'bench' }, logger: false });
  await appender.connect();
  for (let i = 0; i < options.inbound; i++) {
    const thread = i % 50;
    const headers = [`From: sender-${thread}@bench.example`, `To: ${mailbox}`, `Subject: Thread ${thread}`, `Message-ID: <in-${i}-${suffix}@bench.example>`];
    if (i >= 50) headers.push(`In-Reply-To: <in-${thread}-${suffix}@bench.example>`);
    await appender.append('INBOX', Buffer.from([...headers, '', `Mail number ${i}`, ''].join('\r\n')));
  }
  await appender.logout();
  ctx.progress('mail: importing them…');
  const importStart = performance.now();
  const inbound = await call('POST', '/inboxes', { name: 'inbound', channel: { type: 'email', email: mailbox, imap_address: imap.host, imap_port: imap.port, imap_login: mailbox, imap_password: 'bench', imap_enable_ssl: false } });
  await waitFor('the inbound mails', async () => (await db.$count(messages, eq(messages.inboxId, inbound.id))) >= options.inbound);
  const importSeconds = (performance.now() - importStart) / 1000;

  const throughput = (count: number, seconds: number) => `${(count / seconds).toFixed(1)} mails/s`;
  const ms = (value: number) => `${value.toFixed(0)} ms`;
  console.log('');
  console.log(`                                           throughput`);
  console.log(`baseline: nodemailer → SMTP            ${throughput(options.mails, baselineSeconds).padStart(14)}`);
  console.log(`API → outbound workflow → SMTP         ${throughput(options.mails, outboundSeconds).padStart(14)}`);
  console.log(`outbound throughput: ${(baselineSeconds / outboundSeconds).toFixed(2)}× baseline (goal ≥ 0.5×)`);
  console.log('');
  console.log(`late after its time                 p50        p99        max`);
  console.log(`after a 1 s window            ${ms(ctx.percentile(windowLateness, 50)).padStart(9)}  ${ms(ctx.percentile(windowLateness, 99)).padStart(9)}  ${ms(windowLateness.at(-1)!).padStart(9)}`);
  console.log(`after its scheduled time      ${ms(ctx.percentile(scheduledLateness, 50)).padStart(9)}  ${ms(ctx.percentile(scheduledLateness, 99)).padStart(9)}  ${ms(scheduledLateness.at(-1)!).padStart(9)}   (goal p99 < 1 s)`);
  console.log('');
  console.log(`inbound: ${options.inbound} mails imported from IMAP in ${importSeconds.toFixed(1)} s = ${(options.inbound / importSeconds).toFixed(1)} mails/s (first poll included)`);
  console.log(`correctness: ${plainArrivals} baseline mails, ${options.mails} outbound mails each received once: ${new Set([...arrivals.keys()]).size >= options.mails + 2 * options.lateness}`);
  return 0;
}
