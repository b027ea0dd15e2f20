import { describe, expect, it } from 'vitest';
import { decideRange } from './byte-range.js';

describe('decideRange (one Range header against a 1000-byte file)', () => {
  it.each([
    [undefined, { kind: 'whole' }],
    ['bytes=0-99', { kind: 'partial', start: 0, end: 99 }],
    ['bytes=900-', { kind: 'partial', start: 900, end: 999 }],
    ['bytes=-100', { kind: 'partial', start: 900, end: 999 }],
    ['bytes=-5000', { kind: 'partial', start: 0, end: 999 }],
    ['bytes=990-5000', { kind: 'partial', start: 990, end: 999 }],
    ['bytes=1000-', { kind: 'unsatisfiable' }],
    ['bytes=-0', { kind: 'unsatisfiable' }],
    // What a server may ignore is answered with the whole file (RFC 9110 §14.2).
    ['bytes=0-1,5-6', { kind: 'whole' }],
    ['bytes=50-10', { kind: 'whole' }],
    ['items=0-1', { kind: 'whole' }],
    ['bytes=-', { kind: 'whole' }],
    ['bytes=abc', { kind: 'whole' }],
  ])('%s → %o', (header, expected) => {
    expect(decideRange(header, 1000)).toEqual(expected);
  });
});
