import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";

// Sign-in throttling kept in PostgreSQL (table LoginAttempt), so that it holds across app
// instances and restarts. Failures are counted per account and per client address over a
// window; past a free allowance each further failure doubles the wait before the next try.

export const THROTTLE = {
  windowMs: 15 * 60 * 1000,
  freeFailuresPerAccount: 5,
  freeFailuresPerAddress: 20,
  baseDelayMs: 2_000,
  maxDelayMs: 15 * 60 * 1000,
} as const;

export const accountKey = (email: string) => `email:${email.toLowerCase()}`;
export const addressKey = (address: string) => `ip:${address}`;

function delayFor(failures: number, free: number): number {
  if (failures < free) return 0;
  return Math.min(THROTTLE.maxDelayMs, THROTTLE.baseDelayMs * 2 ** (failures - free));
}

/**
 * How long (ms) the caller must still wait before another attempt, 0 if none.
 * One query for both keys.
 */
export async function signInWaitMs(prisma: PrismaClient, email: string, address: string, now = new Date()): Promise<number> {
  const since = new Date(now.getTime() - THROTTLE.windowMs);
  const rows = await prisma.loginAttempt.groupBy({
    by: ["key"],
    where: { key: { in: [accountKey(email), addressKey(address)] }, succeeded: false, createdAt: { gte: since } },
    _count: { _all: true },
    _max: { createdAt: true },
  });
  let wait = 0;
  for (const row of rows) {
    const free = row.key.startsWith("email:") ? THROTTLE.freeFailuresPerAccount : THROTTLE.freeFailuresPerAddress;
    const delay = delayFor(row._count._all, free);
    const last = row._max.createdAt?.getTime() ?? 0;
    wait = Math.max(wait, last + delay - now.getTime());
  }
  return Math.max(0, wait);
}

/** Records an attempt under both keys; a success clears the account's failures. */
export async function recordSignInAttempt(prisma: PrismaClient, email: string, address: string, succeeded: boolean): Promise<void> {
  if (succeeded) {
    await prisma.loginAttempt.deleteMany({ where: { key: accountKey(email), succeeded: false } });
    return;
  }
  await prisma.loginAttempt.createMany({
    data: [
      { key: accountKey(email), succeeded: false },
      { key: addressKey(address), succeeded: false },
    ],
  });
}

/** "3 minutes", "40 seconds": for the throttle message. */
export function formatWait(ms: number): string {
  const s = Math.ceil(ms / 1000);
  if (s < 60) return `${s} second${s === 1 ? "" : "s"}`;
  const m = Math.ceil(s / 60);
  return `${m} minute${m === 1 ? "" : "s"}`;
}
