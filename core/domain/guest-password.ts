/**
 * How strong a guest's password must be. Guests are outsiders who sign in rarely and are handed a
 * password by an agent, so a short or one-kind password (all digits, a word) is refused. Returns why
 * the password is too weak, or null when it will do.
 */
export function guestPasswordWeakness(password: string, email: string): string | null {
  if (password.length < 10) return 'Use at least 10 characters';
  if (password.length > 200) return 'Use at most 200 characters';
  const kinds = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((kind) => kind.test(password)).length;
  // A long passphrase is strong with letters alone.
  if (password.length < 16 && kinds < 3) return 'Mix at least three of: lower-case, upper-case, digits, symbols (or use 16 characters or more)';
  const localPart = email.split('@')[0]?.toLowerCase() ?? '';
  if (localPart.length >= 4 && password.toLowerCase().includes(localPart)) return 'The password must not contain the e-mail address';
  return null;
}
