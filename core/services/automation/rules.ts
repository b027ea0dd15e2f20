import type { AutomationAction, AutomationCondition, AutomationEventName } from '../../../db/schema/index.js';
import { recordAudit } from '../audit/record.js';
import {
  deleteAutomationRuleRow,
  findAutomationRule,
  insertAutomationRule,
  listAutomationRules,
  updateAutomationRuleRow,
} from '../../../db/queries/automation.js';
import { listAgents } from '../../../db/queries/agents.js';
import { findConversationByDisplayId } from '../../../db/queries/conversations.js';
import { listTeams } from '../../../db/queries/teams.js';
import type { ServiceContext } from '../../context.js';
import { conditionHolds, conditionsHold, describeAction } from '../../domain/automation-rules.js';
import { isAdministrator } from '../../domain/permissions.js';
import { forbidden, invalid, notFound } from '../../errors.js';
import { serializeAutomationRule } from '../../serializers/automation-rule.js';
import { loadAutomationFacts } from './facts.js';

export type RuleInput = {
  name?: string;
  description?: string | null;
  eventName?: AutomationEventName;
  conditions?: AutomationCondition[];
  actions?: AutomationAction[];
  active?: boolean;
  position?: number;
};

function assertCanManageRules(ctx: ServiceContext) {
  if (!isAdministrator(ctx.actor)) throw forbidden('Only administrators can manage automation rules');
}

/** Teams and agents an action names must be the account's; a 422 names the action's params. */
async function checkActionTargets(ctx: ServiceContext, actions: AutomationAction[]) {
  const { accountId, userId } = ctx.actor;
  const [teams, agents] = await Promise.all([listTeams(ctx.db, { accountId, userId }), listAgents(ctx.db, accountId)]);
  actions.forEach((action, index) => {
    const id = Number(action.action_params?.[0]);
    if (action.action_name === 'assign_team' && !teams.some((t) => t.team.id === id)) throw invalid(`actions.${index}.action_params`, 'No such team in this account');
    if (action.action_name === 'assign_agent' && !agents.some((a) => a.id === id)) throw invalid(`actions.${index}.action_params`, 'No such agent in this account');
  });
}

export async function listRules(ctx: ServiceContext) {
  assertCanManageRules(ctx);
  return (await listAutomationRules(ctx.db, { accountId: ctx.actor.accountId })).map(serializeAutomationRule);
}

export async function showRule(ctx: ServiceContext, id: number) {
  assertCanManageRules(ctx);
  const row = await findAutomationRule(ctx.db, { accountId: ctx.actor.accountId, id });
  if (!row) throw notFound('Automation rule');
  return serializeAutomationRule(row);
}

export async function createRule(ctx: ServiceContext, input: RuleInput & { name: string; eventName: AutomationEventName; conditions: AutomationCondition[]; actions: AutomationAction[] }) {
  assertCanManageRules(ctx);
  await checkActionTargets(ctx, input.actions);
  const row = await ctx.db.transaction(async (tx) => {
    const inserted = await insertAutomationRule(tx, {
      accountId: ctx.actor.accountId,
      name: input.name,
      description: input.description ?? null,
      eventName: input.eventName,
      conditions: input.conditions,
      actions: input.actions,
      active: input.active ?? true,
    });
    await recordAudit(tx, ctx.actor, { action: 'create', auditableType: 'AutomationRule', auditableId: inserted.id, changes: { name: input.name, event_name: input.eventName } });
    return inserted;
  });
  return serializeAutomationRule(row);
}

export async function updateRule(ctx: ServiceContext, id: number, input: RuleInput) {
  assertCanManageRules(ctx);
  if (!(await findAutomationRule(ctx.db, { accountId: ctx.actor.accountId, id }))) throw notFound('Automation rule');
  if (input.actions) await checkActionTargets(ctx, input.actions);
  const row = await ctx.db.transaction(async (tx) => {
    const updated = await updateAutomationRuleRow(
      tx,
      { accountId: ctx.actor.accountId, id },
      {
        name: input.name,
        description: input.description,
        eventName: input.eventName,
        conditions: input.conditions,
        actions: input.actions,
        active: input.active,
        position: input.position,
      },
    );
    if (updated) await recordAudit(tx, ctx.actor, { action: 'update', auditableType: 'AutomationRule', auditableId: id, changes: { name: input.name, active: input.active, event_name: input.eventName } });
    return updated;
  });
  if (!row) throw notFound('Automation rule');
  return serializeAutomationRule(row);
}

export async function deleteRule(ctx: ServiceContext, id: number) {
  assertCanManageRules(ctx);
  await ctx.db.transaction(async (tx) => {
    if (!(await deleteAutomationRuleRow(tx, { accountId: ctx.actor.accountId, id }))) throw notFound('Automation rule');
    await recordAudit(tx, ctx.actor, { action: 'destroy', auditableType: 'AutomationRule', auditableId: id });
  });
}

/**
 * The editor's "try it": evaluates a rule (saved or not) against an existing conversation with the
 * same evaluator the worker uses, and says what would happen, changing nothing. A message rule is
 * tried on the conversation's latest customer message.
 */
export async function dryRunRule(
  ctx: ServiceContext,
  input: { displayId: number; rule: { eventName: AutomationEventName; conditions: AutomationCondition[]; actions: AutomationAction[] } },
) {
  assertCanManageRules(ctx);
  const { accountId, userId } = ctx.actor;
  const conversation = await findConversationByDisplayId(ctx.db, { accountId, displayId: input.displayId });
  if (!conversation) throw invalid('conversation_id', 'No such conversation in this account');
  const facts = await loadAutomationFacts(ctx.db, {
    accountId,
    conversationId: conversation.id,
    latestIncomingMessage: input.rule.eventName === 'message_created',
    now: new Date(),
  });
  if (!facts) throw invalid('conversation_id', 'No such conversation in this account');
  const matched = conditionsHold(input.rule.conditions, facts);
  const [teams, agents] = await Promise.all([listTeams(ctx.db, { accountId, userId }), listAgents(ctx.db, accountId)]);
  const names = { teams: new Map(teams.map((t) => [t.team.id, t.team.name])), agents: new Map(agents.map((a) => [a.id, a.displayName ?? a.name])) };
  return {
    matched,
    conversation_id: conversation.displayId,
    message: facts.message ? { content: facts.message.content } : null,
    conditions: input.rule.conditions.map((condition) => ({ ...condition, matched: conditionHolds(condition, facts) })),
    actions: matched ? input.rule.actions.map((action) => ({ ...action, description: describeAction(action, names) })) : [],
  };
}
