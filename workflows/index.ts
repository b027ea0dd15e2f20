// The workflow bundle's entry: every workflow the worker runs is exported here.
export { conversationLifecycleWorkflow } from './conversation/workflow.js';
export { webhookDeliveryWorkflow } from './webhook-delivery/workflow.js';
export { csatSurveyWorkflow } from './csat/workflow.js';
export { automationEventWorkflow } from './automation/workflow.js';
export { inboxRouterWorkflow } from './inbox-router/workflow.js';
export { dmDigestWorkflow } from './dm-digest/workflow.js';
export { outboundMessageWorkflow } from './outbound/workflow.js';
export { mailboxPollerWorkflow } from './mailbox/workflow.js';
export { scheduledMessageWorkflow } from './scheduled/workflow.js';
export { contactImportWorkflow } from './contact-import/workflow.js';
