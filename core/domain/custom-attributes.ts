/**
 * Custom attributes: the one validator of definitions and of the values stored under them. Pure and
 * free of server imports, so the console checks a field with exactly the rules the server applies.
 */

/** Chatwoot's order: its API may send the index instead of the name. */
export const customAttributeDisplayTypes = ['text', 'number', 'currency', 'percent', 'link', 'date', 'list', 'checkbox'] as const;
export type CustomAttributeDisplayType = (typeof customAttributeDisplayTypes)[number];

/** Chatwoot's order: 0 is conversation_attribute, 1 contact_attribute. */
export const customAttributeModels = ['conversation_attribute', 'contact_attribute'] as const;
export type CustomAttributeModel = (typeof customAttributeModels)[number];

/**
 * Names a custom attribute may not take: the built-in attributes (Chatwoot's standard ones and the
 * fields Parley's filters and rules already use), which a custom one would shadow.
 */
export const builtInAttributeKeys: Record<CustomAttributeModel, readonly string[]> = {
  conversation_attribute: [
    'id',
    'display_id',
    'status',
    'priority',
    'assignee_id',
    'inbox_id',
    'team_id',
    'contact_id',
    'campaign_id',
    'labels',
    'browser_language',
    'country_code',
    'referer',
    'mail_subject',
    'channel',
    'created_at',
    'last_activity_at',
    'snoozed_until',
    'muted',
    'content',
    'message_type',
    'business_hours',
  ],
  contact_attribute: [
    'id',
    'name',
    'email',
    'phone_number',
    'identifier',
    'country',
    'country_code',
    'city',
    'company',
    'company_name',
    'labels',
    'referer',
    'blocked',
    'avatar_url',
    'thumbnail',
    'created_at',
    'last_activity_at',
  ],
};

export type CustomAttributeRule = {
  attribute_key: string;
  attribute_display_name: string;
  attribute_display_type: CustomAttributeDisplayType;
  attribute_values: readonly string[];
  regex_pattern: string | null;
  regex_cue: string | null;
};

export type Checked<T> = { ok: true; value: T } | { ok: false; field: string; reason: string };

const fail = (field: string, reason: string) => ({ ok: false, field, reason }) as const;

export const attributeKeyPattern = /^[a-z][a-z0-9_]{0,63}$/;

/** Fields of a definition that the type decides: list values only for lists, a pattern only for text and links. */
export function checkCustomAttributeDefinition(definition: {
  attribute_model: CustomAttributeModel;
  attribute_key: string;
  attribute_display_type: CustomAttributeDisplayType;
  attribute_values: readonly string[];
  regex_pattern: string | null;
}): Checked<null> {
  const { attribute_model: model, attribute_key: key, attribute_display_type: type } = definition;
  if (!attributeKeyPattern.test(key)) return fail('attribute_key', 'Use lower-case letters, digits and _ (starting with a letter), at most 64');
  if (builtInAttributeKeys[model].includes(key)) return fail('attribute_key', `"${key}" is a built-in attribute`);
  if (type === 'list') {
    if (definition.attribute_values.length === 0) return fail('attribute_values', 'A list needs at least one value');
    if (definition.attribute_values.some((value) => value.trim() === '')) return fail('attribute_values', 'List values may not be empty');
    if (new Set(definition.attribute_values).size !== definition.attribute_values.length) return fail('attribute_values', 'List values must differ');
  } else if (definition.attribute_values.length > 0) {
    return fail('attribute_values', 'Only list attributes have values');
  }
  if (definition.regex_pattern) {
    if (type !== 'text' && type !== 'link') return fail('regex_pattern', 'Only text and link attributes take a pattern');
    if (compilePattern(definition.regex_pattern) === undefined) return fail('regex_pattern', 'Not a valid regular expression');
  }
  return { ok: true, value: null };
}

function compilePattern(pattern: string): RegExp | undefined {
  try {
    return new RegExp(pattern, 'u');
  } catch {
    return undefined;
  }
}

const numberOf = (value: unknown): number | undefined => {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  return undefined;
};

const isoDate = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * Checks one value against its definition and returns it as stored (numbers as numbers). `null` or an
 * empty string clears the attribute. `field` in a failure is the attribute's key.
 */
export function checkCustomAttributeValue(rule: CustomAttributeRule, value: unknown): Checked<string | number | boolean | null> {
  const field = rule.attribute_key;
  const name = rule.attribute_display_name;
  if (value === null || value === undefined || value === '') return { ok: true, value: null };
  switch (rule.attribute_display_type) {
    case 'text':
    case 'link': {
      if (typeof value !== 'string') return fail(field, `${name} must be text`);
      if (value.length > 10_000) return fail(field, `${name} is too long`);
      if (rule.attribute_display_type === 'link') {
        let url: URL | undefined;
        try {
          url = new URL(value);
        } catch {
          url = undefined;
        }
        if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) return fail(field, `${name} must be an http(s) link`);
      }
      const pattern = rule.regex_pattern ? compilePattern(rule.regex_pattern) : undefined;
      if (pattern && !pattern.test(value)) return fail(field, rule.regex_cue || `${name} does not match the expected format`);
      return { ok: true, value };
    }
    case 'number':
    case 'currency':
    case 'percent': {
      const number = numberOf(value);
      if (number === undefined) return fail(field, `${name} must be a number`);
      if (rule.attribute_display_type === 'percent' && (number < 0 || number > 100)) return fail(field, `${name} must be between 0 and 100`);
      return { ok: true, value: number };
    }
    case 'date': {
      if (typeof value !== 'string' || !isoDate.test(value) || Number.isNaN(Date.parse(value))) return fail(field, `${name} must be a date (YYYY-MM-DD)`);
      return { ok: true, value };
    }
    case 'list': {
      if (typeof value !== 'string' || !rule.attribute_values.includes(value)) return fail(field, `${name} must be one of: ${rule.attribute_values.join(', ')}`);
      return { ok: true, value };
    }
    case 'checkbox': {
      if (typeof value !== 'boolean') return fail(field, `${name} must be true or false`);
      return { ok: true, value };
    }
  }
}

/**
 * Checks every defined key of `values`; keys without a definition pass untouched (Chatwoot clients
 * may store free-form attributes; the console only shows defined ones). Cleared attributes come back
 * as `null` so the caller removes them.
 */
export function checkCustomAttributeValues(rules: readonly CustomAttributeRule[], values: Record<string, unknown>): Checked<Record<string, unknown>> {
  const byKey = new Map(rules.map((rule) => [rule.attribute_key, rule]));
  const checked: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values)) {
    const rule = byKey.get(key);
    if (!rule) {
      checked[key] = value;
      continue;
    }
    const result = checkCustomAttributeValue(rule, value);
    if (!result.ok) return result;
    checked[key] = result.value;
  }
  return { ok: true, value: checked };
}

/** Stored attributes after applying checked changes: `null` removes a key, the rest are set. */
export function mergeCustomAttributes(stored: Record<string, unknown>, changes: Record<string, unknown>): Record<string, unknown> {
  const merged = { ...stored };
  for (const [key, value] of Object.entries(changes)) {
    if (value === null) delete merged[key];
    else merged[key] = value;
  }
  return merged;
}
