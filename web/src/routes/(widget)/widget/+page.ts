// The widget runs only in the visitor's browser: it keeps its contact identifier in localStorage.
export const ssr = false;
export const prerender = false;
