// Client-rendered like the console: the guest's httpOnly cookie authenticates the portal's fetches.
export const ssr = false;
