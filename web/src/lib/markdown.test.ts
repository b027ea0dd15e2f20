import { describe, expect, it } from 'vitest';
import { renderBasicMarkdown } from './markdown.js';

describe('the basic Markdown of contact notes', () => {
  it.each([
    ['Prefers **phone** calls', '<p>Prefers <strong>phone</strong> calls</p>'],
    ['an *aside* and `code`', '<p>an <em>aside</em> and <code>code</code></p>'],
    ['line one\nline two', '<p>line one<br>line two</p>'],
    ['- first\n- second', '<ul><li>first</li><li>second</li></ul>'],
    ['see [the docs](https://example.test/a)', '<p>see <a href="https://example.test/a" rel="noopener noreferrer nofollow" target="_blank">the docs</a></p>'],
  ])('renders %j', (source, html) => {
    expect(renderBasicMarkdown(source)).toBe(html);
  });

  it.each([
    '<img src=x onerror=alert(1)>',
    '<script>alert(1)</script>',
    '[click](javascript:alert(1))',
    '**<b onmouseover="x">bold</b>**',
  ])('leaves no markup of the author’s in %j', (source) => {
    const tags = renderBasicMarkdown(source).match(/<[^>]*>/g) ?? [];
    // Every tag in the output is one the renderer writes itself; the author's text is only text.
    for (const tag of tags) expect(tag).toMatch(/^<\/?(p|br|ul|li|strong|em|code|a)>$|^<a href="(https?:|mailto:)[^"]*" rel="noopener noreferrer nofollow" target="_blank">$/);
    expect(renderBasicMarkdown(source)).not.toContain('href="javascript');
  });
});
