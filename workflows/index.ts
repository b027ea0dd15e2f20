// The workflow bundle's entry: every workflow the worker runs is exported here.
export { conversationLifecycleWorkflow } from './conversation/workflow.js';
export { outboundMessageWorkflow } from './outbound/workflow.js';
export { mailboxPollerWorkflow } from './mailbox/workflow.js';
export { scheduledMessageWorkflow } from './scheduled/workflow.js';
