import type { Database } from '../db/client.js';
import { createConversationActivities } from './conversation.js';

/** Every activity the worker registers, built once at start with its dependencies. */
export function createActivities(deps: { db: Database }) {
  return {
    ...createConversationActivities(deps),
  };
}
