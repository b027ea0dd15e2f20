export * from './accounts.js';
export * from './inboxes.js';
export * from './contacts.js';
export * from './conversations.js';
export * from './messages.js';
export * from './rate-limits.js';
export * from './signatures.js';
export * from './mailboxes.js';
