// The rating page runs in the customer's browser only, like the widget.
export const ssr = false;
export const prerender = false;
