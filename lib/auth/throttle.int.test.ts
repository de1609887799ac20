import { describe, expect, it } from "vitest";
import { recordSignInAttempt, signInWaitMs, THROTTLE } from "./throttle";
import { db } from "@/lib/testing/db";

const unique = () => `${Date.now()}-${Math.random()}`;

describe("sign-in throttling", () => {
  it("lets the first failures through, then makes each further try wait twice as long", async () => {
    const email = `victim-${unique()}@example.test`;
    const ip = `10.0.0.${Math.floor(Math.random() * 250)}-${unique()}`;
    for (let i = 0; i < THROTTLE.freeFailuresPerAccount - 1; i++) await recordSignInAttempt(db(), email, ip, false);
    expect(await signInWaitMs(db(), email, ip)).toBe(0);

    await recordSignInAttempt(db(), email, ip, false);
    const first = await signInWaitMs(db(), email, ip);
    expect(first).toBeGreaterThan(0);
    expect(first).toBeLessThanOrEqual(THROTTLE.baseDelayMs);

    await recordSignInAttempt(db(), email, ip, false);
    const second = await signInWaitMs(db(), email, ip);
    expect(second).toBeGreaterThan(THROTTLE.baseDelayMs);
    expect(second).toBeLessThanOrEqual(2 * THROTTLE.baseDelayMs);
  });

  it("slows an address that tries many accounts, even if each account saw few failures", async () => {
    const ip = `198.51.100.${unique()}`;
    for (let i = 0; i < THROTTLE.freeFailuresPerAddress; i++) await recordSignInAttempt(db(), `spray-${i}-${unique()}@example.test`, ip, false);
    expect(await signInWaitMs(db(), `fresh-${unique()}@example.test`, ip)).toBeGreaterThan(0);
    expect(await signInWaitMs(db(), `fresh-${unique()}@example.test`, `203.0.113.${unique()}`)).toBe(0);
  });

  it("forgets failures older than the window", async () => {
    const email = `old-${unique()}@example.test`;
    const ip = `192.0.2.${unique()}`;
    for (let i = 0; i < 10; i++) await recordSignInAttempt(db(), email, ip, false);
    const later = new Date(Date.now() + THROTTLE.windowMs + 1000);
    expect(await signInWaitMs(db(), email, ip, later)).toBe(0);
  });

  it("a successful sign-in clears the account's failures", async () => {
    const email = `ok-${unique()}@example.test`;
    const ip = `192.0.2.${unique()}`;
    for (let i = 0; i < THROTTLE.freeFailuresPerAccount; i++) await recordSignInAttempt(db(), email, ip, false);
    await recordSignInAttempt(db(), email, ip, true);
    expect(await db().loginAttempt.count({ where: { key: `email:${email}` } })).toBe(0);
  });
});
