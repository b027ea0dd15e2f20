/**
 * Chatwoot's filter payload (`POST contacts/filter`, `POST conversations/filter`, saved views), checked
 * and put into a shape the SQL compiler can read without asking questions. Pure: no database, no clock.
 *
 * A payload is a list of conditions; each condition's `query_operator` joins it to the NEXT one.
 * Chatwoot concatenates them into one SQL WHERE, so AND binds tighter than OR:
 * `a AND b OR c` is `(a AND b) OR c`. We keep that precedence by splitting at every OR into groups
 * of ANDed conditions.
 */

export type FilterConditionInput = {
  attribute_key: string;
  filter_operator: string;
  values?: unknown;
  query_operator?: string | null;
  custom_attribute_type?: string | null;
};

export const filterOperators = [
  'equal_to',
  'not_equal_to',
  'contains',
  'does_not_contain',
  'is_present',
  'is_not_present',
  'is_greater_than',
  'is_less_than',
  'days_before',
] as const;
export type FilterOperator = (typeof filterOperators)[number];

/** How a value is compared; decides which operators make sense. */
export type FilterValueType = 'text' | 'number' | 'date' | 'boolean' | 'labels' | 'id' | 'enum';

export const operatorsByType: Record<FilterValueType, readonly FilterOperator[]> = {
  text: ['equal_to', 'not_equal_to', 'contains', 'does_not_contain', 'is_present', 'is_not_present'],
  number: ['equal_to', 'not_equal_to', 'is_greater_than', 'is_less_than', 'is_present', 'is_not_present'],
  date: ['equal_to', 'not_equal_to', 'is_greater_than', 'is_less_than', 'days_before', 'is_present', 'is_not_present'],
  boolean: ['equal_to', 'not_equal_to', 'is_present', 'is_not_present'],
  labels: ['equal_to', 'not_equal_to', 'is_present', 'is_not_present'],
  id: ['equal_to', 'not_equal_to', 'is_present', 'is_not_present'],
  enum: ['equal_to', 'not_equal_to', 'is_present', 'is_not_present'],
};

/** A built-in attribute of the filtered model: its key in the payload and how it compares. */
export type StandardAttribute = { key: string; type: FilterValueType; enumValues?: readonly string[] };

/** Which custom attribute definition types compare as which value type. */
const customTypeMap: Record<string, FilterValueType> = {
  text: 'text',
  link: 'text',
  list: 'text',
  number: 'number',
  currency: 'number',
  percent: 'number',
  date: 'date',
  checkbox: 'boolean',
};

export type CompiledCondition =
  | { source: 'standard'; key: string; type: FilterValueType; operator: FilterOperator; values: FilterValue[] }
  | { source: 'custom'; key: string; type: FilterValueType; operator: FilterOperator; values: FilterValue[] };

export type FilterValue = string | number | boolean;

/** OR of AND-groups: `[[a, b], [c]]` means `(a AND b) OR c`. */
export type CompiledFilter = CompiledCondition[][];

export type FilterProblem = { field: string; message: string };

export class FilterPayloadError extends Error {
  constructor(readonly problem: FilterProblem) {
    super(problem.message);
    this.name = 'FilterPayloadError';
  }
}

/** Most conditions a payload may carry: enough for any real view, small enough to keep queries sane. */
export const maxFilterConditions = 20;
const maxValuesPerCondition = 100;
const customKeyPattern = /^[A-Za-z0-9_-]{1,64}$/;
const isoDatePattern = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * Checks a Chatwoot payload against the model's attributes and returns it compiled, or throws a
 * FilterPayloadError naming the offending field (`payload[2].values`).
 */
export function compileFilterPayload(payload: readonly FilterConditionInput[], attributes: readonly StandardAttribute[]): CompiledFilter {
  if (payload.length === 0) throw new FilterPayloadError({ field: 'payload', message: 'Give at least one condition' });
  if (payload.length > maxFilterConditions) throw new FilterPayloadError({ field: 'payload', message: `At most ${maxFilterConditions} conditions` });
  const groups: CompiledFilter = [[]];
  payload.forEach((condition, index) => {
    groups[groups.length - 1].push(compileCondition(condition, index, attributes));
    const isLast = index === payload.length - 1;
    if (isLast) return;
    const joiner = (condition.query_operator ?? 'and').toLowerCase();
    if (joiner !== 'and' && joiner !== 'or') {
      throw new FilterPayloadError({ field: `payload[${index}].query_operator`, message: 'Must be "and" or "or"' });
    }
    if (joiner === 'or') groups.push([]);
  });
  return groups;
}

function compileCondition(condition: FilterConditionInput, index: number, attributes: readonly StandardAttribute[]): CompiledCondition {
  const at = (name: string) => `payload[${index}].${name}`;
  const operator = condition.filter_operator as FilterOperator;
  if (!filterOperators.includes(operator)) {
    throw new FilterPayloadError({ field: at('filter_operator'), message: `Unknown operator; one of ${filterOperators.join(', ')}` });
  }
  const standard = attributes.find((attribute) => attribute.key === condition.attribute_key);
  let source: 'standard' | 'custom';
  let type: FilterValueType;
  if (standard) {
    source = 'standard';
    type = standard.type;
  } else {
    if (!condition.custom_attribute_type && !customKeyPattern.test(condition.attribute_key ?? '')) {
      throw new FilterPayloadError({ field: at('attribute_key'), message: `Unknown attribute; one of ${attributes.map((a) => a.key).join(', ')} or a custom attribute key` });
    }
    if (!customKeyPattern.test(condition.attribute_key ?? '')) {
      throw new FilterPayloadError({ field: at('attribute_key'), message: 'A custom attribute key is letters, digits, _ or -, at most 64' });
    }
    source = 'custom';
    type = customValueType(condition);
  }
  if (!operatorsByType[type].includes(operator)) {
    throw new FilterPayloadError({
      field: at('filter_operator'),
      message: `${operator} does not apply to ${condition.attribute_key} (${type}); use one of ${operatorsByType[type].join(', ')}`,
    });
  }
  const values = compileValues(condition.values, operator, type, standard?.enumValues, at('values'));
  return { source, key: condition.attribute_key, type, operator, values };
}

/**
 * A custom attribute's type: from `custom_attribute_type` when it names a definition type (text,
 * number, date, checkbox…), otherwise from the values given (Chatwoot sends the model there,
 * `contact_attribute`, and looks the type up in its definitions; those are another table here).
 */
function customValueType(condition: FilterConditionInput): FilterValueType {
  const declared = condition.custom_attribute_type ? customTypeMap[condition.custom_attribute_type] : undefined;
  if (declared) return declared;
  if (condition.filter_operator === 'days_before') return 'date';
  const values = Array.isArray(condition.values) ? condition.values : [condition.values];
  const first = values.find((value) => value !== undefined && value !== null);
  if (typeof first === 'boolean') return 'boolean';
  if (typeof first === 'number') return 'number';
  if (typeof first === 'string' && /^\d{4}-\d{2}-\d{2}/.test(first) && isoDatePattern.test(first)) return 'date';
  return 'text';
}

function compileValues(raw: unknown, operator: FilterOperator, type: FilterValueType, enumValues: readonly string[] | undefined, field: string): FilterValue[] {
  if (operator === 'is_present' || operator === 'is_not_present') return [];
  // Chatwoot sends an array, but a single value (its UI does for dates) is accepted too.
  const list = (Array.isArray(raw) ? raw : raw === undefined || raw === null ? [] : [raw]).filter((value) => value !== null && value !== '');
  if (list.length === 0) throw new FilterPayloadError({ field, message: `${operator} needs a value` });
  if (list.length > maxValuesPerCondition) throw new FilterPayloadError({ field, message: `At most ${maxValuesPerCondition} values` });
  const single = operator === 'is_greater_than' || operator === 'is_less_than' || operator === 'days_before';
  if (single && list.length > 1) throw new FilterPayloadError({ field, message: `${operator} takes one value` });

  return list.map((value) => {
    // Chatwoot's UI sends picked options as { id, name }; the id is the value.
    const plain = typeof value === 'object' && value !== null && 'id' in value ? (value as { id: unknown }).id : value;
    if (operator === 'days_before') {
      const days = typeof plain === 'string' ? Number(plain) : plain;
      if (typeof days !== 'number' || !Number.isInteger(days) || days < 0 || days > 36_500) {
        throw new FilterPayloadError({ field, message: 'days_before takes a whole number of days' });
      }
      return days;
    }
    switch (type) {
      case 'number': {
        const number = typeof plain === 'string' && plain.trim() !== '' ? Number(plain) : plain;
        if (typeof number !== 'number' || !Number.isFinite(number)) throw new FilterPayloadError({ field, message: 'Must be a number' });
        return number;
      }
      case 'id': {
        const id = typeof plain === 'string' ? Number(plain) : plain;
        if (typeof id !== 'number' || !Number.isInteger(id) || id <= 0 || id > 2_147_483_647) {
          throw new FilterPayloadError({ field, message: 'Must be a positive whole id' });
        }
        return id;
      }
      case 'boolean': {
        if (plain === true || plain === 'true') return true;
        if (plain === false || plain === 'false') return false;
        throw new FilterPayloadError({ field, message: 'Must be true or false' });
      }
      case 'date': {
        if (typeof plain !== 'string' || !isoDatePattern.test(plain) || Number.isNaN(Date.parse(plain))) {
          throw new FilterPayloadError({ field, message: 'Must be a date, YYYY-MM-DD' });
        }
        return plain;
      }
      case 'enum': {
        if (typeof plain !== 'string' || !enumValues?.includes(plain)) {
          throw new FilterPayloadError({ field, message: `Must be one of ${enumValues?.join(', ')}` });
        }
        return plain;
      }
      default: {
        if (typeof plain !== 'string' && typeof plain !== 'number') throw new FilterPayloadError({ field, message: 'Must be text' });
        const text = String(plain);
        if (text.length > 255) throw new FilterPayloadError({ field, message: 'At most 255 characters' });
        return text;
      }
    }
  });
}

/** The contact attributes Chatwoot's contact filter offers. */
export const contactFilterAttributes: readonly StandardAttribute[] = [
  { key: 'name', type: 'text' },
  { key: 'email', type: 'text' },
  { key: 'phone_number', type: 'text' },
  { key: 'identifier', type: 'text' },
  { key: 'country_code', type: 'text' },
  { key: 'country', type: 'text' },
  { key: 'city', type: 'text' },
  { key: 'created_at', type: 'date' },
  { key: 'last_activity_at', type: 'date' },
  { key: 'labels', type: 'labels' },
];

/** The conversation attributes Chatwoot's conversation filter offers (those Parley has). */
export const conversationFilterAttributes: readonly StandardAttribute[] = [
  { key: 'status', type: 'enum', enumValues: ['open', 'resolved', 'pending', 'snoozed'] },
  { key: 'assignee_id', type: 'id' },
  { key: 'inbox_id', type: 'id' },
  { key: 'team_id', type: 'id' },
  { key: 'priority', type: 'enum', enumValues: ['low', 'medium', 'high', 'urgent'] },
  { key: 'labels', type: 'labels' },
  { key: 'created_at', type: 'date' },
  { key: 'last_activity_at', type: 'date' },
];
