import { describe, expect, it } from 'vitest';
import { escapeHtml } from './html.js';

describe('escapeHtml', () => {
  it('leaves no tag, attribute quote or entity of the input active', () => {
    expect(escapeHtml(`<img src="x" onerror='steal()'> & &amp;`)).toBe('&lt;img src=&quot;x&quot; onerror=&#39;steal()&#39;&gt; &amp; &amp;amp;');
  });

  it('keeps plain text as it is', () => {
    expect(escapeHtml('Olá, Nina — 100% ok')).toBe('Olá, Nina — 100% ok');
  });
});
