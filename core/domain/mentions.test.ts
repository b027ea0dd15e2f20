import { describe, expect, it } from 'vitest';
import { mentionedUserIds } from './mentions.js';

const members = [
  { id: 1, names: ['Ana', 'ana'] },
  { id: 2, names: ['Ana Lima', 'ana.lima'] },
  { id: 3, names: ['Bruno'] },
];

describe('mentions in a private note', () => {
  it('finds @names case-insensitively, the longest first, at word ends only', () => {
    expect(mentionedUserIds('@ana lima can you check?', members)).toEqual([2]);
    expect(mentionedUserIds('Ask @Ana, then @bruno.', members).sort()).toEqual([1, 3]);
    expect(mentionedUserIds('@Brunoz is nobody, mail@bruno is not either', members)).toEqual([]);
  });

  it("reads Chatwoot's mention links", () => {
    expect(mentionedUserIds('[@Bruno](mention://user/3/Bruno) look', members)).toEqual([3]);
  });
});
