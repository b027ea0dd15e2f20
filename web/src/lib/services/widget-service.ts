// The website widget's data access: Chatwoot's public client API, addressed by the inbox's website
// token and the visitor's contact identifier. No cookies, no console session.

export type RequestFunction = typeof fetch;

export interface WidgetInbox {
  identifier: string;
  name: string;
  channel_type: string;
  welcome_title: string;
  welcome_tagline: string;
  widget_color: string;
}

export interface WidgetContact {
  id: number;
  source_id: string;
  name: string;
  email: string | null;
  phone_number: string | null;
  pubsub_token: string;
}

export interface WidgetAttachment {
  id: number;
  file_type: 'image' | 'audio' | 'video' | 'file';
  file_name: string;
  content_type: string;
  data_url: string;
  thumb_url: string;
  file_size: number;
}

export interface WidgetMessage {
  id: number;
  content: string | null;
  /** 0 the visitor, 1 an agent, 2 activity, 3 template. */
  message_type: number;
  content_type: string;
  content_attributes: Record<string, unknown>;
  created_at: number;
  conversation_id: number;
  status: string;
  echo_id: string | null;
  attachments: WidgetAttachment[];
  sender: { id: number; name: string; type: string; avatar_url: string } | null;
}

export interface WidgetConversation {
  id: number;
  inbox_id: number;
  status: 'open' | 'resolved' | 'pending' | 'snoozed';
  contact_last_seen_at: number | null;
  agent_last_seen_at: number | null;
  messages: WidgetMessage[];
}

/** A failed call, with the API's `{ error: { code, message, field } }`. */
export class WidgetRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'WidgetRequestError';
  }
}

export const inboxPath = (websiteToken: string) => `/public/api/v1/inboxes/${encodeURIComponent(websiteToken)}`;
export const contactPath = (websiteToken: string, contactIdentifier: string) =>
  `${inboxPath(websiteToken)}/contacts/${encodeURIComponent(contactIdentifier)}`;
const conversationPath = (websiteToken: string, contactIdentifier: string, conversationId: number) =>
  `${contactPath(websiteToken, contactIdentifier)}/conversations/${conversationId}`;

async function call<T>(request: RequestFunction, path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  let body: BodyInit | undefined;
  if (init.body instanceof FormData) body = init.body;
  else if (init.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(init.body);
  }
  let response: Response;
  try {
    response = await request(path, { method: init.method ?? 'GET', headers, body, credentials: 'omit' });
  } catch (error) {
    throw new WidgetRequestError(0, 'NETWORK', (error as Error)?.message || 'Network error');
  }
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  if (!response.ok) {
    const error = (parsed as { error?: { code?: string; message?: string; field?: string } } | undefined)?.error;
    throw new WidgetRequestError(response.status, error?.code ?? 'HTTP_ERROR', error?.message ?? response.statusText, error?.field);
  }
  return parsed as T;
}

export const getWidgetInbox = (websiteToken: string, request: RequestFunction = fetch) => call<WidgetInbox>(request, inboxPath(websiteToken));

/** Who the site says the visitor is (Chatwoot's setUser); only a valid identifier_hash makes Parley believe the identifier. */
export interface WidgetUser {
  identifier: string;
  identifier_hash?: string;
  name?: string;
  email?: string;
  phone_number?: string;
}

export const createWidgetContact = (websiteToken: string, user: WidgetUser | Record<string, never> = {}, request: RequestFunction = fetch) =>
  call<WidgetContact>(request, `${inboxPath(websiteToken)}/contacts`, { method: 'POST', body: user });

export const updateWidgetContact = (websiteToken: string, contactIdentifier: string, user: WidgetUser, request: RequestFunction = fetch) =>
  call<WidgetContact>(request, contactPath(websiteToken, contactIdentifier), { method: 'PATCH', body: user });

export const getWidgetContact = (websiteToken: string, contactIdentifier: string, request: RequestFunction = fetch) =>
  call<WidgetContact>(request, contactPath(websiteToken, contactIdentifier));

export const listWidgetConversations = (websiteToken: string, contactIdentifier: string, request: RequestFunction = fetch) =>
  call<WidgetConversation[]>(request, `${contactPath(websiteToken, contactIdentifier)}/conversations`);

export const createWidgetConversation = (
  websiteToken: string,
  contactIdentifier: string,
  options: { refererUrl?: string } = {},
  request: RequestFunction = fetch,
) =>
  call<WidgetConversation>(request, `${contactPath(websiteToken, contactIdentifier)}/conversations`, {
    method: 'POST',
    body: options.refererUrl ? { referer_url: options.refererUrl } : {},
  });

export const listWidgetMessages = (websiteToken: string, contactIdentifier: string, conversationId: number, request: RequestFunction = fetch) =>
  call<WidgetMessage[]>(request, `${conversationPath(websiteToken, contactIdentifier, conversationId)}/messages`);

/** Sends text and files; the echo id makes a retry after a lost answer return the first message instead of a second one. */
export function sendWidgetMessage(
  websiteToken: string,
  contactIdentifier: string,
  conversationId: number,
  message: { content: string; echoId: string; files?: File[] },
  request: RequestFunction = fetch,
) {
  const path = `${conversationPath(websiteToken, contactIdentifier, conversationId)}/messages`;
  if (message.files?.length) {
    const form = new FormData();
    if (message.content) form.append('content', message.content);
    form.append('echo_id', message.echoId);
    for (const file of message.files) form.append('attachments[]', file, file.name);
    return call<WidgetMessage>(request, path, { method: 'POST', body: form });
  }
  return call<WidgetMessage>(request, path, { method: 'POST', body: { content: message.content, echo_id: message.echoId } });
}

export const updateWidgetLastSeen = (websiteToken: string, contactIdentifier: string, conversationId: number, request: RequestFunction = fetch) =>
  call<{ id: number }>(request, `${conversationPath(websiteToken, contactIdentifier, conversationId)}/update_last_seen`, { method: 'POST' });

export const toggleWidgetTyping = (websiteToken: string, contactIdentifier: string, conversationId: number, typing: boolean, request: RequestFunction = fetch) =>
  call<{ id: number; typing_status: 'on' | 'off' }>(request, `${conversationPath(websiteToken, contactIdentifier, conversationId)}/toggle_typing`, {
    method: 'POST',
    body: { typing_status: typing ? 'on' : 'off' },
  });

/** The visitor opened the chat: Chatwoot's webwidget.triggered, with the page and browser it happened in (integrators' webhooks hear it). */
export const announceWidgetOpened = (
  websiteToken: string,
  contactIdentifier: string,
  eventInfo: { referer?: string; widget_language?: string; browser_language?: string; initiated_at?: { timestamp: string } },
  request: RequestFunction = fetch,
) => call<Record<string, never>>(request, `${contactPath(websiteToken, contactIdentifier)}/widget_events`, { method: 'POST', body: { name: 'webwidget.triggered', event_info: eventInfo } });

export const widgetEventsUrl = (websiteToken: string, contactIdentifier: string) => `${contactPath(websiteToken, contactIdentifier)}/events`;

/**
 * Inserts or replaces a message (matched by id, or by echo id for the visitor's own optimistic copy).
 * Stored messages are kept in time order; optimistic ones (negative ids, not stored yet) stay last,
 * in the order they were written.
 */
export function upsertMessage<T extends Pick<WidgetMessage, 'id' | 'echo_id' | 'created_at'>>(list: T[], incoming: T): T[] {
  const index = list.findIndex((m) => m.id === incoming.id || (incoming.echo_id !== null && m.echo_id === incoming.echo_id));
  const next = index >= 0 ? list.map((m, i) => (i === index ? incoming : m)) : [...list, incoming];
  const pending = (m: T) => (m.id < 0 ? 1 : 0);
  return next.sort((a, b) => pending(a) - pending(b) || (pending(a) ? 0 : a.created_at - b.created_at || a.id - b.id));
}

/** A CSAT survey as the customer sees it: the widget's rating card and the public rating page. */
export interface CsatSurvey {
  id: string;
  status: 'pending' | 'sent' | 'answered' | 'withdrawn' | 'expired';
  rating: number | null;
  feedback_message: string | null;
  expires_at: number | null;
  can_answer: boolean;
}

const csatSurveyPath = (uuid: string) => `/public/api/v1/csat_survey/${encodeURIComponent(uuid)}`;

export const getCsatSurvey = (uuid: string, request: RequestFunction = fetch) => call<CsatSurvey>(request, csatSurveyPath(uuid));

export const answerCsatSurvey = (uuid: string, answer: { rating: number; feedback_message?: string }, request: RequestFunction = fetch) =>
  call<CsatSurvey>(request, csatSurveyPath(uuid), { method: 'PUT', body: answer });
