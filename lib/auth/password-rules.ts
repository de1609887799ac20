// The password policy's fixed numbers and folding, shared by the zod schemas, the strength check
// and the breached-password list's generator (docs/decisions/028).

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 200;

/**
 * A password as the breached-password list compares it: Unicode-normalised (as it is hashed,
 * lib/auth/password.ts) and lower-cased, so "PassWord1234" is caught like "password1234".
 * @example foldPassword("Ｐassword1234") // "password1234"
 */
export function foldPassword(password: string): string {
  return password.normalize("NFKC").toLowerCase();
}
