import { describe, expect, it } from "vitest";
import { decode, encode } from "next-auth/jwt";
import { readSessionToken, sessionUserId } from "./session-token";

const SECRET = "unit-test-secret-unit-test-secret-unit-test";
const NAME = "authjs.session-token";

const tokenFor = (sub: string, opts: { secret?: string; salt?: string; maxAge?: number } = {}) =>
  encode({ token: { sub, name: "Dana" }, secret: opts.secret ?? SECRET, salt: opts.salt ?? NAME, maxAge: opts.maxAge ?? 3600 });

describe("reading the user id from the Auth.js session cookie", () => {
  it("returns the subject of a token Auth.js's encode wrote", async () => {
    const token = await tokenFor("user-1");
    expect(await sessionUserId([{ name: "other", value: "x" }, { name: NAME, value: token }], SECRET)).toBe("user-1");
  });

  it("reads the secure cookie that HTTPS sign-ins set, whose name is also its salt", async () => {
    const name = "__Secure-authjs.session-token";
    const token = await tokenFor("user-2", { salt: name });
    expect(await sessionUserId([{ name, value: token }], SECRET)).toBe("user-2");
  });

  it("joins a token that Auth.js split into numbered chunks, in their order", async () => {
    const token = await tokenFor("user-3");
    const third = Math.ceil(token.length / 3);
    const chunks = [2, 0, 1].map((i) => ({ name: `${NAME}.${i}`, value: token.slice(i * third, (i + 1) * third) }));
    expect(await sessionUserId(chunks, SECRET)).toBe("user-3");
  });

  it("refuses a token encrypted with another secret, a tampered token and an expired one", async () => {
    expect(await sessionUserId([{ name: NAME, value: await tokenFor("u", { secret: "another-secret-another-secret-another-sec" }) }], SECRET)).toBeNull();
    const token = await tokenFor("u");
    const tampered = token.slice(0, -6) + (token.endsWith("AAAAAA") ? "BBBBBB" : "AAAAAA");
    expect(await sessionUserId([{ name: NAME, value: tampered }], SECRET)).toBeNull();
    const expired = await tokenFor("u", { maxAge: -60 });
    expect(await sessionUserId([{ name: NAME, value: expired }], SECRET)).toBeNull();
  });

  it("refuses a token written for the other cookie name (the salt differs)", async () => {
    const token = await tokenFor("u", { salt: "__Secure-authjs.session-token" });
    expect(await sessionUserId([{ name: NAME, value: token }], SECRET)).toBeNull();
  });

  it("answers null without a session cookie", async () => {
    expect(await sessionUserId([], SECRET)).toBeNull();
    expect(await sessionUserId([{ name: NAME, value: "" }], SECRET)).toBeNull();
  });

  it("remembers a token that decrypted, yet refuses it once it expires and never under another secret or cookie name", async () => {
    const token = await tokenFor("user-4", { maxAge: 120 });
    const now = Date.now();
    expect(await sessionUserId([{ name: NAME, value: token }], SECRET, now)).toBe("user-4");
    expect(await sessionUserId([{ name: NAME, value: token }], SECRET, now + 1_000)).toBe("user-4"); // remembered
    expect(await sessionUserId([{ name: NAME, value: token }], SECRET, now + 120_000 + 16_000)).toBeNull(); // past exp + 15 s tolerance
    expect(await sessionUserId([{ name: NAME, value: token }], "another-secret-another-secret-another-sec", now)).toBeNull();
    expect(await sessionUserId([{ name: "__Secure-authjs.session-token", value: token }], SECRET, now)).toBeNull();
  });

  it("reads the server-side session the token names, and none from a token issued before sessions were kept", async () => {
    const withSession = await encode({ token: { sub: "user-5", sid: "session-5" }, secret: SECRET, salt: NAME, maxAge: 3600 });
    expect(await readSessionToken([{ name: NAME, value: withSession }], SECRET)).toEqual({ userId: "user-5", sessionId: "session-5" });
    expect(await readSessionToken([{ name: NAME, value: await tokenFor("user-6") }], SECRET)).toEqual({ userId: "user-6", sessionId: null });
  });

  it("joins chunks by their number, and only the session cookie's own numbered chunks", async () => {
    const token = await tokenFor("user-7");
    const size = Math.ceil(token.length / 12);
    const chunks = Array.from({ length: 12 }, (_, i) => ({ name: `${NAME}.${i}`, value: token.slice(i * size, (i + 1) * size) }));
    const shuffled = [chunks[10]!, chunks[2]!, chunks[11]!, ...chunks.slice(3, 10), chunks[0]!, chunks[1]!];
    expect(await sessionUserId(shuffled, SECRET)).toBe("user-7");
    for (const stray of [`${"x".repeat(NAME.length)}.12`, `${NAME}.x12`, `${NAME}.12x`]) {
      expect(await sessionUserId([...shuffled, { name: stray, value: "junk" }], SECRET), stray).toBe("user-7");
    }
  });

  it("keeps a remembered token for 15 seconds past its expiry, and not a second longer", async () => {
    const token = await tokenFor("user-8", { maxAge: 120 });
    const { exp } = (await decode({ token, secret: SECRET, salt: NAME }))!;
    expect(await sessionUserId([{ name: NAME, value: token }], SECRET)).toBe("user-8");
    expect(await sessionUserId([{ name: NAME, value: token }], SECRET, (exp! + 14) * 1000)).toBe("user-8");
    expect(await sessionUserId([{ name: NAME, value: token }], SECRET, (exp! + 15) * 1000)).toBeNull();
  });

  it("refuses a token whose subject or session is no string", async () => {
    const withoutSubject = await encode({ token: { name: "Dana" }, secret: SECRET, salt: NAME, maxAge: 3600 });
    expect(await readSessionToken([{ name: NAME, value: withoutSubject }], SECRET)).toBeNull();
    const numericSubject = await encode({ token: { sub: 42 as unknown as string }, secret: SECRET, salt: NAME, maxAge: 3600 });
    expect(await readSessionToken([{ name: NAME, value: numericSubject }], SECRET)).toBeNull();
    const numericSession = await encode({ token: { sub: "user-9", sid: 9 }, secret: SECRET, salt: NAME, maxAge: 3600 });
    expect(await readSessionToken([{ name: NAME, value: numericSession }], SECRET)).toEqual({ userId: "user-9", sessionId: null });
  });

  it("does not fall back to the plain cookie when the secure one is there but invalid", async () => {
    const secure = "__Secure-authjs.session-token";
    const signed = await tokenFor("u", { salt: secure });
    const bad = signed.slice(0, -6) + (signed.endsWith("AAAAAA") ? "BBBBBB" : "AAAAAA");
    const good = await tokenFor("user-10");
    expect(await sessionUserId([{ name: secure, value: bad }, { name: NAME, value: good }], SECRET)).toBeNull();
  });
});
