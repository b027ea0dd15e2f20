import { checkCustomAttributeValue, type CustomAttributeRule } from './custom-attributes.js';
import { contactEmailSchema, contactFieldLimits, e164PhoneHint, e164PhonePattern } from './contact-fields.js';
import type { CsvRecord } from './csv.js';

/** Rows per batch activity: small transactions, so an import of 50k rows never holds locks for long. */
export const contactImportBatchRows = 500;
/** The most data rows one file may hold. */
export const maxContactImportRows = 200_000;

/** The template's columns, in order; custom attributes follow by key. */
export const contactImportStandardColumns = ['name', 'email', 'phone_number', 'identifier', 'city', 'country', 'company_name'] as const;
type StandardColumn = (typeof contactImportStandardColumns)[number] | 'country_code';

const columnAliases: Record<string, StandardColumn> = { company: 'company_name', phone: 'phone_number' };
const standardColumns = new Set<string>([...contactImportStandardColumns, 'country_code']);
const matchingColumns = ['email', 'phone_number', 'identifier'] as const;
export type MatchingColumn = (typeof matchingColumns)[number];

export type ImportColumn = { header: string } & ({ kind: 'standard'; name: StandardColumn } | { kind: 'custom'; rule: CustomAttributeRule } | { kind: 'ignored' });

/** What the header says each column holds; unknown or repeated columns refuse the file (nothing is guessed). */
export function planImportColumns(header: readonly string[], rules: readonly CustomAttributeRule[]): { ok: true; columns: ImportColumn[] } | { ok: false; reason: string } {
  const byKey = new Map(rules.map((rule) => [rule.attribute_key, rule]));
  const seen = new Set<string>();
  const unknown: string[] = [];
  const columns: ImportColumn[] = [];
  for (const raw of header) {
    const header = raw.trim();
    const key = header.toLowerCase().replace(/\s+/g, '_');
    if (key === '') {
      columns.push({ header, kind: 'ignored' });
      continue;
    }
    const standard = columnAliases[key] ?? (standardColumns.has(key) ? (key as StandardColumn) : undefined);
    const id = standard ?? key;
    if (seen.has(id)) return { ok: false, reason: `The column ${header} appears twice` };
    seen.add(id);
    if (standard) columns.push({ header, kind: 'standard', name: standard });
    else if (byKey.has(key)) columns.push({ header, kind: 'custom', rule: byKey.get(key)! });
    else unknown.push(header);
  }
  if (unknown.length) {
    return { ok: false, reason: `Unknown columns: ${unknown.join(', ')}. Use ${contactImportStandardColumns.join(', ')} or a contact custom attribute's key` };
  }
  if (!columns.some((column) => column.kind === 'standard' && (column.name === 'name' || (matchingColumns as readonly string[]).includes(column.name)))) {
    return { ok: false, reason: 'The header needs a name, email, phone_number or identifier column' };
  }
  return { ok: true, columns };
}

export type ImportRowError = { rowNumber: number; column: string; reason: string };

/** A row's values; an empty cell is absent (an import never clears what a contact has). */
export type ImportedContact = {
  rowNumber: number;
  name?: string;
  email?: string;
  phoneNumber?: string;
  identifier?: string;
  additionalAttributes: Record<string, string>;
  customAttributes: Record<string, string | number | boolean>;
};

const additionalKeys: Partial<Record<StandardColumn, string>> = { city: 'city', country: 'country', country_code: 'countryCode', company_name: 'companyName' };

const checkboxWords: Record<string, boolean> = { true: true, yes: true, '1': true, false: false, no: false, '0': false };

/** One data row checked with the API's rules: the contact it describes, or every problem it has. */
export function readImportRow(record: CsvRecord, columns: readonly ImportColumn[]): { ok: true; contact: ImportedContact } | { ok: false; errors: ImportRowError[] } {
  const rowNumber = record.index + 1;
  const errors: ImportRowError[] = [];
  const problem = (column: string, reason: string) => errors.push({ rowNumber, column, reason });
  const contact: ImportedContact = { rowNumber, additionalAttributes: {}, customAttributes: {} };
  if (record.fields.length > columns.length && record.fields.slice(columns.length).some((value) => value.trim() !== '')) {
    problem('', `The row has ${record.fields.length} values but the header names ${columns.length} columns`);
  }
  columns.forEach((column, position) => {
    const value = (record.fields[position] ?? '').trim();
    if (value === '' || column.kind === 'ignored') return;
    if (column.kind === 'custom') {
      const rule = column.rule;
      const given = rule.attribute_display_type === 'checkbox' ? (checkboxWords[value.toLowerCase()] ?? value) : value;
      const checked = checkCustomAttributeValue(rule, given);
      if (!checked.ok) problem(column.header, checked.reason);
      else if (checked.value !== null) contact.customAttributes[rule.attribute_key] = checked.value;
      return;
    }
    switch (column.name) {
      case 'name':
        if (value.length > contactFieldLimits.name) problem(column.header, `Names are limited to ${contactFieldLimits.name} characters`);
        else contact.name = value;
        return;
      case 'email':
        if (!contactEmailSchema.safeParse(value).success) problem(column.header, `${value} is not an e-mail address`);
        else contact.email = value.toLowerCase();
        return;
      case 'phone_number':
        if (!e164PhonePattern.test(value)) problem(column.header, `${value}: ${e164PhoneHint}`);
        else contact.phoneNumber = value;
        return;
      case 'identifier':
        if (value.length > contactFieldLimits.identifier) problem(column.header, `Identifiers are limited to ${contactFieldLimits.identifier} characters`);
        else contact.identifier = value;
        return;
      default:
        contact.additionalAttributes[additionalKeys[column.name]!] = value.slice(0, 1000);
    }
  });
  if (errors.length) return { ok: false, errors };
  if (contact.name === undefined && contact.email === undefined && contact.phoneNumber === undefined && contact.identifier === undefined) {
    return { ok: false, errors: [{ rowNumber, column: 'name', reason: 'A row needs a name, email, phone_number or identifier' }] };
  }
  return { ok: true, contact };
}

/** The keys a row is matched on, strongest first: the same e-mail, identifier or phone number is the same person. */
export function matchKeysOf(contact: Pick<ImportedContact, 'email' | 'phoneNumber' | 'identifier'>): { column: MatchingColumn; key: string }[] {
  const keys: { column: MatchingColumn; key: string }[] = [];
  if (contact.email) keys.push({ column: 'email', key: `e:${contact.email}` });
  if (contact.identifier) keys.push({ column: 'identifier', key: `i:${contact.identifier}` });
  if (contact.phoneNumber) keys.push({ column: 'phone_number', key: `p:${contact.phoneNumber}` });
  return keys;
}
