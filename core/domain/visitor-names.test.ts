import { describe, expect, it } from 'vitest';
import { hasOwnName, visitorName, visitorNameCount } from './visitor-names.js';

describe('generated visitor names', () => {
  it('gives any run of consecutive contact ids distinct two-word names', () => {
    const names = new Set(Array.from({ length: visitorNameCount }, (_, n) => visitorName(123_456 + n)));
    expect(names.size).toBe(visitorNameCount);
    for (const name of names) expect(name).toMatch(/^[A-Z][a-z]+ [A-Z][a-z]+$/);
  });

  it('a generated name is not the contact’s own; a given one is', () => {
    expect(hasOwnName({ name: 'Amber Otter', additionalAttributes: { generatedName: true } })).toBe(false);
    expect(hasOwnName({ name: null, additionalAttributes: {} })).toBe(false);
    expect(hasOwnName({ name: 'Carla', additionalAttributes: {} })).toBe(true);
  });
});
