import { deleteLabel as deleteLabelRow, findLabel, findLabelByTitle, insertLabel, listLabels, updateLabel as updateLabelRow } from '../../../db/queries/labels.js';
import { uniqueViolationConstraint } from '../../../db/queries/unique-violation.js';
import type { ServiceContext } from '../../context.js';
import { canManageLabels } from '../../domain/permissions.js';
import { forbidden, invalid, notFound } from '../../errors.js';
import { serializeLabel } from '../../serializers/label.js';
import { changedFields, recordAudit } from '../audit/record.js';

export type LabelInput = { title?: string; description?: string | null; color?: string; showOnSidebar?: boolean };

const titleTaken = () => invalid('title', 'A label with this title already exists');

function assertCanManageLabels(ctx: ServiceContext) {
  if (!canManageLabels(ctx.actor)) throw forbidden('Managing labels needs the label_manage permission');
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
  const row = await ctx.db
    .transaction(async (tx) => {
      const created = await insertLabel(tx, { accountId, title: input.title, description: input.description, color: input.color, showOnSidebar: input.showOnSidebar });
      await recordAudit(tx, ctx.actor, { action: 'create', auditableType: 'Label', auditableId: created.id, changes: serializeLabel(created) });
      return created;
    })
    .catch(rethrowTitleTaken);
  return serializeLabel(row);
}

/** Renaming is safe: conversations refer to labels by id, so they follow the new title. */
export async function updateLabel(ctx: ServiceContext, id: number, input: LabelInput) {
  assertCanManageLabels(ctx);
  const { accountId } = ctx.actor;
  const before = await findLabel(ctx.db, { accountId, id });
  if (!before) throw notFound('Label');
  if (input.title !== undefined) {
    const same = await findLabelByTitle(ctx.db, { accountId, title: input.title });
    if (same && same.id !== id) throw titleTaken();
  }
  // Nothing asked to change: the label as it is (and no audit entry).
  if (Object.values(input).every((value) => value === undefined)) return serializeLabel(before);
  const row = await ctx.db
    .transaction(async (tx) => {
      const updated = await updateLabelRow(tx, { accountId, id }, { title: input.title, description: input.description, color: input.color, showOnSidebar: input.showOnSidebar });
      if (!updated) throw notFound('Label');
      const changes = changedFields(serializeLabel(before), serializeLabel(updated));
      if (Object.keys(changes).length > 0) await recordAudit(tx, ctx.actor, { action: 'update', auditableType: 'Label', auditableId: id, changes });
      return updated;
    })
    .catch(rethrowTitleTaken);
  return serializeLabel(row);
}

/** Deleting a label takes it off every conversation and contact. */
export async function deleteLabel(ctx: ServiceContext, id: number) {
  assertCanManageLabels(ctx);
  await ctx.db.transaction(async (tx) => {
    const label = await findLabel(tx, { accountId: ctx.actor.accountId, id });
    if (!label || !(await deleteLabelRow(tx, { accountId: ctx.actor.accountId, id }))) throw notFound('Label');
    await recordAudit(tx, ctx.actor, { action: 'destroy', auditableType: 'Label', auditableId: id, changes: serializeLabel(label) });
  });
}

function rethrowTitleTaken(error: unknown): never {
  if (uniqueViolationConstraint(error) === 'labels_account_title_unique') throw titleTaken();
  throw error;
}
