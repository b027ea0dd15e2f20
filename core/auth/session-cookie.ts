/** The console session's httpOnly cookie; the API reads it, the console's server only checks it is there. */
export const sessionCookieName = 'parley_session';
