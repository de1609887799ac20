import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from "node:crypto";

// scrypt is memory-hard and ships with Node (OpenSSL): no native addon to build or download,
// which matters for air-gapped installs (docs/decisions/004-password-hashing.md).
// N=2^15, r=8, p=1 uses 32 MiB per hash and ~60 ms on this project's 2-core machines,
// above OWASP's scrypt minimum (N=2^17 with r=8 is their first choice at 128 MiB; we stay
// at 32 MiB so that a burst of sign-ins cannot exhaust the server's memory).
const PARAMS = { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 } as const;
const KEY_LENGTH = 32;

function derive(password: string, salt: Buffer, params: ScryptOptions & { N: number; r: number; p: number }): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password.normalize("NFKC"), salt, KEY_LENGTH, params, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

/**
 * Hashes a password as `scrypt$N$r$p$salt$hash` (base64url), so parameters can be raised later
 * without invalidating stored hashes.
 * @example await hashPassword("correct horse battery staple") // "scrypt$32768$8$1$...$..."
 */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, PARAMS);
  return ["scrypt", PARAMS.N, PARAMS.r, PARAMS.p, salt.toString("base64url"), key.toString("base64url")].join("$");
}

/** Checks a password against a stored hash in constant time; a malformed hash never matches. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split("$");
  if (parts.length !== 6 || parts[0] !== "scrypt") return false;
  const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  if (![N, r, p].every((n) => Number.isInteger(n) && n > 0) || N > 2 ** 20) return false;
  const salt = Buffer.from(parts[4]!, "base64url");
  const expected = Buffer.from(parts[5]!, "base64url");
  if (expected.length !== KEY_LENGTH) return false;
  const actual = await derive(password, salt, { N, r, p, maxmem: Math.max(PARAMS.maxmem, 256 * N * r) });
  return timingSafeEqual(actual, expected);
}

/** A hash of a password nobody knows, to spend the same time when the account does not exist. */
let dummyHash: Promise<string> | undefined;
export function getDummyHash(): Promise<string> {
  return (dummyHash ??= hashPassword(randomBytes(16).toString("hex")));
}
