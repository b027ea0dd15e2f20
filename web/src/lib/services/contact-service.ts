import type { Contact, Conversation } from '$lib/types';
import { accountPath, apiRequest, unwrap, unwrapList, withQuery, type RequestFunction } from './http';

export interface ContactPage {
  meta: { count: number; current_page: number };
  payload: Contact[];
}

export async function listContacts(accountId: number, page = 1, request: RequestFunction = fetch): Promise<ContactPage> {
  const body = await apiRequest<ContactPage>(request, accountPath(accountId, '/contacts'), { query: { page } });
  return { meta: body?.meta ?? { count: 0, current_page: page }, payload: body?.payload ?? [] };
}

export async function searchContacts(accountId: number, query: string, page = 1, request: RequestFunction = fetch): Promise<ContactPage> {
  const body = await apiRequest<ContactPage>(request, accountPath(accountId, '/contacts/search'), { query: { q: query, page } });
  return { meta: body?.meta ?? { count: 0, current_page: page }, payload: body?.payload ?? [] };
}

export async function getContact(accountId: number, contactId: number, request: RequestFunction = fetch): Promise<Contact> {
  return unwrap<Contact>(await apiRequest(request, accountPath(accountId, `/contacts/${contactId}`)));
}

export type ContactUpdate = Partial<Pick<Contact, 'name' | 'email' | 'phone_number' | 'additional_attributes' | 'custom_attributes'>>;

export async function updateContact(accountId: number, contactId: number, input: ContactUpdate, request: RequestFunction = fetch): Promise<Contact> {
  return unwrap<Contact>(await apiRequest(request, accountPath(accountId, `/contacts/${contactId}`), { method: 'PUT', body: input }));
}

export async function listContactConversations(accountId: number, contactId: number, request: RequestFunction = fetch): Promise<Conversation[]> {
  return unwrapList<Conversation>(await apiRequest(request, accountPath(accountId, `/contacts/${contactId}/conversations`)));
}

export interface ContactNote {
  id: number;
  content: string;
  contact_id: number;
  user: { id: number; name: string; email: string } | null;
  created_at: number | null;
  updated_at: number | null;
}

export async function listContactNotes(accountId: number, contactId: number, request: RequestFunction = fetch): Promise<ContactNote[]> {
  return unwrapList<ContactNote>(await apiRequest(request, accountPath(accountId, `/contacts/${contactId}/notes`)));
}

export async function addContactNote(accountId: number, contactId: number, content: string, request: RequestFunction = fetch): Promise<ContactNote> {
  return apiRequest<ContactNote>(request, accountPath(accountId, `/contacts/${contactId}/notes`), { method: 'POST', body: { content } });
}

export async function deleteContactNote(accountId: number, contactId: number, noteId: number, request: RequestFunction = fetch): Promise<void> {
  await apiRequest(request, accountPath(accountId, `/contacts/${contactId}/notes/${noteId}`), { method: 'DELETE' });
}

export async function listContactLabels(accountId: number, contactId: number, request: RequestFunction = fetch): Promise<string[]> {
  return unwrapList<string>(await apiRequest(request, accountPath(accountId, `/contacts/${contactId}/labels`)));
}

export async function setContactLabels(accountId: number, contactId: number, labels: string[], request: RequestFunction = fetch): Promise<string[]> {
  return unwrapList<string>(await apiRequest(request, accountPath(accountId, `/contacts/${contactId}/labels`), { method: 'POST', body: { labels } }));
}

export interface ContactImport {
  id: number;
  file_name: string;
  status: 'queued' | 'processing' | 'completed' | 'failed';
  total_rows: number | null;
  processed_rows: number;
  created_count: number;
  updated_count: number;
  failed_count: number;
  failure_reason: string | null;
  created_at: number | null;
  completed_at: number | null;
}

export async function uploadContactImport(accountId: number, file: File, request: RequestFunction = fetch): Promise<ContactImport> {
  const form = new FormData();
  form.append('import_file', file, file.name);
  return unwrap<ContactImport>(await apiRequest(request, accountPath(accountId, '/contacts/import'), { method: 'POST', body: form }));
}

export async function getContactImport(accountId: number, importId: number, request: RequestFunction = fetch): Promise<ContactImport> {
  return unwrap<ContactImport>(await apiRequest(request, accountPath(accountId, `/contacts/imports/${importId}`)));
}

export async function listContactImports(accountId: number, request: RequestFunction = fetch): Promise<ContactImport[]> {
  return unwrapList<ContactImport>(await apiRequest(request, accountPath(accountId, '/contacts/imports')));
}

/** Plain links (the browser downloads them with the session cookie). */
export const contactImportTemplateUrl = (accountId: number) => accountPath(accountId, '/contacts/import/template');
export const contactImportErrorsUrl = (accountId: number, importId: number) => accountPath(accountId, `/contacts/imports/${importId}/errors`);

/** A link that downloads the contacts matching a search and/or filter payload as CSV (streamed by the API). */
export function contactExportUrl(accountId: number, options: { query?: string; payload?: unknown[] } = {}): string {
  return withQuery(accountPath(accountId, '/contacts/export'), { q: options.query?.trim() || undefined, payload: options.payload?.length ? JSON.stringify(options.payload) : undefined });
}

/** One condition of Chatwoot's filter payload; `query_operator` joins it to the next one (null on the last). */
export interface FilterCondition {
  attribute_key: string;
  filter_operator: string;
  values: unknown[];
  query_operator: 'and' | 'or' | null;
  custom_attribute_type?: string;
}

export async function filterContacts(accountId: number, payload: FilterCondition[], page = 1, request: RequestFunction = fetch): Promise<ContactPage> {
  const body = await apiRequest<ContactPage>(request, accountPath(accountId, '/contacts/filter'), { method: 'POST', query: { page }, body: { payload } });
  return { meta: body?.meta ?? { count: 0, current_page: page }, payload: body?.payload ?? [] };
}

export interface SavedContactView {
  id: number;
  name: string;
  filter_type: 'contact';
  query: { payload: FilterCondition[] };
}

export async function listSavedContactViews(accountId: number, request: RequestFunction = fetch): Promise<SavedContactView[]> {
  return unwrapList<SavedContactView>(await apiRequest(request, accountPath(accountId, '/custom_filters'), { query: { filter_type: 'contact' } }));
}

export async function saveContactView(accountId: number, name: string, payload: FilterCondition[], request: RequestFunction = fetch): Promise<SavedContactView> {
  return unwrap<SavedContactView>(await apiRequest(request, accountPath(accountId, '/custom_filters'), { method: 'POST', body: { custom_filter: { name, filter_type: 'contact', query: { payload } } } }));
}

/** Merges `mergeeId` into `baseId`; the base contact survives and is returned. */
export async function mergeContacts(accountId: number, baseId: number, mergeeId: number, request: RequestFunction = fetch): Promise<Contact> {
  return unwrap<Contact>(await apiRequest(request, accountPath(accountId, '/actions/contact_merge'), { method: 'POST', body: { base_contact_id: baseId, mergee_contact_id: mergeeId } }));
}
