import { condition, continueAsNew, proxyActivities, setHandler } from '@temporalio/workflow';
import { pollMailboxNowSignal, type MailboxActivities, type MailboxPollerInput } from './definitions.js';

const { pollMailbox } = proxyActivities<MailboxActivities>({
  startToCloseTimeout: '5 minutes',
  // A failing server is the workflow's own back-off (and shows as "failing"); retries cover a lost worker or database.
  retry: { initialInterval: '5 seconds', maximumInterval: '1 minute' },
});

const defaultPollIntervalMs = 60_000;
const firstBackoffMs = 10_000;
const maxBackoffMs = 15 * 60_000;
/** Polls per run before continue-as-new, so history stays small (a day at one a minute is 1,440). */
const pollsPerRun = 500;

/**
 * One per email inbox with IMAP (`mailbox-<inboxId>`): polls its mailbox, at once again while a
 * batch was full, every interval while healthy, and with a doubling back-off (up to 15 minutes)
 * while the server fails; the inbox settings show the state. Completes when the inbox or its IMAP
 * settings are gone.
 */
export async function mailboxPollerWorkflow(input: MailboxPollerInput): Promise<void> {
  let pollRequested = false;
  setHandler(pollMailboxNowSignal, () => {
    pollRequested = true;
  });
  const interval = input.pollIntervalMs ?? defaultPollIntervalMs;
  let backoffMs = input.backoffMs ?? 0;
  for (let poll = 0; poll < pollsPerRun; poll++) {
    pollRequested = false;
    const result = await pollMailbox({ accountId: input.accountId, inboxId: input.inboxId });
    if (result.outcome === 'gone') return;
    if (result.outcome === 'failing') backoffMs = Math.min(maxBackoffMs, backoffMs ? backoffMs * 2 : firstBackoffMs);
    else backoffMs = 0;
    if (result.outcome === 'imported' && result.more) continue;
    await condition(() => pollRequested, backoffMs || interval);
  }
  await continueAsNew<typeof mailboxPollerWorkflow>({ ...input, backoffMs });
}
