// Client-rendered: signing in is a fetch to the API, which sets the httpOnly session cookie.
export const ssr = false;
