/**
 * Readable names for visitors who have not said who they are, so five anonymous chats are five
 * distinguishable rows ("Amber Otter", "Quiet Harbor") rather than five "Visitor"s. The name is
 * stored with the contact, so it is stable; `additional_attributes.generated_name` marks it, and a
 * name the visitor or an agent gives replaces it.
 */
const adjectives = [
  'Amber', 'Azure', 'Brave', 'Bright', 'Calm', 'Clever', 'Coral', 'Crimson', 'Curious', 'Daring',
  'Eager', 'Emerald', 'Gentle', 'Golden', 'Happy', 'Honest', 'Indigo', 'Jolly', 'Kind', 'Lively',
  'Lucky', 'Mellow', 'Misty', 'Noble', 'Olive', 'Patient', 'Plucky', 'Quiet', 'Rapid', 'Rosy',
  'Scarlet', 'Silver', 'Sunny', 'Swift', 'Tidy', 'Violet', 'Warm', 'Witty', 'Young', 'Zesty',
] as const;
const nouns = [
  'Badger', 'Beacon', 'Birch', 'Brook', 'Canyon', 'Cedar', 'Comet', 'Crane', 'Dolphin', 'Falcon',
  'Fern', 'Finch', 'Fox', 'Glacier', 'Harbor', 'Heron', 'Island', 'Koala', 'Lark', 'Lynx',
  'Maple', 'Meadow', 'Otter', 'Owl', 'Panda', 'Pebble', 'Pine', 'Quail', 'Raven', 'River',
  'Robin', 'Sparrow', 'Summit', 'Thistle', 'Tiger', 'Walrus', 'Willow', 'Wren', 'Yak', 'Zebra',
] as const;

export const visitorNameCount = adjectives.length * nouns.length;
/** Coprime with visitorNameCount, so consecutive contact ids land on unrelated-looking, distinct names. */
const spread = 7919;

/**
 * The name for a contact id: any visitorNameCount consecutive ids get distinct names, so visitors
 * arriving together never share one.
 */
export function visitorName(contactId: number): string {
  const index = (Math.abs(Math.trunc(contactId)) * spread) % visitorNameCount;
  return `${adjectives[index % adjectives.length]} ${nouns[Math.floor(index / adjectives.length)]}`;
}

/** A contact whose name was generated for them (or who has none) has no name of their own yet. */
export function hasOwnName(contact: { name: string | null; additionalAttributes: Record<string, unknown> }): boolean {
  return Boolean(contact.name) && contact.additionalAttributes.generatedName !== true;
}
