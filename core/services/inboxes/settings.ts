import { and, eq, ne, sql } from 'drizzle-orm';
import type { DatabaseOrTransaction } from '../../../db/client.js';
import { inboxes, type ChannelType, type InboxSettings } from '../../../db/schema/index.js';
import { newIdentitySecret } from '../../auth/identity-hash.js';
import { invalid } from '../../errors.js';

/** Channel settings as the API sends them; `null` clears one on update. */
export type InboxChannelInput = {
  websiteUrl?: string | null;
  widgetColor?: string | null;
  welcomeTitle?: string | null;
  welcomeTagline?: string | null;
  webhookUrl?: string | null;
  email?: string | null;
};

const settingKeys = ['websiteUrl', 'widgetColor', 'welcomeTitle', 'welcomeTagline', 'webhookUrl', 'email'] as const;

export function mergeInboxSettings(current: InboxSettings, input: InboxChannelInput): InboxSettings {
  const merged: InboxSettings = { ...current };
  for (const key of settingKeys) {
    const value = input[key];
    if (value === null) delete merged[key];
    else if (value !== undefined) merged[key] = key === 'email' ? value.trim().toLowerCase() : value;
  }
  return merged;
}

/** What each channel cannot work without: a website for the widget, an address for email. */
export function checkChannelSettings(channelType: ChannelType, settings: InboxSettings) {
  if (channelType === 'web_widget' && !settings.websiteUrl) throw invalid('channel.website_url', 'A website inbox needs the website’s URL');
  if (channelType === 'email' && !settings.email) throw invalid('channel.email', 'An email inbox needs its email address');
}

/** One email inbox per address in an account, so replies thread into one place. */
export async function assertEmailFree(db: DatabaseOrTransaction, { accountId, email, exceptId }: { accountId: number; email?: string; exceptId?: number }) {
  if (!email) return;
  const [taken] = await db
    .select({ id: inboxes.id })
    .from(inboxes)
    .where(and(eq(inboxes.accountId, accountId), sql`lower(${inboxes.settings}->>'email') = ${email.toLowerCase()}`, exceptId ? ne(inboxes.id, exceptId) : undefined))
    .limit(1);
  if (taken) throw invalid('channel.email', 'Another inbox of this account already uses this email address');
}

/** Chatwoot's identity validation switch and secret; only website and API inboxes have public visitors. */
export type IdentityValidationInput = { hmacMandatory?: boolean; regenerateHmacToken?: boolean };

export function identityValidationChanges(channelType: ChannelType, input: IdentityValidationInput | undefined): { hmacMandatory?: boolean; hmacToken?: string } {
  if (!input || (input.hmacMandatory === undefined && !input.regenerateHmacToken)) return {};
  if (channelType !== 'web_widget' && channelType !== 'api') throw invalid('channel.hmac_mandatory', 'Only website and API inboxes have identity validation');
  return { hmacMandatory: input.hmacMandatory, ...(input.regenerateHmacToken ? { hmacToken: newIdentitySecret() } : {}) };
}
