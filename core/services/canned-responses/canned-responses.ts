import {
  deleteCannedResponse as deleteCannedResponseRow,
  findCannedResponse,
  insertCannedResponse,
  listCannedResponses,
  updateCannedResponse as updateCannedResponseRow,
} from '../../../db/queries/canned-responses.js';
import { uniqueViolationConstraint } from '../../../db/queries/unique-violation.js';
import type { ServiceContext } from '../../context.js';
import { notFound, invalid } from '../../errors.js';
import { serializeCannedResponse } from '../../serializers/canned-response.js';

export type CannedResponseInput = { shortCode?: string; content?: string };

const shortCodeTaken = () => invalid('short_code', 'A canned response with this short code already exists');

/**
 * Canned responses belong to the account and any member manages them (SPEC 4.10). Membership is
 * checked by the account middleware; this is the one place a custom role's rule would go.
 */
function assertCanManageCannedResponses(_ctx: ServiceContext) {}

export async function listAccountCannedResponses(ctx: ServiceContext, search?: string) {
  assertCanManageCannedResponses(ctx);
  return (await listCannedResponses(ctx.db, { accountId: ctx.actor.accountId, search: search?.trim() || undefined })).map(serializeCannedResponse);
}

export async function createCannedResponse(ctx: ServiceContext, input: Required<CannedResponseInput>) {
  assertCanManageCannedResponses(ctx);
  const row = await insertCannedResponse(ctx.db, { accountId: ctx.actor.accountId, shortCode: input.shortCode, content: input.content }).catch(rethrowShortCodeTaken);
  return serializeCannedResponse(row);
}

export async function updateCannedResponse(ctx: ServiceContext, id: number, input: CannedResponseInput) {
  assertCanManageCannedResponses(ctx);
  const { accountId } = ctx.actor;
  if (!(await findCannedResponse(ctx.db, { accountId, id }))) throw notFound('Canned response');
  const row = await updateCannedResponseRow(ctx.db, { accountId, id }, { shortCode: input.shortCode, content: input.content }).catch(rethrowShortCodeTaken);
  if (!row) throw notFound('Canned response');
  return serializeCannedResponse(row);
}

export async function deleteCannedResponse(ctx: ServiceContext, id: number) {
  assertCanManageCannedResponses(ctx);
  if (!(await deleteCannedResponseRow(ctx.db, { accountId: ctx.actor.accountId, id }))) throw notFound('Canned response');
}

// The unique index decides (no pre-check to race past): a duplicate code is the same 422 either way.
function rethrowShortCodeTaken(error: unknown): never {
  if (uniqueViolationConstraint(error) === 'canned_responses_account_short_code_unique') throw shortCodeTaken();
  throw error;
}
