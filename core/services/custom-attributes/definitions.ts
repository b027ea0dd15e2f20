import {
  deleteCustomAttributeDefinition as deleteDefinitionRow,
  findCustomAttributeDefinition,
  insertCustomAttributeDefinition,
  listCustomAttributeDefinitions,
  updateCustomAttributeDefinition as updateDefinitionRow,
} from '../../../db/queries/custom-attributes.js';
import { uniqueViolationConstraint } from '../../../db/queries/unique-violation.js';
import type { DatabaseOrTransaction } from '../../../db/client.js';
import type { ServiceContext } from '../../context.js';
import {
  checkCustomAttributeDefinition,
  checkCustomAttributeValues,
  type CustomAttributeDisplayType,
  type CustomAttributeModel,
  type CustomAttributeRule,
} from '../../domain/custom-attributes.js';
import { isAdministrator } from '../../domain/permissions.js';
import { forbidden, invalid, notFound } from '../../errors.js';
import { customAttributeRuleOf, serializeCustomAttributeDefinition } from '../../serializers/custom-attribute-definition.js';

export type CustomAttributeDefinitionInput = {
  model: CustomAttributeModel;
  key: string;
  displayName: string;
  displayType: CustomAttributeDisplayType;
  description?: string | null;
  values?: string[];
  regexPattern?: string | null;
  regexCue?: string | null;
};

const keyTaken = () => invalid('attribute_key', 'This model already has an attribute with this key');

function assertCanManageDefinitions(ctx: ServiceContext) {
  if (!isAdministrator(ctx.actor)) throw forbidden('Only administrators can manage custom attributes');
}

/**
 * The definitions of one model (for contact filters, validation and the console), as the shared
 * validator's rules. Deleted definitions are simply absent, which is what hides their stored values.
 */
export async function customAttributeDefinitions(db: DatabaseOrTransaction, accountId: number, model: CustomAttributeModel): Promise<CustomAttributeRule[]> {
  return (await listCustomAttributeDefinitions(db, { accountId, model })).map(customAttributeRuleOf);
}

/**
 * Checks the values an API call wants to store against the model's definitions; throws the 422
 * naming the attribute. Returns the values as stored (numbers as numbers, `null` meaning "remove").
 */
export async function checkedCustomAttributeValues(db: DatabaseOrTransaction, accountId: number, model: CustomAttributeModel, values: Record<string, unknown>) {
  const result = checkCustomAttributeValues(await customAttributeDefinitions(db, accountId, model), values);
  if (!result.ok) throw invalid(`custom_attributes.${result.field}`, result.reason);
  return result.value;
}

/** Every member reads definitions (the console shows and edits values with them). */
export async function listAccountCustomAttributeDefinitions(ctx: ServiceContext, model?: CustomAttributeModel) {
  return (await listCustomAttributeDefinitions(ctx.db, { accountId: ctx.actor.accountId, model })).map(serializeCustomAttributeDefinition);
}

export async function showCustomAttributeDefinition(ctx: ServiceContext, id: number) {
  const row = await findCustomAttributeDefinition(ctx.db, { accountId: ctx.actor.accountId, id });
  if (!row) throw notFound('Custom attribute');
  return serializeCustomAttributeDefinition(row);
}

function assertValidDefinition(definition: CustomAttributeDefinitionInput) {
  const checked = checkCustomAttributeDefinition({
    attribute_model: definition.model,
    attribute_key: definition.key,
    attribute_display_type: definition.displayType,
    attribute_values: definition.values ?? [],
    regex_pattern: definition.regexPattern ?? null,
  });
  if (!checked.ok) throw invalid(checked.field, checked.reason);
}

export async function createCustomAttributeDefinition(ctx: ServiceContext, input: CustomAttributeDefinitionInput) {
  assertCanManageDefinitions(ctx);
  assertValidDefinition(input);
  const row = await insertCustomAttributeDefinition(ctx.db, {
    accountId: ctx.actor.accountId,
    attributeModel: input.model,
    attributeKey: input.key,
    displayName: input.displayName,
    displayType: input.displayType,
    description: input.description ?? null,
    values: input.values ?? [],
    regexPattern: input.regexPattern || null,
    regexCue: input.regexCue || null,
  }).catch(rethrowKeyTaken);
  return serializeCustomAttributeDefinition(row);
}

/** Key and model stay (stored values are filed under them); the rest may change and is checked as a whole. */
export async function updateCustomAttributeDefinition(ctx: ServiceContext, id: number, input: Partial<Omit<CustomAttributeDefinitionInput, 'model' | 'key'>>) {
  assertCanManageDefinitions(ctx);
  const { accountId } = ctx.actor;
  const current = await findCustomAttributeDefinition(ctx.db, { accountId, id });
  if (!current) throw notFound('Custom attribute');
  const next: CustomAttributeDefinitionInput = {
    model: current.attributeModel,
    key: current.attributeKey,
    displayName: input.displayName ?? current.displayName,
    displayType: input.displayType ?? current.displayType,
    description: input.description === undefined ? current.description : input.description,
    // A type changed away from list drops its values rather than refusing the change.
    values: input.values ?? ((input.displayType ?? current.displayType) === 'list' ? current.values : []),
    regexPattern: input.regexPattern === undefined ? current.regexPattern : input.regexPattern,
    regexCue: input.regexCue === undefined ? current.regexCue : input.regexCue,
  };
  assertValidDefinition(next);
  const row = await updateDefinitionRow(
    ctx.db,
    { accountId, id },
    {
      displayName: next.displayName,
      displayType: next.displayType,
      description: next.description,
      values: next.values,
      regexPattern: next.regexPattern || null,
      regexCue: next.regexCue || null,
    },
  ).catch(rethrowKeyTaken);
  if (!row) throw notFound('Custom attribute');
  return serializeCustomAttributeDefinition(row);
}

/** Stored values stay in conversations and contacts, out of sight: re-creating the key shows them again. */
export async function deleteCustomAttributeDefinition(ctx: ServiceContext, id: number) {
  assertCanManageDefinitions(ctx);
  if (!(await deleteDefinitionRow(ctx.db, { accountId: ctx.actor.accountId, id }))) throw notFound('Custom attribute');
}

function rethrowKeyTaken(error: unknown): never {
  if (uniqueViolationConstraint(error) === 'custom_attribute_definitions_account_model_key_unique') throw keyTaken();
  throw error;
}
