import { pollMailbox, type MailboxDependencies } from '../core/services/mail/mailbox-import.js';
import type { MailboxActivities } from '../workflows/mailbox/definitions.js';

/** Activities of the mailbox poller; a repeated poll imports nothing twice (Message-IDs are unique per inbox). */
export function createMailboxActivities(deps: MailboxDependencies): MailboxActivities {
  return { pollMailbox: (input) => pollMailbox(deps, input) };
}
