import type { AutomationAction, AutomationCondition, AutomationDryRun, AutomationEventName, AutomationRule } from '$lib/types';
import { accountPath, apiRequest, unwrap, unwrapList, type RequestFunction } from './http';

export type AutomationRuleInput = {
  name: string;
  description?: string | null;
  event_name: AutomationEventName;
  conditions: AutomationCondition[];
  actions: AutomationAction[];
  active?: boolean;
};

export async function listAutomationRules(accountId: number, request: RequestFunction = fetch): Promise<AutomationRule[]> {
  return unwrapList<AutomationRule>(await apiRequest(request, accountPath(accountId, '/automation_rules')));
}

export async function createAutomationRule(accountId: number, input: AutomationRuleInput, request: RequestFunction = fetch): Promise<AutomationRule> {
  return unwrap<AutomationRule>(await apiRequest(request, accountPath(accountId, '/automation_rules'), { method: 'POST', body: input }));
}

export async function updateAutomationRule(accountId: number, ruleId: number, input: Partial<AutomationRuleInput> & { position?: number }, request: RequestFunction = fetch): Promise<AutomationRule> {
  return unwrap<AutomationRule>(await apiRequest(request, accountPath(accountId, `/automation_rules/${ruleId}`), { method: 'PATCH', body: input }));
}

export async function deleteAutomationRule(accountId: number, ruleId: number, request: RequestFunction = fetch): Promise<void> {
  await apiRequest(request, accountPath(accountId, `/automation_rules/${ruleId}`), { method: 'DELETE' });
}

/** What the rule would do to a conversation, without doing it. */
export async function dryRunAutomationRule(
  accountId: number,
  input: Pick<AutomationRuleInput, 'event_name' | 'conditions' | 'actions'> & { conversation_id: number },
  request: RequestFunction = fetch,
): Promise<AutomationDryRun> {
  return apiRequest<AutomationDryRun>(request, accountPath(accountId, '/automation_rules/dry_run'), { method: 'POST', body: input });
}
