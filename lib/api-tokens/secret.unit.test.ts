import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { hashApiToken, isApiTokenFormat, newApiToken } from "./secret";

describe("API token secrets", () => {
  it("are sovra_ and 43 URL-safe characters, and different every time", () => {
    const tokens = Array.from({ length: 50 }, () => newApiToken().token);
    for (const t of tokens) expect(t).toMatch(/^sovra_[A-Za-z0-9_-]{43}$/);
    expect(new Set(tokens).size).toBe(tokens.length);
  });

  it("are stored as the SHA-256 of the whole token, prefix included", () => {
    const { token, hash } = newApiToken();
    expect(hash).toBe(createHash("sha256").update(token).digest("hex"));
    expect(hashApiToken(token)).toBe(hash);
    expect(hash).not.toContain(token.slice(6));
  });

  it.each([
    ["sovra_" + "a".repeat(43), true],
    ["sovra_" + "A-_9".repeat(10) + "abc", true],
    ["sovra_" + "a".repeat(42), false],
    ["sovra_" + "a".repeat(44), false],
    ["sovra_" + "a".repeat(42) + "=", false],
    ["SOVRA_" + "a".repeat(43), false],
    ["a".repeat(43), false],
    ["", false],
  ])("isApiTokenFormat(%j) is %s", (value, expected) => {
    expect(isApiTokenFormat(value)).toBe(expected);
  });
});
