import { describe, expect, it } from 'vitest';
import { en } from './en';
import { ptBR } from './pt-BR';
import { resolveLocale, translate } from './translate';

describe('console dictionaries', () => {
  it('pt-BR and en have exactly the same keys', () => {
    expect(Object.keys(ptBR).sort()).toEqual(Object.keys(en).sort());
  });

  it('keeps every {placeholder} of the English string in the translation', () => {
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(placeholders(ptBR[key]), key).toEqual(placeholders(en[key]));
    }
  });

  it('has no empty strings', () => {
    for (const [key, value] of Object.entries(ptBR)) expect(value.trim(), key).not.toBe('');
  });
});

describe('translate', () => {
  it('translates into the chosen locale and fills placeholders', () => {
    expect(translate('pt-BR', 'nav.conversations')).toBe('Conversas');
    expect(translate('en', 'conversations.unread', { count: 3 })).toBe('3 unread');
    expect(translate('pt-BR', 'conversations.unread', { count: 3 })).toBe('3 não lidas');
  });

  it('falls back to English for an unknown locale, and to the key for an unknown key', () => {
    expect(translate('fr', 'nav.contacts')).toBe('Contacts');
    expect(translate('en', 'no.such.key')).toBe('no.such.key');
  });

  it('leaves a placeholder without a value untouched', () => {
    expect(translate('en', 'agents.remove')).toBe('Remove {name}');
  });
});

describe('resolveLocale', () => {
  it('matches exact tags, language-only tags and underscores', () => {
    expect(resolveLocale(['pt-BR'])).toBe('pt-BR');
    expect(resolveLocale(['pt'])).toBe('pt-BR');
    expect(resolveLocale(['pt_PT'])).toBe('pt-BR');
    expect(resolveLocale(['en-GB'])).toBe('en');
  });

  it('skips unsupported and empty candidates, and falls back to English', () => {
    expect(resolveLocale([null, 'de-DE', 'pt-BR'])).toBe('pt-BR');
    expect(resolveLocale(['ja', undefined])).toBe('en');
    expect(resolveLocale([])).toBe('en');
  });
});
