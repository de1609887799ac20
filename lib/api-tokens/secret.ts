import { hashToken, newToken } from "@/lib/members/tokens";

// An organisation API token is `sovra_` and 43 URL-safe characters (256 random bits). The prefix
// lets secret scanners and people recognise it; only its SHA-256 is stored, like invitations
// (a random 256-bit secret needs no slow hash: there is nothing to brute-force).

export const API_TOKEN_PREFIX = "sovra_";
const API_TOKEN_PATTERN = /^sovra_[A-Za-z0-9_-]{43}$/;

/**
 * A new API token and the hash stored in its place.
 * @example newApiToken().token // "sovra_q2V0…" (49 characters)
 */
export function newApiToken(): { token: string; hash: string } {
  const token = API_TOKEN_PREFIX + newToken().token;
  return { token, hash: hashApiToken(token) };
}

/** The stored form of a token: SHA-256 (hex) of the whole string, prefix included. */
export function hashApiToken(token: string): string {
  return hashToken(token);
}

/**
 * Whether a string has the shape of an API token (not whether it is valid).
 * @example isApiTokenFormat("sovra_" + "a".repeat(43)) // true
 * @example isApiTokenFormat("Bearer abc") // false
 */
export function isApiTokenFormat(value: string): boolean {
  return API_TOKEN_PATTERN.test(value);
}

// A practice's read-only API token (decision 043) is `sovra_pr_` and 43 URL-safe characters: its
// own prefix, so that each API can tell the caller which kind of token it needs.
export const PRACTICE_API_TOKEN_PREFIX = "sovra_pr_";
const PRACTICE_API_TOKEN_PATTERN = /^sovra_pr_[A-Za-z0-9_-]{43}$/;

/** A new practice API token and the hash stored in its place. */
export function newPracticeApiToken(): { token: string; hash: string } {
  const token = PRACTICE_API_TOKEN_PREFIX + newToken().token;
  return { token, hash: hashApiToken(token) };
}

/**
 * Whether a string has the shape of a practice API token (not whether it is valid).
 * @example isPracticeApiTokenFormat("sovra_pr_" + "a".repeat(43)) // true
 * @example isPracticeApiTokenFormat("sovra_" + "a".repeat(43)) // false: an organisation's token
 */
export function isPracticeApiTokenFormat(value: string): boolean {
  return PRACTICE_API_TOKEN_PATTERN.test(value);
}
