import { redirect } from '@sveltejs/kit';
import { ApiRequestError } from '$lib/services/http';
import { getGuestProfile } from '$lib/services/portal-service';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, parent }) => {
  const { accountId } = await parent();
  try {
    return { profile: await getGuestProfile(accountId, fetch) };
  } catch (failure) {
    if (failure instanceof ApiRequestError && failure.status === 401) redirect(307, `/portal/${accountId}/login`);
    throw failure;
  }
};
