import { and, eq, ne, sql } from 'drizzle-orm';
import type { DatabaseOrTransaction } from '../../../db/client.js';
import { inboxes, type ChannelType, type InboxSettings, type MailServerSettings } from '../../../db/schema/index.js';
import type { ChannelSecrets } from '../../auth/channel-secrets.js';
import type { ServiceContext } from '../../context.js';
import { isPrivateHost } from '../../domain/private-hosts.js';
import { newIdentitySecret } from '../../auth/identity-hash.js';
import { invalid } from '../../errors.js';

/** One mail server's fields as sent; left out: kept. The password is never sent back. */
export type MailServerInput = { host?: string; port?: number; tls?: boolean; user?: string; password?: string };

/** Channel settings as the API sends them; `null` clears one on update. */
export type InboxChannelInput = {
  websiteUrl?: string | null;
  widgetColor?: string | null;
  welcomeTitle?: string | null;
  welcomeTagline?: string | null;
  webhookUrl?: string | null;
  email?: string | null;
  sendWindowSeconds?: number | null;
  imap?: MailServerInput | null;
  smtp?: MailServerInput | null;
};

const settingKeys = ['websiteUrl', 'widgetColor', 'welcomeTitle', 'welcomeTagline', 'webhookUrl', 'email'] as const;

export function mergeInboxSettings(current: InboxSettings, input: InboxChannelInput, options: MailServerRules = {}): InboxSettings {
  const merged: InboxSettings = { ...current };
  for (const key of settingKeys) {
    const value = input[key];
    if (value === null) delete merged[key];
    else if (value !== undefined) merged[key] = key === 'email' ? value.trim().toLowerCase() : value;
  }
  if (input.sendWindowSeconds === null) delete merged.sendWindowSeconds;
  else if (input.sendWindowSeconds !== undefined) merged.sendWindowSeconds = input.sendWindowSeconds;
  for (const protocol of ['imap', 'smtp'] as const) {
    const server = input[protocol];
    if (server === null) delete merged[protocol];
    else if (server !== undefined) merged[protocol] = mergeMailServer(protocol, current[protocol], server, options);
  }
  return merged;
}

export type MailServerRules = { secrets?: ChannelSecrets; allowPrivateHosts?: boolean };

export const mailServerRules = (ctx: Pick<ServiceContext, 'channelSecrets' | 'config'>): MailServerRules => ({
  secrets: ctx.channelSecrets,
  allowPrivateHosts: ctx.config.allowPrivateMailHosts,
});

/** Completes a server's settings from what is stored, checks the host, and seals a new password. */
function mergeMailServer(protocol: 'imap' | 'smtp', current: MailServerSettings | undefined, input: MailServerInput, rules: MailServerRules): MailServerSettings {
  const host = (input.host ?? current?.host ?? '').trim().toLowerCase();
  const port = input.port ?? current?.port;
  const user = input.user ?? current?.user ?? '';
  if (!host) throw invalid(`channel.${protocol}_address`, `The ${protocol.toUpperCase()} server's address is required`);
  if (!port) throw invalid(`channel.${protocol}_port`, `The ${protocol.toUpperCase()} server's port is required`);
  if (!rules.allowPrivateHosts && isPrivateHost(host)) {
    throw invalid(`channel.${protocol}_address`, 'Mail servers on loopback or private networks are not allowed (MAIL_ALLOW_PRIVATE_HOSTS)');
  }
  let encryptedPassword = current?.encryptedPassword ?? '';
  if (input.password !== undefined) {
    if (!rules.secrets) throw invalid(`channel.${protocol}_password`, 'This server has no CHANNEL_SECRETS_KEY, so it cannot store mail passwords');
    encryptedPassword = input.password ? rules.secrets.encrypt(input.password) : '';
  }
  return { host, port, tls: input.tls ?? current?.tls ?? (protocol === 'imap' ? port === 993 : port === 465), user, encryptedPassword };
}

/** What each channel cannot work without: a website for the widget, an address for email. */
export function checkChannelSettings(channelType: ChannelType, settings: InboxSettings) {
  if (channelType === 'web_widget' && !settings.websiteUrl) throw invalid('channel.website_url', 'A website inbox needs the website’s URL');
  if (channelType === 'email' && !settings.email) throw invalid('channel.email', 'An email inbox needs its email address');
  if (channelType !== 'email' && (settings.imap || settings.smtp)) throw invalid(settings.imap ? 'channel.imap_address' : 'channel.smtp_address', 'Only email inboxes have mail servers');
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
