import type { Client } from '@temporalio/client';
import type { Database } from '../db/client.js';
import { createAutomationActivities } from './automation.js';
import { createConversationActivities } from './conversation.js';

/**
 * Every activity the worker registers, built once at start with its dependencies. The Temporal
 * client is for activities that ask the lifecycle workflow for a status change (a rule resolving).
 */
export function createActivities(deps: { db: Database; temporal: Client; taskQueue: string }) {
  return {
    ...createConversationActivities(deps),
    ...createAutomationActivities(deps),
  };
}
