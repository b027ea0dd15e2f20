import { z } from '@hono/zod-openapi';
import type { AutomationRuleRow } from '../../db/queries/automation.js';
import { automationEventNames } from '../../db/schema/index.js';

export const automationConditionSchema = z
  .object({
    attribute_key: z.string(),
    filter_operator: z.string(),
    values: z.array(z.union([z.string(), z.number(), z.boolean()])),
    query_operator: z.enum(['and', 'or']).nullable().optional(),
    custom_attribute_type: z.enum(['conversation_attribute', 'contact_attribute']).nullable().optional(),
  })
  .openapi('AutomationCondition');

export const automationActionSchema = z
  .object({ action_name: z.string(), action_params: z.array(z.union([z.string(), z.number()])) })
  .openapi('AutomationAction');

export const automationRuleSchema = z
  .object({
    id: z.number().int(),
    account_id: z.number().int(),
    name: z.string(),
    description: z.string().nullable(),
    event_name: z.enum(automationEventNames),
    conditions: z.array(automationConditionSchema),
    actions: z.array(automationActionSchema),
    active: z.boolean(),
    position: z.number().int(),
    created_on: z.number().int(),
  })
  .openapi('AutomationRule');

export type AutomationRuleJson = z.infer<typeof automationRuleSchema>;

export const serializeAutomationRule = (row: AutomationRuleRow): AutomationRuleJson => ({
  id: row.id,
  account_id: row.accountId,
  name: row.name,
  description: row.description,
  event_name: row.eventName,
  conditions: row.conditions,
  actions: row.actions,
  active: row.active,
  position: row.position,
  created_on: Math.floor(row.createdAt.getTime() / 1000),
});
