import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createPrintToken, verifyPrintToken } from "@/lib/reports/print-token";

const secret = "s".repeat(40);
const payload = {
  organisationId: "0193a000-0000-7000-8000-000000000001",
  userId: "0193a000-0000-7000-8000-000000000002",
  assessmentId: "0193a000-0000-7000-8000-000000000003",
  paper: "a4" as const,
};

describe("print token", () => {
  it("round-trips its payload while valid", () => {
    const now = Date.UTC(2026, 11, 2, 12);
    const token = createPrintToken(payload, secret, 600, now);
    expect(verifyPrintToken(token, secret, now + 599_000)).toEqual({ ...payload, exp: now / 1000 + 600 });
  });

  it("refuses an expired token, another secret's token and a tampered payload", () => {
    const now = Date.UTC(2026, 11, 2, 12);
    const token = createPrintToken(payload, secret, 600, now);
    expect(verifyPrintToken(token, secret, now + 600_000)).toBeNull();
    expect(verifyPrintToken(token, "t".repeat(40), now)).toBeNull();
    const [, mac] = token.split(".");
    const forged = Buffer.from(JSON.stringify({ ...payload, organisationId: "0193a000-0000-7000-8000-000000000009", exp: now / 1000 + 600 })).toString("base64url");
    expect(verifyPrintToken(`${forged}.${mac}`, secret, now)).toBeNull();
    expect(verifyPrintToken("garbage", secret, now)).toBeNull();
    expect(verifyPrintToken(`${token}.x`, secret, now)).toBeNull();
  });

  it("is signed under a key of its own purpose: the same body signed with the known-browser cookie's key, or AUTH_SECRET itself, is refused", () => {
    const now = Date.UTC(2026, 11, 2, 12);
    const token = createPrintToken(payload, secret, 600, now);
    const [body] = token.split(".");
    const signedWith = (label: string | null) => {
      const key = label === null ? secret : createHmac("sha256", secret).update(label).digest();
      return `${body}.${createHmac("sha256", key).update(body!).digest("base64url")}`;
    };
    expect(signedWith("sovra print token v1")).toBe(token); // the construction below is the real one
    expect(verifyPrintToken(signedWith("sovra:known-device:v1"), secret, now)).toBeNull();
    expect(verifyPrintToken(signedWith(null), secret, now)).toBeNull();
  });
});
