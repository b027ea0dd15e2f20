import { deleteLabel as deleteLabelRow, findLabel, findLabelByTitle, insertLabel, listLabels, updateLabel as updateLabelRow } from '../../../db/queries/labels.js';
import { uniqueViolationConstraint } from '../../../db/queries/unique-violation.js';
import type { ServiceContext } from '../../context.js';
import { isAdministrator } from '../../domain/permissions.js';
import { forbidden, invalid, notFound } from '../../errors.js';
import { serializeLabel } from '../../serializers/label.js';

export type LabelInput = { title?: string; description?: string | null; color?: string; showOnSidebar?: boolean };

const titleTaken = () => invalid('title', 'A label with this title already exists');

function assertCanManageLabels(ctx: ServiceContext) {
  // "Manage labels" is an administrator permission until custom roles arrive.
  if (!isAdministrator(ctx.actor)) throw forbidden('Only administrators can manage labels');
}

/** Every member sees the account's labels (to apply and filter by them). */
export async function listAccountLabels(ctx: ServiceContext) {
  return (await listLabels(ctx.db, ctx.actor.accountId)).map(serializeLabel);
}

export async function showLabel(ctx: ServiceContext, id: number) {
  const row = await findLabel(ctx.db, { accountId: ctx.actor.accountId, id });
  if (!row) throw notFound('Label');
  return serializeLabel(row);
}

export async function createLabel(ctx: ServiceContext, input: LabelInput & { title: string }) {
  assertCanManageLabels(ctx);
  const { accountId } = ctx.actor;
  if (await findLabelByTitle(ctx.db, { accountId, title: input.title })) throw titleTaken();
  const row = await insertLabel(ctx.db, { accountId, title: input.title, description: input.description, color: input.color, showOnSidebar: input.showOnSidebar }).catch(
    rethrowTitleTaken,
  );
  return serializeLabel(row);
}

/** Renaming is safe: conversations refer to labels by id, so they follow the new title. */
export async function updateLabel(ctx: ServiceContext, id: number, input: LabelInput) {
  assertCanManageLabels(ctx);
  const { accountId } = ctx.actor;
  if (!(await findLabel(ctx.db, { accountId, id }))) throw notFound('Label');
  if (input.title !== undefined) {
    const same = await findLabelByTitle(ctx.db, { accountId, title: input.title });
    if (same && same.id !== id) throw titleTaken();
  }
  const row = await updateLabelRow(
    ctx.db,
    { accountId, id },
    { title: input.title, description: input.description, color: input.color, showOnSidebar: input.showOnSidebar },
  ).catch(rethrowTitleTaken);
  if (!row) throw notFound('Label');
  return serializeLabel(row);
}

/** Deleting a label takes it off every conversation and contact. */
export async function deleteLabel(ctx: ServiceContext, id: number) {
  assertCanManageLabels(ctx);
  if (!(await deleteLabelRow(ctx.db, { accountId: ctx.actor.accountId, id }))) throw notFound('Label');
}

function rethrowTitleTaken(error: unknown): never {
  if (uniqueViolationConstraint(error) === 'labels_account_title_unique') throw titleTaken();
  throw error;
}
