import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "./password";

describe("password hashing", () => {
  it("verifies the password it hashed and refuses another", async () => {
    const hash = await hashPassword("correct horse battery staple");
    expect(hash).toMatch(/^scrypt\$32768\$8\$1\$[\w-]+\$[\w-]+$/);
    expect(await verifyPassword("correct horse battery staple", hash)).toBe(true);
    expect(await verifyPassword("correct horse battery stapl", hash)).toBe(false);
    expect(await verifyPassword("Correct horse battery staple", hash)).toBe(false); // no case folding
    expect(Buffer.from(hash.split("$")[4]!, "base64url")).toHaveLength(16); // a 16-byte salt
  });

  it("checks every character of a long password: nothing is truncated", async () => {
    const long = "lilac otter quarry tuesday ".repeat(7); // 189 characters
    const hash = await hashPassword(`${long}a`);
    expect(await verifyPassword(`${long}a`, hash)).toBe(true);
    expect(await verifyPassword(`${long}b`, hash)).toBe(false);
  });

  it("salts every hash, so equal passwords give different hashes", async () => {
    const [a, b] = await Promise.all([hashPassword("same password"), hashPassword("same password")]);
    expect(a).not.toBe(b);
  });

  it("treats Unicode-equivalent spellings of a password as the same password", async () => {
    const hash = await hashPassword("Ångström-passwort");
    expect(await verifyPassword("A\u030Angström-passwort", hash)).toBe(true);
    // NFKC, not only NFC: compatibility forms (a ligature, full-width letters) are the same password.
    const ligature = await hashPassword("\uFB01le cabinet Ｐassword");
    expect(await verifyPassword("file cabinet Password", ligature)).toBe(true);
  });

  it.each([["", "empty"], ["bcrypt$x", "another scheme"], ["scrypt$1$2$3$4", "too few parts"], ["scrypt$99999999999$8$1$AAAA$AAAA", "absurd cost"], ["scrypt$32768$8$1$c2FsdA$c2hvcnQ", "short key"]])(
    "never matches a malformed stored hash (%s: %s)",
    async (stored) => {
      expect(await verifyPassword("anything", stored)).toBe(false);
    },
  );
});
