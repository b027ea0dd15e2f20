import type { Client } from '@temporalio/client';
import type { Mailer } from '../core/services/mail/mailer.js';
import type { ChannelSecrets } from '../core/auth/channel-secrets.js';
import { createScheduledActivities } from './scheduled.js';
import type { BlobStore } from '../core/storage/index.js';
import type { Database } from '../db/client.js';
import { createConversationActivities } from './conversation.js';
import { createOutboundActivities } from './outbound.js';
import { createMailboxActivities } from './mailbox.js';

/** Every activity the worker registers, built once at start with its dependencies. */
export function createActivities(deps: { db: Database; storage: BlobStore; channelSecrets: ChannelSecrets | undefined; temporal: Client; mailer?: Mailer }) {
  return {
    ...createConversationActivities(deps),
    ...createOutboundActivities({ db: deps.db, storage: deps.storage, secrets: deps.channelSecrets, mailer: deps.mailer }),
    ...createMailboxActivities({ db: deps.db, storage: deps.storage, secrets: deps.channelSecrets }),
    ...createScheduledActivities({ db: deps.db, storage: deps.storage, temporal: deps.temporal }),
  };
}
