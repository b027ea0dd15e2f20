import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { CompiledCondition, CompiledFilter, FilterValue } from '../../domain/filters.js';

/**
 * How a model's attributes live in SQL. A standard attribute is a column expression; labels are
 * an EXISTS over the model's label join; custom attributes read the model's jsonb column.
 */
export type FilterColumns = {
  standard: Record<string, SQLWrapper>;
  /** Rows carrying any of these label titles (or any label when `titles` is undefined). */
  hasLabels: (titles: readonly string[] | undefined) => SQL;
  customAttributes: SQLWrapper;
};

/** The compiled payload as one WHERE condition: OR of the AND-groups, each group parenthesised. */
export function filterToSql(filter: CompiledFilter, columns: FilterColumns): SQL {
  const groups = filter.map((group) => sql`(${sql.join(group.map((condition) => conditionToSql(condition, columns)), sql` and `)})`);
  return sql`(${sql.join(groups, sql` or `)})`;
}

const likePattern = (value: FilterValue) => `%${String(value).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

function conditionToSql(condition: CompiledCondition, columns: FilterColumns): SQL {
  if (condition.type === 'labels') return labelCondition(condition, columns);
  const column = condition.source === 'custom' ? customColumn(condition, columns.customAttributes) : sql`${columns.standard[condition.key]}`;
  const { operator, values } = condition;

  if (condition.type === 'text') {
    const present = sql`(${column} is not null and ${column} <> '')`;
    switch (operator) {
      case 'is_present':
        return present;
      case 'is_not_present':
        return sql`not ${present}`;
      // Text compares ignoring case, as Chatwoot's filters do (people type "Maria" for "maria").
      case 'equal_to':
        return sql`lower(${column}) in (${sql.join(values.map((v) => sql`lower(${String(v)})`), sql`, `)})`;
      // A contact without the attribute is "not equal" to any value: nothing there equals it.
      case 'not_equal_to':
        return sql`(${column} is null or lower(${column}) not in (${sql.join(values.map((v) => sql`lower(${String(v)})`), sql`, `)}))`;
      case 'contains':
        return sql`(${sql.join(values.map((v) => sql`${column} ilike ${likePattern(v)}`), sql` or `)})`;
      case 'does_not_contain':
        return sql`(${column} is null or (${sql.join(values.map((v) => sql`${column} not ilike ${likePattern(v)}`), sql` and `)}))`;
    }
  }

  if (operator === 'is_present') return sql`(${column} is not null)`;
  if (operator === 'is_not_present') return sql`(${column} is null)`;

  const typed = (value: FilterValue) => {
    if (condition.type === 'date') return condition.source === 'custom' ? sql`${String(value)}` : sql`${String(value)}::timestamptz`;
    if (condition.type === 'number') return sql`${value}::numeric`;
    if (condition.type === 'boolean') return sql`${value}::boolean`;
    if (condition.type === 'id') return sql`${value}::int`;
    return sql`${String(value)}`;
  };
  const list = sql.join(values.map(typed), sql`, `);

  switch (operator) {
    case 'equal_to':
      // A date equals a day: anything within that calendar day (UTC).
      if (condition.type === 'date') return dateOnDay(column, values[0], condition.source === 'custom');
      return sql`(${column} in (${list}))`;
    case 'not_equal_to':
      if (condition.type === 'date') return sql`(${column} is null or not ${dateOnDay(column, values[0], condition.source === 'custom')})`;
      return sql`(${column} is null or ${column} not in (${list}))`;
    case 'is_greater_than':
      return sql`(${column} > ${typed(values[0])})`;
    case 'is_less_than':
      return sql`(${column} < ${typed(values[0])})`;
    case 'days_before': {
      // Chatwoot: the date lies more than N days before now.
      const cutoff = sql`(now() - make_interval(days => ${Number(values[0])}::int))`;
      return condition.source === 'custom' ? sql`(${column} < to_char(${cutoff} at time zone 'UTC', 'YYYY-MM-DD'))` : sql`(${column} < ${cutoff})`;
    }
    default:
      throw new Error(`operator ${operator} reached the SQL compiler for type ${condition.type}`);
  }
}

function dateOnDay(column: SQL, value: FilterValue, custom: boolean): SQL {
  const day = String(value).slice(0, 10);
  if (custom) return sql`(left(${column}, 10) = ${day})`;
  return sql`(${column} >= ${day}::date::timestamp at time zone 'UTC' and ${column} < (${day}::date + 1)::timestamp at time zone 'UTC')`;
}

/**
 * A custom attribute as a comparable SQL value. Stored values are whatever clients sent, so a cast
 * only happens when the stored JSON has the right shape: a text "abc" never breaks a number filter,
 * it just does not match.
 */
function customColumn(condition: CompiledCondition, customAttributes: SQLWrapper): SQL {
  const json = sql`(${customAttributes} -> ${condition.key})`;
  const text = sql`(${customAttributes} ->> ${condition.key})`;
  switch (condition.type) {
    case 'number':
      return sql`(case when jsonb_typeof(${json}) = 'number' then ${text}::numeric
        when jsonb_typeof(${json}) = 'string' and ${text} ~ '^\\s*-?[0-9]+(\\.[0-9]+)?\\s*$' then ${text}::numeric end)`;
    case 'boolean':
      return sql`(case when jsonb_typeof(${json}) = 'boolean' then ${text}::boolean
        when ${text} in ('true', 'false') then ${text}::boolean end)`;
    // ISO dates compare correctly as text; only strings that look like one take part.
    case 'date':
      return sql`(case when jsonb_typeof(${json}) = 'string' and ${text} ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}' then ${text} end)`;
    default:
      return sql`(case when jsonb_typeof(${json}) in ('string', 'number', 'boolean') then ${text} end)`;
  }
}

function labelCondition(condition: CompiledCondition, columns: FilterColumns): SQL {
  const titles = condition.values.map((value) => String(value).toLowerCase());
  switch (condition.operator) {
    case 'equal_to':
      return columns.hasLabels(titles);
    case 'not_equal_to':
      return sql`not ${columns.hasLabels(titles)}`;
    case 'is_present':
      return columns.hasLabels(undefined);
    case 'is_not_present':
      return sql`not ${columns.hasLabels(undefined)}`;
    default:
      throw new Error(`operator ${condition.operator} reached the SQL compiler for labels`);
  }
}
