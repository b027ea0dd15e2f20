import type { MessageKey } from './en';
import { defaultLocale, resolveLocale, supportedLocales, translate, type Locale, type TranslationParams } from './translate';

const storageKey = 'parley.locale';

/** The reactive current locale: components that call t() re-render when it changes. */
const state = $state<{ locale: Locale }>({ locale: defaultLocale });

export { supportedLocales, type Locale };

export function t(key: MessageKey, params?: TranslationParams): string {
  return translate(state.locale, key, params);
}

export function currentLocale(): Locale {
  return state.locale;
}

export function setLocale(locale: Locale, remember = true): void {
  state.locale = locale;
  if (typeof document !== 'undefined') document.documentElement.lang = locale;
  if (remember && typeof localStorage !== 'undefined') {
    try {
      localStorage.setItem(storageKey, locale);
    } catch {
      // Private mode: the choice lasts for this page only.
    }
  }
}

/** A choice made on this device wins, then the profile's ui_locale, then the browser's languages. */
export function initLocale(profileLocale?: string | null): Locale {
  let stored: string | null = null;
  try {
    stored = typeof localStorage !== 'undefined' ? localStorage.getItem(storageKey) : null;
  } catch {
    stored = null;
  }
  const browser = typeof navigator !== 'undefined' ? [...(navigator.languages ?? []), navigator.language] : [];
  const locale = resolveLocale([stored, profileLocale, ...browser]);
  setLocale(locale, false);
  return locale;
}

/** Dates and times in the current locale. */
export function formatDateTime(unixSeconds: number | null | undefined, options: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short' }): string {
  if (!unixSeconds) return '';
  return new Intl.DateTimeFormat(state.locale, options).format(new Date(unixSeconds * 1000));
}

/** "now", "5m", "3h", "2d", or a short date for anything older than a week. */
export function formatRelative(unixSeconds: number | null | undefined, now = Date.now()): string {
  if (!unixSeconds) return '';
  const seconds = Math.max(0, Math.round(now / 1000 - unixSeconds));
  if (seconds < 60) return t('time.now');
  if (seconds < 3600) return t('time.minutes', { count: Math.floor(seconds / 60) });
  if (seconds < 86400) return t('time.hours', { count: Math.floor(seconds / 3600) });
  if (seconds < 7 * 86400) return t('time.days', { count: Math.floor(seconds / 86400) });
  return formatDateTime(unixSeconds, { day: 'numeric', month: 'short' });
}
