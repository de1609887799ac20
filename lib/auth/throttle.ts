import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";

// Throttling of sign-in, invitation and reset links, kept in PostgreSQL (table AuthThrottle) so
// that every web process and instance shares it (docs/decisions/028). Each key (an account, a
// client address, a known browser, an invitation) has one row. An attempt is counted as a
// failure BEFORE the password is checked, under a row lock, and refunded when it succeeds: so of
// 20 parallel guesses no more than the free allowance are ever evaluated (the old code read the
// count, checked the password, then wrote: all 20 read the same count). Past the allowance each
// further failure doubles the wait, up to a cap; failures are forgotten after a quiet period.
// Refused attempts change nothing, so nobody can push a wait beyond the cap.

export interface ThrottleRule {
  /** Failures allowed without any wait. */
  free: number;
  /** The wait after the first failure past the allowance; it doubles with each further one. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** Failures are forgotten when none was counted for this long. */
  forgetAfterMs: number;
}

const HOUR = 60 * 60 * 1000;

export const THROTTLE = {
  account: { free: 5, baseDelayMs: 2_000, maxDelayMs: 15 * 60 * 1000, forgetAfterMs: HOUR },
  address: { free: 20, baseDelayMs: 2_000, maxDelayMs: 15 * 60 * 1000, forgetAfterMs: HOUR },
  /** A browser that signed in to the account before (lib/auth/known-device.ts). */
  device: { free: 5, baseDelayMs: 2_000, maxDelayMs: 15 * 60 * 1000, forgetAfterMs: HOUR },
  /** Invitation and password reset links, per client address. */
  linkAddress: { free: 10, baseDelayMs: 2_000, maxDelayMs: 15 * 60 * 1000, forgetAfterMs: HOUR },
  /** One invitation link. */
  invitation: { free: 5, baseDelayMs: 2_000, maxDelayMs: 15 * 60 * 1000, forgetAfterMs: HOUR },
  /**
   * Answers through one questionnaire link from one client address (decision 039). Every answer
   * counts, accepted or not: staff behind one office address answer a few times each, a script
   * posting hundreds waits. Never refunded.
   */
  questionnaire: { free: 30, baseDelayMs: 2_000, maxDelayMs: 15 * 60 * 1000, forgetAfterMs: HOUR },
} as const satisfies Record<string, ThrottleRule>;

export const throttleKey = {
  account: (email: string) => `account:${email.trim().toLowerCase()}`,
  address: (address: string) => `address:${address}`,
  device: (deviceId: string) => `device:${deviceId}`,
  linkAddress: (address: string) => `link-address:${address}`,
  invitation: (tokenHash: string) => `invitation:${tokenHash}`,
  questionnaire: (tokenHash: string, address: string) => `questionnaire:${tokenHash}:${address}`,
};

export interface ThrottledKey {
  key: string;
  rule: ThrottleRule;
}

/** The wait after `failures` counted failures: none within the allowance, then doubling. */
export function delayAfter(failures: number, rule: ThrottleRule): number {
  if (failures < rule.free) return 0;
  return Math.min(rule.maxDelayMs, rule.baseDelayMs * 2 ** Math.min(30, failures - rule.free));
}

type Row = { key: string; failures: number; lastFailureAt: Date | null; blockedUntil: Date | null };

const forgotten = (row: Row, rule: ThrottleRule, now: Date) => !row.lastFailureAt || row.lastFailureAt.getTime() + rule.forgetAfterMs <= now.getTime();

export type Reservation = { allowed: true } | { allowed: false; waitMs: number };

/**
 * Either refuses the attempt (some key must still wait) and changes nothing, or counts it as a
 * failure under every key, all in one transaction that locks the keys' rows in key order (so
 * concurrent reservations on overlapping keys queue instead of deadlocking).
 */
export async function reserveAttempt(prisma: PrismaClient, keys: readonly ThrottledKey[], now = new Date()): Promise<Reservation> {
  const sorted = [...new Map(keys.map((k) => [k.key, k])).values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const names = sorted.map((k) => k.key);
  return prisma.$transaction(
    async (tx) => {
      // Rows must exist to be locked; a concurrent insert of the same key waits on the primary key.
      await tx.$executeRaw`INSERT INTO "AuthThrottle" ("key") SELECT unnest(${names}::text[]) ORDER BY 1 ON CONFLICT ("key") DO NOTHING`;
      const rows = await tx.$queryRaw<Row[]>`
        SELECT "key", "failures", "lastFailureAt", "blockedUntil" FROM "AuthThrottle"
        WHERE "key" = ANY(${names}::text[]) ORDER BY "key" FOR UPDATE`;
      const byKey = new Map(rows.map((r) => [r.key, r]));
      let waitMs = 0;
      for (const { key, rule } of sorted) {
        const row = byKey.get(key);
        if (!row || forgotten(row, rule, now) || !row.blockedUntil) continue;
        waitMs = Math.max(waitMs, row.blockedUntil.getTime() - now.getTime());
      }
      if (waitMs > 0) return { allowed: false, waitMs };
      for (const { key, rule } of sorted) {
        const row = byKey.get(key);
        const failures = (row && !forgotten(row, rule, now) ? row.failures : 0) + 1;
        const delay = delayAfter(failures, rule);
        const blockedUntil = delay > 0 ? new Date(now.getTime() + delay) : null;
        await tx.$executeRaw`UPDATE "AuthThrottle" SET "failures" = ${failures}, "lastFailureAt" = ${now}, "blockedUntil" = ${blockedUntil} WHERE "key" = ${key}`;
      }
      return { allowed: true };
    },
    { maxWait: 15_000, timeout: 15_000 },
  );
}

/**
 * The reserved attempt succeeded: `clear` keys forget their failures (the account, the known
 * browser), `refund` keys give back the one failure counted in advance (the address: many people
 * can share one, and their successes must not slow each other down).
 */
export async function settleSuccess(prisma: PrismaClient, settle: { clear?: readonly string[]; refund?: readonly ThrottledKey[] }): Promise<void> {
  const clear = [...(settle.clear ?? [])];
  if (clear.length) await prisma.$executeRaw`DELETE FROM "AuthThrottle" WHERE "key" = ANY(${clear}::text[])`;
  for (const { key, rule } of settle.refund ?? []) {
    await prisma.$executeRaw`
      UPDATE "AuthThrottle" SET "failures" = GREATEST("failures" - 1, 0),
        "blockedUntil" = CASE WHEN "failures" - 1 < ${rule.free} THEN NULL ELSE "blockedUntil" END
      WHERE "key" = ${key}`;
  }
}

/** Forgets keys, e.g. an account's failures once its password was reset. */
export async function clearThrottle(prisma: PrismaClient, keys: readonly string[]): Promise<void> {
  if (keys.length) await prisma.$executeRaw`DELETE FROM "AuthThrottle" WHERE "key" = ANY(${[...keys]}::text[])`;
}

/** Deletes rows whose failures are long forgotten; cheap (indexed), called now and then by sign-in. */
export async function pruneThrottle(prisma: PrismaClient, now = new Date()): Promise<number> {
  const before = new Date(now.getTime() - 24 * HOUR);
  return prisma.$executeRaw`DELETE FROM "AuthThrottle" WHERE "lastFailureAt" < ${before} OR ("lastFailureAt" IS NULL AND "failures" = 0)`;
}

/** "3 minutes", "40 seconds": for the throttle message. */
export function formatWait(ms: number): string {
  const s = Math.ceil(ms / 1000);
  if (s < 60) return `${s} second${s === 1 ? "" : "s"}`;
  const m = Math.ceil(s / 60);
  return `${m} minute${m === 1 ? "" : "s"}`;
}
