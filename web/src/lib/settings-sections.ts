import type { MessageKey } from './i18n/en.js';

/**
 * Every settings area, listed once: the settings sidebar and the command bar both read this list,
 * so a new area is one entry here plus its page under `settings/<path>/`.
 */
export type SettingsSection = {
  /** The folder under `settings/` and the last part of the URL. */
  path: string;
  /** i18n key of the area's name. */
  label: MessageKey;
  /** Extra words the command bar matches. */
  keywords: string;
  /** Areas every agent may use (e.g. canned responses) say so; the rest are administrators' only. */
  access: 'administrator' | 'agent';
};

export const settingsSections: readonly SettingsSection[] = [
  { path: 'inboxes', label: 'nav.inboxes', keywords: 'channels widget', access: 'administrator' },
  { path: 'agents', label: 'nav.agents', keywords: 'users', access: 'administrator' },
  { path: 'teams', label: 'nav.teams', keywords: 'groups members', access: 'administrator' },
  { path: 'roles', label: 'nav.roles', keywords: 'custom roles permissions custom_roles', access: 'administrator' },
  { path: 'labels', label: 'nav.labels', keywords: 'tags colours', access: 'administrator' },
  { path: 'canned-responses', label: 'nav.cannedResponses', keywords: 'canned_responses shortcuts templates replies', access: 'agent' },
  { path: 'custom-attributes', label: 'nav.customAttributes', keywords: 'custom_attribute_definitions fields', access: 'administrator' },
  { path: 'automation', label: 'nav.automation', keywords: 'rules routing automation_rules', access: 'administrator' },
  { path: 'webhooks', label: 'nav.webhooks', keywords: 'integrations callbacks events deliveries', access: 'administrator' },
  { path: 'notifications', label: 'nav.notifications', keywords: 'bell email digest sound browser alerts preferences', access: 'agent' },
  { path: 'account', label: 'nav.account', keywords: 'auto-resolve general', access: 'administrator' },
  { path: 'audit-log', label: 'nav.auditLog', keywords: 'audit history who changed sign-ins audit_logs', access: 'administrator' },
];

export function settingsSectionsFor(isAdministrator: boolean): SettingsSection[] {
  return settingsSections.filter((section) => isAdministrator || section.access === 'agent');
}

/** The area a settings URL belongs to, or undefined for the settings index. */
export function settingsSectionOf(pathname: string, settingsBase: string): SettingsSection | undefined {
  const rest = pathname.startsWith(`${settingsBase}/`) ? pathname.slice(settingsBase.length + 1) : '';
  const folder = rest.split('/')[0];
  return settingsSections.find((section) => section.path === folder);
}
