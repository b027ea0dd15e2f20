import { error } from '@sveltejs/kit';
import { initLocale } from '$lib/i18n/i18n.svelte';
import { ApiRequestError } from '$lib/services/http';
import { getPortal } from '$lib/services/portal-service';
import type { LayoutLoad } from './$types';

/** Every portal page shows the account's name, and speaks its language unless the guest chose another. */
export const load: LayoutLoad = async ({ fetch, params }) => {
  const accountId = Number(params.accountId);
  if (!Number.isInteger(accountId) || accountId <= 0) error(404, 'Not found');
  try {
    const portal = await getPortal(accountId, fetch);
    initLocale(portal.account.locale);
    return { portal, accountId };
  } catch (failure) {
    if (failure instanceof ApiRequestError && failure.status === 404) error(404, 'Not found');
    throw failure;
  }
};
