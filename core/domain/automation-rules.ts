import type { AutomationAction, AutomationCondition, AutomationEventName } from '../../db/schema/index.js';

/**
 * Routing (automation) rules: the one pure function that decides which rules match an event and
 * which actions follow. The activity that runs rules and the editor's dry run both call it, so what
 * the editor shows is what happens. No clock, no I/O: callers gather the facts.
 */

export const conditionOperators = [
  'equal_to',
  'not_equal_to',
  'contains',
  'does_not_contain',
  'is_present',
  'is_not_present',
  'starts_with',
  'is_greater_than',
  'is_less_than',
] as const;
export type ConditionOperator = (typeof conditionOperators)[number];

/** Condition attributes beyond custom attributes (those carry `custom_attribute_type`). */
export const conditionAttributes = [
  'content',
  'message_type',
  'inbox_id',
  'channel',
  'status',
  'priority',
  'team_id',
  'assignee_id',
  'labels',
  'mail_subject',
  'browser_language',
  'referer',
  'email',
  'phone_number',
  'name',
  'city',
  'country',
  'company',
  'business_hours',
] as const;
export type ConditionAttribute = (typeof conditionAttributes)[number];

/** Attributes only a message event has. */
export const messageAttributes: readonly string[] = ['content', 'message_type'];

export const actionNames = [
  'assign_team',
  'assign_agent',
  'add_label',
  'remove_label',
  'change_priority',
  'send_message',
  'resolve_conversation',
  'mute_conversation',
] as const;
export type ActionName = (typeof actionNames)[number];

export type AutomationFacts = {
  conversation: {
    inboxId: number;
    channel: string;
    status: string;
    priority: string | null;
    teamId: number | null;
    assigneeId: number | null;
    labels: string[];
    customAttributes: Record<string, unknown>;
    mailSubject: string | null;
    browserLanguage: string | null;
    referer: string | null;
  };
  contact: {
    name: string | null;
    email: string | null;
    phoneNumber: string | null;
    city: string | null;
    country: string | null;
    company: string | null;
    customAttributes: Record<string, unknown>;
  };
  message?: { content: string | null; messageType: string };
  insideBusinessHours: boolean;
};

export type RuleToEvaluate = {
  id: number;
  eventName: AutomationEventName;
  active: boolean;
  conditions: AutomationCondition[];
  actions: AutomationAction[];
};

type Scalar = string | number | boolean | null | undefined;

/** The value (or values, for labels) a condition looks at. */
function factOf(condition: AutomationCondition, facts: AutomationFacts): Scalar | string[] {
  const { conversation, contact, message } = facts;
  if (condition.custom_attribute_type) {
    const bag = condition.custom_attribute_type === 'contact_attribute' ? contact.customAttributes : conversation.customAttributes;
    const value = bag[condition.attribute_key];
    return typeof value === 'object' ? (value === null ? null : JSON.stringify(value)) : (value as Scalar);
  }
  switch (condition.attribute_key as ConditionAttribute) {
    case 'content':
      return message?.content ?? null;
    case 'message_type':
      return message?.messageType ?? null;
    case 'inbox_id':
      return conversation.inboxId;
    case 'channel':
      return conversation.channel;
    case 'status':
      return conversation.status;
    case 'priority':
      return conversation.priority;
    case 'team_id':
      return conversation.teamId;
    case 'assignee_id':
      return conversation.assigneeId;
    case 'labels':
      return conversation.labels;
    case 'mail_subject':
      return conversation.mailSubject;
    case 'browser_language':
      return conversation.browserLanguage;
    case 'referer':
      return conversation.referer;
    case 'email':
      return contact.email;
    case 'phone_number':
      return contact.phoneNumber;
    case 'name':
      return contact.name;
    case 'city':
      return contact.city;
    case 'country':
      return contact.country;
    case 'company':
      return contact.company;
    case 'business_hours':
      return facts.insideBusinessHours ? 'inside' : 'outside';
    default:
      return undefined;
  }
}

const text = (value: Scalar) => (value === null || value === undefined ? '' : String(value)).toLowerCase();
const isPresent = (value: Scalar | string[]) => (Array.isArray(value) ? value.length > 0 : value !== null && value !== undefined && String(value).trim() !== '');

/** Whether one condition holds. Text compares ignore case; several values mean "any of them". */
export function conditionHolds(condition: AutomationCondition, facts: AutomationFacts): boolean {
  const fact = factOf(condition, facts);
  const wanted = (condition.values ?? []).map((v) => text(v));
  const operator = condition.filter_operator as ConditionOperator;
  if (operator === 'is_present') return isPresent(fact);
  if (operator === 'is_not_present') return !isPresent(fact);
  if (Array.isArray(fact)) {
    // Labels: "equal to" / "contains" any of the values, "not equal" / "does not contain" none of them.
    const have = fact.map((label) => label.toLowerCase());
    const any = wanted.some((w) => have.includes(w));
    if (operator === 'equal_to' || operator === 'contains') return any;
    if (operator === 'not_equal_to' || operator === 'does_not_contain') return !any;
    return false;
  }
  const value = text(fact);
  switch (operator) {
    case 'equal_to':
      return wanted.includes(value);
    case 'not_equal_to':
      return !wanted.includes(value);
    case 'contains':
      return wanted.some((w) => w !== '' && value.includes(w));
    case 'does_not_contain':
      return !wanted.some((w) => w !== '' && value.includes(w));
    case 'starts_with':
      return wanted.some((w) => value.startsWith(w));
    case 'is_greater_than':
    case 'is_less_than': {
      const number = Number(fact);
      const limit = Number(condition.values?.[0]);
      if (!isPresent(fact) || Number.isNaN(number) || Number.isNaN(limit)) return false;
      return operator === 'is_greater_than' ? number > limit : number < limit;
    }
    default:
      return false;
  }
}

/**
 * Whether the conditions hold together. Each condition's `query_operator` joins it to the next;
 * AND binds tighter than OR (as in SQL, which Chatwoot builds from them): `a AND b OR c` is
 * `(a AND b) OR c`. No conditions match every event.
 */
export function conditionsHold(conditions: AutomationCondition[], facts: AutomationFacts): boolean {
  if (conditions.length === 0) return true;
  let anyGroupHolds = false;
  let groupHolds = true;
  conditions.forEach((condition, index) => {
    groupHolds = groupHolds && conditionHolds(condition, facts);
    const join = index === conditions.length - 1 ? 'or' : (condition.query_operator ?? 'and');
    if (join === 'or') {
      anyGroupHolds = anyGroupHolds || groupHolds;
      groupHolds = true;
    }
  });
  return anyGroupHolds;
}

export type RuleVerdict = { ruleId: number; matched: boolean; conditions: boolean[]; actions: AutomationAction[] };

/**
 * The rules for this event, in their order, with whether each matched and the actions that follow.
 * Switched-off rules and rules for other events are left out.
 */
export function evaluateRules(rules: RuleToEvaluate[], event: AutomationEventName, facts: AutomationFacts): RuleVerdict[] {
  return rules
    .filter((rule) => rule.active && rule.eventName === event)
    .map((rule) => {
      const matched = conditionsHold(rule.conditions, facts);
      return { ruleId: rule.id, matched, conditions: rule.conditions.map((c) => conditionHolds(c, facts)), actions: matched ? rule.actions : [] };
    });
}

/** The actions of every matching rule, in rule order then action order: what the activity carries out. */
export const plannedActions = (verdicts: RuleVerdict[]) => verdicts.flatMap((verdict) => verdict.actions.map((action) => ({ ruleId: verdict.ruleId, action })));

/** What an action will do, in words, for the editor's dry run; `names` turns team and agent ids into names. */
export function describeAction(action: AutomationAction, names: { teams: Map<number, string>; agents: Map<number, string> }): string {
  const params = action.action_params ?? [];
  switch (action.action_name as ActionName) {
    case 'assign_team':
      return `Assign to team ${names.teams.get(Number(params[0])) ?? `#${params[0]}`}`;
    case 'assign_agent':
      return `Assign to ${names.agents.get(Number(params[0])) ?? `agent #${params[0]}`}`;
    case 'add_label':
      return `Add label ${params.join(', ')}`;
    case 'remove_label':
      return `Remove label ${params.join(', ')}`;
    case 'change_priority':
      return params[0] === 'none' ? 'Remove the priority' : `Set the priority to ${params[0]}`;
    case 'send_message':
      return `Send the message “${params[0]}”`;
    case 'resolve_conversation':
      return 'Resolve the conversation';
    case 'mute_conversation':
      return 'Mute the conversation';
    default:
      return action.action_name;
  }
}
