import type { Database } from '../db/client.js';
import { applyConversationTransition } from '../api/services/conversations/apply-transition.js';

/** Activities of the conversation lifecycle; each is idempotent, keyed by what the workflow passes. */
export function createConversationActivities({ db }: { db: Database }) {
  return {
    applyConversationTransition: async (input: Parameters<typeof applyConversationTransition>[1]): Promise<void> => {
      await applyConversationTransition(db, input);
    },
  };
}

export type ConversationActivities = ReturnType<typeof createConversationActivities>;
