import { redirect } from '@sveltejs/kit';
import { initLocale } from '$lib/i18n/i18n.svelte';
import { ApiRequestError } from '$lib/services/http';
import { getProfile } from '$lib/services/profile-service';
import type { LayoutLoad } from './$types';

// The console renders in the browser: the API's httpOnly cookie authenticates its fetches.
export const ssr = false;

export const load: LayoutLoad = async ({ fetch, url }) => {
  try {
    const profile = await getProfile(fetch);
    initLocale(profile.ui_locale);
    return { profile };
  } catch (error) {
    if (error instanceof ApiRequestError && error.status === 401) {
      redirect(307, `/login?next=${encodeURIComponent(url.pathname + url.search)}`);
    }
    throw error;
  }
};
