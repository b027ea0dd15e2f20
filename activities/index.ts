import type { Database } from '../db/client.js';
import type { Mailer } from '../core/services/mail/mailer.js';
import { createConversationActivities } from './conversation.js';
import { createDigestActivities } from './dm-digest.js';

/** Every activity the worker registers, built once at start with its dependencies. */
export function createActivities(deps: { db: Database; mailer?: Mailer; publicUrl?: string }) {
  return {
    ...createConversationActivities(deps),
    ...createDigestActivities({ ...deps, publicUrl: deps.publicUrl ?? 'http://localhost:3000' }),
  };
}
