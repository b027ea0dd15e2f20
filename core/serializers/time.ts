/** Chatwoot's API speaks Unix seconds for times. */
export const unixSeconds = (date: Date | null | undefined): number | null => (date ? Math.floor(date.getTime() / 1000) : null);
