import type { RouterNoticeDeps } from '../core/services/routing/router-notices.js';
import type { ConversationStatus as StoredStatus } from '../db/schema/index.js';
import { applyConversationTransition } from '../core/services/conversations/apply-transition.js';
import type { ConversationActivities, ConversationStatus as LifecycleStatus } from '../workflows/conversation/definitions.js';

// The workflow declares its statuses without importing db/; this fails to compile if the two lists drift apart.
const statusListsAgree: [StoredStatus] extends [LifecycleStatus] ? ([LifecycleStatus] extends [StoredStatus] ? true : false) : false = true;
void statusListsAgree;

/** Activities of the conversation lifecycle; each is idempotent, keyed by what the workflow passes. */
export function createConversationActivities(deps: RouterNoticeDeps): ConversationActivities {
  return {
    applyConversationTransition: async (input) => {
      const { lateIncomingMessages, conversationGone } = await applyConversationTransition(deps, input);
      return { lateIncomingMessages, conversationGone };
    },
  };
}
