import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { issueKnownDevice, KNOWN_DEVICE_MAX_AGE_S, readKnownDevice } from "./known-device";

const SECRET = "unit-test-secret-unit-test-secret-unit-test";

describe("the known-browser cookie", () => {
  it("names the browser for the account it was issued for, in any case of the email", () => {
    const cookie = issueKnownDevice("dana@example.com", SECRET, "browser-id-0123456789a");
    expect(readKnownDevice(cookie, "Dana@Example.com", SECRET)).toBe("browser-id-0123456789a");
    expect(cookie).not.toContain("dana");
  });

  it("is worth nothing for another account, under another secret, tampered with or expired", () => {
    const now = Date.now();
    const cookie = issueKnownDevice("dana@example.com", SECRET, undefined, now);
    expect(readKnownDevice(cookie, "eve@example.com", SECRET)).toBeNull();
    expect(readKnownDevice(cookie, "dana@example.com", "another-secret-another-secret-another-sec")).toBeNull();
    const [v, id, tag, issued, sig] = cookie.split(".");
    expect(readKnownDevice([v, `${id!.slice(0, -1)}x`, tag, issued, sig].join("."), "dana@example.com", SECRET)).toBeNull();
    expect(readKnownDevice([v, id, tag, String(Number(issued) + 1), sig].join("."), "dana@example.com", SECRET)).toBeNull();
    expect(readKnownDevice(cookie, "dana@example.com", SECRET, now + (KNOWN_DEVICE_MAX_AGE_S + 1) * 1000)).toBeNull();
    expect(readKnownDevice(undefined, "dana@example.com", SECRET)).toBeNull();
    expect(readKnownDevice("garbage", "dana@example.com", SECRET)).toBeNull();
  });

  it("is signed under a key of its own purpose: the same payload signed with the print token's key, or AUTH_SECRET itself, is worth nothing", () => {
    const cookie = issueKnownDevice("dana@example.com", SECRET, "browser-id-0123456789a");
    const payload = cookie.split(".").slice(0, 4).join(".");
    const signedWith = (label: string | null) => {
      const key = label === null ? SECRET : createHmac("sha256", SECRET).update(label).digest();
      return `${payload}.${createHmac("sha256", key).update(payload).digest("base64url")}`;
    };
    expect(signedWith("sovra:known-device:v1")).toBe(cookie); // the construction below is the real one
    expect(readKnownDevice(signedWith("sovra print token v1"), "dana@example.com", SECRET)).toBeNull();
    expect(readKnownDevice(signedWith(null), "dana@example.com", SECRET)).toBeNull();
  });

  it("gives each new browser its own id", () => {
    const a = readKnownDevice(issueKnownDevice("dana@example.com", SECRET), "dana@example.com", SECRET);
    const b = readKnownDevice(issueKnownDevice("dana@example.com", SECRET), "dana@example.com", SECRET);
    expect(a).toMatch(/^[\w-]{22}$/);
    expect(a).not.toBe(b);
  });
});
