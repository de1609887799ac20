import { describe, expect, it } from "vitest";
import { openSecret, sealSecret } from "./secret-box";

const SECRET = "an-auth-secret-of-at-least-32-characters";
const OTHER = "another-auth-secret-of-32-characters-too";

describe("the OIDC client secret at rest", () => {
  it("opens what it sealed, unicode included", () => {
    for (const plain of ["s3cr3t", "", "ünïcødé ✓ 🔑", "x".repeat(2000)]) expect(openSecret(sealSecret(plain, SECRET), SECRET)).toBe(plain);
  });

  it("does not contain the secret in clear, and differs every time (random IV)", () => {
    const a = sealSecret("client-secret-value", SECRET);
    const b = sealSecret("client-secret-value", SECRET);
    expect(a).not.toContain("client-secret-value");
    expect(a).not.toBe(b);
    expect(a).toMatch(/^v1\.[\w-]{16}\.[\w-]*\.[\w-]{22}$/);
  });

  it("cannot be opened under another AUTH_SECRET (null, never an exception)", () => {
    expect(openSecret(sealSecret("s3cr3t", SECRET), OTHER)).toBeNull();
  });

  it("refuses a tampered or malformed value", () => {
    const sealed = sealSecret("s3cr3t", SECRET);
    const [v, iv, body, tag] = sealed.split(".") as [string, string, string, string];
    const flipped = body.slice(0, -1) + (body.endsWith("A") ? "B" : "A");
    expect(openSecret([v, iv, flipped, tag].join("."), SECRET)).toBeNull();
    expect(openSecret([v, iv, body, tag.slice(0, -2) + "AA"].join("."), SECRET)).toBeNull();
    expect(openSecret(["v2", iv, body, tag].join("."), SECRET)).toBeNull();
    expect(openSecret("s3cr3t", SECRET)).toBeNull();
    expect(openSecret("", SECRET)).toBeNull();
  });
});
