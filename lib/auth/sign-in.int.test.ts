// Sign-in as Auth.js's authorize runs it (lib/auth/sign-in.ts), against the real database:
// parallel guesses, forged forwarding headers, the known-browser way past an account lock.
import { beforeAll, describe, expect, it } from "vitest";
import { attemptSignIn, type SignInAttempt } from "./sign-in";
import { clientAddress, markPeerAddressHeaderTrusted, PEER_ADDRESS_HEADER } from "./client-address";
import { THROTTLE } from "./throttle";
import { touchSession } from "./sessions";
import { buildUser, TEST_PASSWORD } from "@/prisma/factories";
import { db } from "@/lib/testing/db";

const unique = () => Math.random().toString(36).slice(2, 10);
let octet = 0;
/** A fresh address per test, so tests never share an address bucket. */
const freshAddress = () => `198.19.${Math.floor(++octet / 250)}.${octet % 250}`;

const attempt = (over: Partial<SignInAttempt> & Pick<SignInAttempt, "email">): SignInAttempt => ({
  password: "wrong password entirely",
  address: freshAddress(),
  knownDeviceId: null,
  userAgent: "Mozilla/5.0 (X11; Linux x86_64) Chrome/140.0",
  ...over,
});

describe("signing in", () => {
  beforeAll(() => {
    // As Sovra's web server does: it writes the socket's peer into this header on every request.
    markPeerAddressHeaderTrusted();
  });

  it("opens a server-side session for the right password", async () => {
    const user = await buildUser(db());
    const result = await attemptSignIn(db(), attempt({ email: user.email, password: TEST_PASSWORD }));
    expect(result).toMatchObject({ ok: true, user: { id: user.id, email: user.email } });
    if (!result.ok) throw new Error("unreachable");
    expect(await touchSession(db(), result.sessionId, user.id)).toBe(true);
    expect(await db().session.findUniqueOrThrow({ where: { id: result.sessionId } })).toMatchObject({ userId: user.id, userAgent: "Chrome on Linux" });
  });

  it("evaluates at most the allowance of 20 parallel wrong guesses at one account", async () => {
    const user = await buildUser(db());
    // One instant for every attempt: the test must not depend on how fast 20 scrypt checks run.
    const now = new Date();
    const results = await Promise.all(Array.from({ length: 20 }, () => attemptSignIn(db(), attempt({ email: user.email }), now)));
    const evaluated = results.filter((r) => !r.ok && r.reason === "invalid");
    expect(evaluated).toHaveLength(THROTTLE.account.free);
    expect(results.filter((r) => !r.ok && r.reason === "throttled")).toHaveLength(20 - THROTTLE.account.free);
    // Even the right password now waits: the throttle does not tell guesses from the owner.
    expect(await attemptSignIn(db(), attempt({ email: user.email, password: TEST_PASSWORD }), now)).toMatchObject({ ok: false, reason: "throttled" });
  });

  it("ignores a forged X-Forwarded-For: a password spray from one client is slowed after the address allowance", async () => {
    const peer = freshAddress();
    const now = new Date();
    const sprayed = await Promise.all(
      Array.from({ length: 40 }, async (_, i) => {
        const user = await buildUser(db(), { email: `spray-${i}-${unique()}@example.test` });
        // A new forged address per request, as the attacker in the issue did.
        const headers = new Headers({ [PEER_ADDRESS_HEADER]: peer, "x-forwarded-for": `203.0.113.${i}`, "x-real-ip": `203.0.114.${i}` });
        return attemptSignIn(db(), attempt({ email: user.email, address: clientAddress(headers, 0) }), now);
      }),
    );
    expect(sprayed.filter((r) => !r.ok && r.reason === "invalid").length).toBeLessThanOrEqual(THROTTLE.address.free);
    expect(sprayed.filter((r) => !r.ok && r.reason === "throttled").length).toBeGreaterThanOrEqual(40 - THROTTLE.address.free);
  });

  it("behind one trusted proxy, rotating the client-written part of X-Forwarded-For does not help either", async () => {
    const client = freshAddress();
    const now = new Date();
    const results = [];
    for (let i = 0; i < THROTTLE.address.free + 5; i++) {
      const user = await buildUser(db());
      const headers = new Headers({ [PEER_ADDRESS_HEADER]: "10.0.0.1", "x-forwarded-for": `192.0.2.${i}, ${client}` });
      results.push(await attemptSignIn(db(), attempt({ email: user.email, address: clientAddress(headers, 1) }), now));
    }
    expect(results.filter((r) => !r.ok && r.reason === "invalid")).toHaveLength(THROTTLE.address.free);
  });

  it("lets the owner in with the right password from a browser that signed in before, while the account is locked by guesses from elsewhere", async () => {
    const user = await buildUser(db());
    const knownDeviceId = `dev${unique()}${unique()}`.slice(0, 22).padEnd(22, "x");
    const now = new Date();
    expect((await attemptSignIn(db(), attempt({ email: user.email, password: TEST_PASSWORD, knownDeviceId }), now)).ok).toBe(true);
    for (let i = 0; i < THROTTLE.account.free + 3; i++) await attemptSignIn(db(), attempt({ email: user.email }), now);
    // A stranger with the right password is throttled like the attacker ...
    expect(await attemptSignIn(db(), attempt({ email: user.email, password: TEST_PASSWORD }), now)).toMatchObject({ ok: false, reason: "throttled" });
    // ... the owner's browser is not.
    expect(await attemptSignIn(db(), attempt({ email: user.email, password: TEST_PASSWORD, knownDeviceId }), now)).toMatchObject({ ok: true });
  });

  it("throttles guesses from a known browser per browser, and lets the right password in once the wait is over", async () => {
    const user = await buildUser(db());
    const knownDeviceId = "known-browser-".padEnd(22, "y");
    const address = freshAddress();
    const now = new Date();
    for (let i = 0; i < THROTTLE.device.free; i++) await attemptSignIn(db(), attempt({ email: user.email, knownDeviceId, address }), now);
    const blocked = await attemptSignIn(db(), attempt({ email: user.email, password: TEST_PASSWORD, knownDeviceId, address }), now);
    expect(blocked).toMatchObject({ ok: false, reason: "throttled" });
    const later = new Date(now.getTime() + (blocked.ok || blocked.reason !== "throttled" ? 0 : blocked.waitMs));
    expect(await attemptSignIn(db(), attempt({ email: user.email, password: TEST_PASSWORD, knownDeviceId, address }), later)).toMatchObject({ ok: true });
  });

  it("answers an unknown email exactly like a wrong password", async () => {
    expect(await attemptSignIn(db(), attempt({ email: `nobody-${unique()}@example.test` }))).toEqual({ ok: false, reason: "invalid" });
  });
});
