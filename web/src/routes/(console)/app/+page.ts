import { error, redirect } from '@sveltejs/kit';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ parent }) => {
  const { profile } = await parent();
  const accountId = profile.account_id ?? profile.accounts[0]?.id;
  if (!accountId) error(403, 'Your user has no account yet. Ask an administrator to add you.');
  redirect(307, `/app/accounts/${accountId}/conversations`);
};
