import { publicUploadBytesLastDay } from '../../../db/queries/attachments.js';
import type { AppDependencies, ServiceContext } from '../../context.js';
import { ApiError } from '../../errors.js';
import { findVisibleConversation } from '../conversations/access.js';
import { findPublicContact, findPublicConversation } from '../public/access.js';
import { UploadBudget } from './receive.js';

const mebibytes = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MiB`;

/**
 * Checked before a single byte of a multipart body is stored: an agent may only upload into a
 * conversation they can see (another inbox's answers 404, like a missing one).
 */
export async function authorizeConversationUpload(ctx: ServiceContext, displayId: number): Promise<UploadBudget> {
  await findVisibleConversation(ctx, displayId);
  return new UploadBudget();
}

/**
 * The visitor must exist and own the conversation, and the files may only take what is left of the
 * contact's and the inbox's quota for the last day (429 naming `attachments` once spent). Two
 * requests racing can both see the same remainder, so the quota can be overshot by at most the
 * files of requests in flight at once; the 40 MiB request limit bounds each of those.
 */
export async function authorizePublicUpload(
  deps: AppDependencies,
  scope: { inboxIdentifier: string; contactIdentifier: string; displayId: number },
): Promise<UploadBudget> {
  const { inbox, contactInbox, contact } = await findPublicContact(deps.db, scope);
  await findPublicConversation(deps.db, { inbox, contactInbox, displayId: scope.displayId });
  const quotas = deps.config.publicUploadQuotas;
  const used = await publicUploadBytesLastDay(deps.db, { inboxId: inbox.id, contactId: contact.id });
  const contactLeft = quotas.contactBytesPerDay - used.contactBytes;
  const inboxLeft = quotas.inboxBytesPerDay - used.inboxBytes;
  const exhausted = () =>
    contactLeft <= inboxLeft
      ? new ApiError('RATE_LIMITED', `attachments: you can send ${mebibytes(quotas.contactBytesPerDay)} of files a day; try again later`, 'attachments', { retryAfterSeconds: 3600 })
      : new ApiError('RATE_LIMITED', `attachments: this inbox has taken its ${mebibytes(quotas.inboxBytesPerDay)} of visitors' files for today; try again later`, 'attachments', { retryAfterSeconds: 3600 });
  const remainingBytes = Math.min(contactLeft, inboxLeft);
  if (remainingBytes <= 0) throw exhausted();
  return new UploadBudget({ remainingBytes, exhausted });
}
