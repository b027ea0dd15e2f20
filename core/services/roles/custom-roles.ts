import { deleteCustomRoleRow, findCustomRole, insertCustomRole, listCustomRoleHolderIds, listCustomRoles, updateCustomRoleRow, type CustomRoleValues } from '../../../db/queries/custom-roles.js';
import { publishAccessChange } from '../../../db/queries/events.js';
import { uniqueViolationConstraint } from '../../../db/queries/unique-violation.js';
import type { DatabaseOrTransaction } from '../../../db/client.js';
import type { RolePermission } from '../../../db/schema/index.js';
import type { ServiceContext } from '../../context.js';
import { isAdministrator } from '../../domain/permissions.js';
import { forbidden, invalid, notFound } from '../../errors.js';
import { serializeCustomRole } from '../../serializers/custom-role.js';
import { changedFields, recordAudit } from '../audit/record.js';

export type CustomRoleInput = { name?: string; description?: string | null; permissions?: RolePermission[] };

function assertCanManageRoles(ctx: ServiceContext) {
  if (!isAdministrator(ctx.actor)) throw forbidden('Only administrators can manage roles');
}

const nameTaken = () => invalid('name', 'A role with this name already exists');

function rethrowNameTaken(error: unknown): never {
  if (uniqueViolationConstraint(error) === 'custom_roles_account_name_unique') throw nameTaken();
  throw error;
}

const distinct = (permissions: RolePermission[] | undefined) => (permissions ? [...new Set(permissions)] : undefined);

/** Its holders' open consoles re-read what they may see (their event streams narrow or widen at once). */
async function tellHolders(tx: DatabaseOrTransaction, accountId: number, id: number) {
  for (const userId of await listCustomRoleHolderIds(tx, { accountId, id })) await publishAccessChange(tx, { kind: 'membership', accountId, userId });
}

export async function listAccountCustomRoles(ctx: ServiceContext) {
  assertCanManageRoles(ctx);
  return (await listCustomRoles(ctx.db, ctx.actor.accountId)).map(serializeCustomRole);
}

export async function showCustomRole(ctx: ServiceContext, id: number) {
  assertCanManageRoles(ctx);
  const row = await findCustomRole(ctx.db, { accountId: ctx.actor.accountId, id });
  if (!row) throw notFound('Custom role');
  return serializeCustomRole(row);
}

export async function createCustomRole(ctx: ServiceContext, input: CustomRoleInput & { name: string; permissions: RolePermission[] }) {
  assertCanManageRoles(ctx);
  const { accountId } = ctx.actor;
  const row = await ctx.db
    .transaction(async (tx) => {
      const created = await insertCustomRole(tx, { accountId, name: input.name, description: input.description ?? null, permissions: distinct(input.permissions)! });
      await recordAudit(tx, ctx.actor, { action: 'create', auditableType: 'CustomRole', auditableId: created.id, changes: serializeCustomRole(created) });
      return created;
    })
    .catch(rethrowNameTaken);
  return serializeCustomRole(row);
}

export async function updateCustomRole(ctx: ServiceContext, id: number, input: CustomRoleInput) {
  assertCanManageRoles(ctx);
  const { accountId } = ctx.actor;
  const row = await ctx.db
    .transaction(async (tx) => {
      const before = await findCustomRole(tx, { accountId, id });
      if (!before) throw notFound('Custom role');
      const values: CustomRoleValues = { name: input.name, description: input.description, permissions: distinct(input.permissions) };
      const updated = await updateCustomRoleRow(tx, { accountId, id }, values);
      if (!updated) throw notFound('Custom role');
      const changes = changedFields(serializeCustomRole(before), serializeCustomRole(updated));
      if (Object.keys(changes).length > 0) await recordAudit(tx, ctx.actor, { action: 'update', auditableType: 'CustomRole', auditableId: id, changes });
      if (changes.permissions) await tellHolders(tx, accountId, id);
      return updated;
    })
    .catch(rethrowNameTaken);
  return serializeCustomRole(row);
}

/** Its holders go back to the built-in agent role (the column is set null by the foreign key). */
export async function deleteCustomRole(ctx: ServiceContext, id: number) {
  assertCanManageRoles(ctx);
  const { accountId } = ctx.actor;
  await ctx.db.transaction(async (tx) => {
    await tellHolders(tx, accountId, id);
    const deleted = await deleteCustomRoleRow(tx, { accountId, id });
    if (!deleted) throw notFound('Custom role');
    await recordAudit(tx, ctx.actor, { action: 'destroy', auditableType: 'CustomRole', auditableId: id, changes: serializeCustomRole(deleted) });
  });
}
