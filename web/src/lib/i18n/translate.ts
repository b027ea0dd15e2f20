// Plain functions (no runes) so unit tests and server code can use them; i18n.svelte.ts adds the reactive locale.
import { en, type MessageKey } from './en.js';
import { ptBR } from './pt-BR.js';

export const dictionaries = { en, 'pt-BR': ptBR } as const satisfies Record<string, Record<MessageKey, string>>;
export type Locale = keyof typeof dictionaries;
export const supportedLocales = Object.keys(dictionaries) as Locale[];
export const defaultLocale: Locale = 'en';

export type TranslationParams = Record<string, string | number>;

/** The string for `key` in `locale`, falling back to English, then to the key itself; `{name}` placeholders are filled. */
export function translate(locale: string, key: MessageKey | string, params?: TranslationParams): string {
  const dictionary = (dictionaries as Record<string, Record<string, string>>)[locale];
  const template = dictionary?.[key] ?? (en as Record<string, string>)[key] ?? key;
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (match, name: string) => (name in params ? String(params[name]) : match));
}

/** Picks the first supported locale from candidates like `pt-BR`, `pt`, `pt_BR`, `en-US`. */
export function resolveLocale(candidates: ReadonlyArray<string | null | undefined>): Locale {
  for (const candidate of candidates) {
    if (!candidate) continue;
    const normalised = candidate.replace('_', '-');
    const exact = supportedLocales.find((locale) => locale.toLowerCase() === normalised.toLowerCase());
    if (exact) return exact;
    const language = normalised.split('-')[0].toLowerCase();
    const byLanguage = supportedLocales.find((locale) => locale.split('-')[0].toLowerCase() === language);
    if (byLanguage) return byLanguage;
  }
  return defaultLocale;
}
