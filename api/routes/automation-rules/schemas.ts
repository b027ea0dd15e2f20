import { z } from '@hono/zod-openapi';
import { automationEventNames } from '../../../db/schema/index.js';
import { actionNames, conditionAttributes, conditionOperators } from '../../../core/domain/automation-rules.js';
import { accountParams, idParam } from '../../openapi-schemas.js';

export const automationRuleParams = accountParams.extend({
  id: idParam.openapi({ param: { name: 'id', in: 'path' }, example: 1 }),
});

const valueSchema = z.union([z.string().max(1000), z.number(), z.boolean()]);

/** Chatwoot's condition; attributes other than the built-in ones must say which custom attributes they are. */
export const conditionInputSchema = z
  .object({
    attribute_key: z.string().trim().min(1).max(255),
    filter_operator: z.enum(conditionOperators),
    values: z.array(valueSchema).max(100).default([]),
    query_operator: z.enum(['and', 'or']).nullable().optional(),
    custom_attribute_type: z.enum(['conversation_attribute', 'contact_attribute']).nullable().optional(),
  })
  .superRefine((condition, context) => {
    if (!condition.custom_attribute_type && !(conditionAttributes as readonly string[]).includes(condition.attribute_key)) {
      context.addIssue({ code: 'custom', path: ['attribute_key'], message: `Unknown attribute; use one of ${conditionAttributes.join(', ')} or a custom attribute` });
    }
    const needsValue = condition.filter_operator !== 'is_present' && condition.filter_operator !== 'is_not_present';
    if (needsValue && condition.values.length === 0) context.addIssue({ code: 'custom', path: ['values'], message: 'This operator needs a value' });
  });

/** Actions and what their params must be. Teams, agents and labels are checked against the account by the service. */
export const actionInputSchema = z
  .object({
    action_name: z.enum(actionNames),
    action_params: z.array(z.union([z.string().max(10_000), z.number()])).max(50).default([]),
  })
  .superRefine((action, context) => {
    const params = action.action_params;
    const fail = (message: string) => context.addIssue({ code: 'custom', path: ['action_params'], message });
    switch (action.action_name) {
      case 'assign_team':
      case 'assign_agent':
        if (params.length !== 1 || !Number.isInteger(Number(params[0])) || Number(params[0]) <= 0) fail('Give one id');
        break;
      case 'add_label':
      case 'remove_label':
        if (params.length === 0 || params.some((p) => !/^[a-z0-9_-]+$/i.test(String(p)))) fail('Give label titles (letters, digits, - and _)');
        break;
      case 'change_priority':
        if (params.length !== 1 || !['urgent', 'high', 'medium', 'low', 'none'].includes(String(params[0]))) fail('Give one of urgent, high, medium, low, none');
        break;
      case 'send_message':
        if (params.length !== 1 || !String(params[0]).trim()) fail('Give the message to send');
        break;
      case 'resolve_conversation':
      case 'mute_conversation':
        break;
    }
  });

export const ruleFields = {
  name: z.string().trim().min(1).max(255).openapi({ example: 'Refunds to Billing' }),
  description: z.string().trim().max(1000).nullable().optional(),
  event_name: z.enum(automationEventNames),
  conditions: z.array(conditionInputSchema).max(50),
  actions: z.array(actionInputSchema).min(1).max(20),
  active: z.boolean().optional(),
  position: z.number().int().min(0).max(1_000_000).optional(),
};
