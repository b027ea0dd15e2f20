/**
 * Who a private note mentions: `@Name` (any name the account knows the person by, or their e-mail's
 * local part), case-insensitive, standing as a word of its own (not inside an e-mail address); and Chatwoot's
 * `mention://user/<id>/…` links. The longest name wins, so "@Ana Lima" is not read as "@Ana".
 */
export function mentionedUserIds(content: string, members: Array<{ id: number; names: string[] }>): number[] {
  const found = new Set<number>();
  for (const match of content.matchAll(/mention:\/\/user\/(\d+)\//g)) found.add(Number(match[1]));
  const lower = content.toLowerCase();
  const candidates = members
    .flatMap((member) => member.names.filter((name) => name.trim().length >= 2).map((name) => ({ id: member.id, name: name.trim().toLowerCase() })))
    .sort((a, b) => b.name.length - a.name.length);
  const taken: Array<[number, number]> = [];
  for (const { id, name } of candidates) {
    let from = 0;
    for (;;) {
      const at = lower.indexOf(`@${name}`, from);
      if (at < 0) break;
      const end = at + name.length + 1;
      const next = lower.charAt(end);
      const before = at === 0 ? '' : lower.charAt(at - 1);
      const overlaps = taken.some(([start, stop]) => at < stop && end > start);
      if (!overlaps && !/[\p{L}\p{N}_.-]/u.test(before) && (next === '' || /[\s.,;:!?)]/.test(next))) {
        found.add(id);
        taken.push([at, end]);
      }
      from = at + 1;
    }
  }
  return [...found];
}
