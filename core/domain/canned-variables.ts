/**
 * The template variables of canned responses (SPEC 4.10), filled from the conversation, its contact
 * and the agent. Pure and free of server imports: the console fills the composer with it and the
 * server would fill the same text the same way.
 */

export type CannedVariableContext = {
  contact?: { id?: number | null; name?: string | null; email?: string | null; phone_number?: string | null; custom_attributes?: Record<string, unknown> | null } | null;
  conversation?: { id?: number | null; custom_attributes?: Record<string, unknown> | null } | null;
  agent?: { name?: string | null; email?: string | null } | null;
};

/** The variables every canned response may use, besides `{{conversation|contact.custom_attribute.<key>}}`. */
export const cannedVariableNames = [
  'contact.name',
  'contact.first_name',
  'contact.last_name',
  'contact.email',
  'contact.phone',
  'contact.id',
  'conversation.id',
  'agent.name',
  'agent.first_name',
  'agent.last_name',
  'agent.email',
] as const;

const variablePattern = /\{\{\s*([a-z_]+(?:\.[a-z0-9_]+)+)\s*\}\}/gi;

const words = (name: string | null | undefined) => (name ?? '').trim().split(/\s+/).filter(Boolean);
// As Chatwoot: the first word, and the last word when there are at least two.
const firstName = (name: string | null | undefined) => words(name)[0];
const lastName = (name: string | null | undefined) => {
  const all = words(name);
  return all.length > 1 ? all[all.length - 1] : undefined;
};

function attributeText(bag: Record<string, unknown> | null | undefined, key: string): string | undefined {
  const value = bag?.[key];
  if (value === null || value === undefined) return undefined;
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** The value of one variable, or undefined when the conversation does not define it (or it is empty). */
export function cannedVariableValue(variable: string, context: CannedVariableContext): string | undefined {
  const { contact, conversation, agent } = context;
  const customPrefix = /^(contact|conversation)\.custom_attribute\.([a-z0-9_]+)$/i.exec(variable);
  let value: string | undefined;
  if (customPrefix) {
    const bag = customPrefix[1] === 'contact' ? contact?.custom_attributes : conversation?.custom_attributes;
    value = attributeText(bag, customPrefix[2]);
  } else {
    switch (variable) {
      case 'contact.name':
        value = contact?.name ?? undefined;
        break;
      case 'contact.first_name':
        value = firstName(contact?.name);
        break;
      case 'contact.last_name':
        value = lastName(contact?.name);
        break;
      case 'contact.email':
        value = contact?.email ?? undefined;
        break;
      case 'contact.phone':
        value = contact?.phone_number ?? undefined;
        break;
      case 'contact.id':
        value = contact?.id == null ? undefined : String(contact.id);
        break;
      case 'conversation.id':
        value = conversation?.id == null ? undefined : String(conversation.id);
        break;
      case 'agent.name':
        value = agent?.name ?? undefined;
        break;
      case 'agent.first_name':
        value = firstName(agent?.name);
        break;
      case 'agent.last_name':
        value = lastName(agent?.name);
        break;
      case 'agent.email':
        value = agent?.email ?? undefined;
        break;
    }
  }
  return value === undefined || value.trim() === '' ? undefined : value;
}

export type FilledCannedResponse = {
  /** The text to insert: defined variables replaced, the others left as written so they stay visible. */
  text: string;
  /** Variables left in the text (unknown, undefined or empty), in order of first appearance. */
  unresolved: string[];
};

export function fillCannedResponse(content: string, context: CannedVariableContext): FilledCannedResponse {
  const unresolved: string[] = [];
  const text = content.replace(variablePattern, (whole, variable: string) => {
    const value = cannedVariableValue(variable.toLowerCase(), context);
    if (value !== undefined) return value;
    if (!unresolved.includes(whole)) unresolved.push(whole);
    return whole;
  });
  return { text, unresolved };
}

/** The `{{…}}` variables still in a draft: what sending asks about. */
export function unresolvedCannedVariables(draft: string): string[] {
  return [...new Set([...draft.matchAll(variablePattern)].map((match) => match[0]))];
}
