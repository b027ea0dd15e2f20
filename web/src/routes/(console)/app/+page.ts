import { error, redirect } from '@sveltejs/kit';
import { t } from '$lib/i18n/i18n.svelte';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ parent }) => {
  const { profile } = await parent();
  const accountId = profile.account_id ?? profile.accounts[0]?.id;
  if (!accountId) error(403, t('login.noAccount'));
  redirect(307, `/app/accounts/${accountId}/conversations`);
};
