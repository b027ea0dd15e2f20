import type { AppDependencies } from '../../context.js';
import { serializePublicInbox } from '../../serializers/public.js';
import { findPublicInbox } from './access.js';

/** `GET /public/api/v1/inboxes/{inbox_identifier}`: what the widget shows before the visitor writes. */
export async function showPublicInbox(deps: Pick<AppDependencies, 'db'>, input: { inboxIdentifier: string }) {
  return serializePublicInbox(await findPublicInbox(deps.db, input.inboxIdentifier));
}
