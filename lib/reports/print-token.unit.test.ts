import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createPrintToken, createRegistrationPackToken, verifyPrintToken, verifyRegistrationPackToken } from "@/lib/reports/print-token";

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

describe("the EU AI Act registration pack's print token (decision 046)", () => {
  const pack = { organisationId: payload.organisationId, userId: payload.userId, paper: "letter" as const, aiSystemId: "0193a000-0000-7000-8000-000000000004" };

  it("round-trips its payload for two minutes by default, one AI system or none", () => {
    const now = Date.UTC(2026, 11, 2, 12);
    expect(verifyRegistrationPackToken(createRegistrationPackToken(pack, secret, undefined, now), secret, now + 119_000)).toEqual({ ...pack, exp: now / 1000 + 120 });
    expect(verifyRegistrationPackToken(createRegistrationPackToken(pack, secret, undefined, now), secret, now + 120_000)).toBeNull();
    const { aiSystemId: _one, ...all } = pack;
    expect(verifyRegistrationPackToken(createRegistrationPackToken(all, secret, 60, now), secret, now)).toEqual({ ...all, exp: now / 1000 + 60 });
  });

  it("opens no board report, and no board report token opens the pack: each kind is signed under its own key", () => {
    const now = Date.UTC(2026, 11, 2, 12);
    const packToken = createRegistrationPackToken(pack, secret, 600, now);
    const boardToken = createPrintToken(payload, secret, 600, now);
    expect(verifyPrintToken(packToken, secret, now)).toBeNull();
    expect(verifyRegistrationPackToken(boardToken, secret, now)).toBeNull();
    // Only the key tells the kinds apart: the same body signed under the pack's key is a pack token, and then no board report's.
    const [body] = boardToken.split(".");
    const key = createHmac("sha256", secret).update("sovra registration pack print token v1").digest();
    const resigned = `${body}.${createHmac("sha256", key).update(body!).digest("base64url")}`;
    expect(verifyRegistrationPackToken(resigned, secret, now)).toEqual({ organisationId: payload.organisationId, userId: payload.userId, paper: "a4", exp: now / 1000 + 600 });
    expect(verifyPrintToken(resigned, secret, now)).toBeNull();
  });

  it("refuses another secret's token and a tampered payload", () => {
    const now = Date.UTC(2026, 11, 2, 12);
    const token = createRegistrationPackToken(pack, secret, 600, now);
    expect(verifyRegistrationPackToken(token, "t".repeat(40), now)).toBeNull();
    const [, mac] = token.split(".");
    const forged = Buffer.from(JSON.stringify({ ...pack, organisationId: "0193a000-0000-7000-8000-000000000009", exp: now / 1000 + 600 })).toString("base64url");
    expect(verifyRegistrationPackToken(`${forged}.${mac}`, secret, now)).toBeNull();
  });
});
