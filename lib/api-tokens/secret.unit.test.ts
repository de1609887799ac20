import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { hashApiToken, isApiTokenFormat, isPracticeApiTokenFormat, newApiToken, newPracticeApiToken } from "./secret";

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

  it("a practice's token is sovra_pr_ and 43 characters, hashed whole; neither kind has the other's shape", () => {
    const { token, hash } = newPracticeApiToken();
    expect(token).toMatch(/^sovra_pr_[A-Za-z0-9_-]{43}$/);
    expect(hash).toBe(createHash("sha256").update(token).digest("hex"));
    expect(isPracticeApiTokenFormat(token)).toBe(true);
    expect(isApiTokenFormat(token)).toBe(false);
    for (let i = 0; i < 50; i++) expect(isPracticeApiTokenFormat(newApiToken().token)).toBe(false);
    expect(isPracticeApiTokenFormat("sovra_pr_" + "a".repeat(42))).toBe(false);
    expect(isPracticeApiTokenFormat("sovra_pr_" + "a".repeat(44))).toBe(false);
    expect(isPracticeApiTokenFormat("sovra_PR_" + "a".repeat(43))).toBe(false);
  });
});
