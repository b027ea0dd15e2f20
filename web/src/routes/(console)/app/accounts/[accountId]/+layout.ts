import { error } from '@sveltejs/kit';
import { t } from '$lib/i18n/i18n.svelte';
import { listAgents } from '$lib/services/agent-service';
import { listAccountLabelColors } from '$lib/services/conversation-service';
import { listInboxes } from '$lib/services/inbox-service';
import type { LayoutLoad } from './$types';

export const load: LayoutLoad = async ({ params, parent, fetch }) => {
  const { profile } = await parent();
  const accountId = Number(params.accountId);
  if (!profile.accounts.some((account) => account.id === accountId)) error(404, t('error.notFound'));
  // They feed filters, pickers and label colours; an empty list is better than a console that does not open.
  const [inboxes, agents, labels] = await Promise.all([
    listInboxes(accountId, fetch).catch(() => []),
    listAgents(accountId, fetch).catch(() => []),
    listAccountLabelColors(accountId, fetch).catch(() => []),
  ]);
  return { accountId, inboxes, agents, labels };
};
