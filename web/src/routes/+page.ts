import { redirect } from '@sveltejs/kit';

// The console starts at /app, which finds the user's account (or sends them to /login).
export function load() {
  redirect(307, '/app');
}
