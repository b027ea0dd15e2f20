import type { Client } from '@temporalio/client';
import type { Database } from '../db/client.js';
import { createConversationActivities } from './conversation.js';
import { createInboxRouterActivities } from './inbox-router.js';

/**
 * Every activity the worker registers, built once at start with its dependencies. `temporal` lets a
 * status change wake the inbox router at once; without it the notice waits for the outbox sweeper.
 */
export function createActivities(deps: { db: Database; temporal?: Client; taskQueue?: string }) {
  return {
    ...createConversationActivities(deps),
    ...createInboxRouterActivities(deps),
  };
}
