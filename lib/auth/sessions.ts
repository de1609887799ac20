import "server-only";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";

// Server-side sessions (docs/decisions/028). Auth.js's session cookie stays a sealed JWT, but it
// now carries the id of a Session row, and every request checks that row: signing out, "sign out
// everywhere", a password change and removing a member end sessions at once, not when the cookie
// expires.

type Db = PrismaClient | Prisma.TransactionClient;

export const SESSION = {
  /** Absolute lifetime, as the cookie's. */
  maxAgeMs: 12 * 60 * 60 * 1000,
  /** Ends a session nobody used for this long. */
  idleMs: 2 * 60 * 60 * 1000,
  /** lastSeenAt is written at most this often, so that a page costs a read and not a write. */
  touchEveryMs: 5 * 60 * 1000,
} as const;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Opens a session for a user who just proved who they are; its id goes into the cookie. */
export async function createSession(
  prisma: Db,
  input: { userId: string; userAgent?: string | null; address?: string; method?: "password" | "oidc" | "saml" },
  now = new Date(),
): Promise<string> {
  const row = await prisma.session.create({
    data: {
      userId: input.userId,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + SESSION.maxAgeMs),
      userAgent: summariseUserAgent(input.userAgent),
      address: (input.address ?? "").slice(0, 64),
      method: input.method ?? "password",
    },
    select: { id: true },
  });
  return row.id;
}

/**
 * Whether the session is open (exists for this user, not revoked, not expired, not idle), in one
 * statement on the primary key that also notes the visit when the last note is a few minutes old.
 */
export async function touchSession(prisma: Db, sessionId: string, userId: string, now = new Date()): Promise<boolean> {
  if (!UUID.test(sessionId) || !UUID.test(userId)) return false;
  const idleSince = new Date(now.getTime() - SESSION.idleMs);
  const touchBefore = new Date(now.getTime() - SESSION.touchEveryMs);
  const rows = await prisma.$queryRaw<{ id: string }[]>`
    WITH open AS (
      SELECT id, "lastSeenAt" FROM "Session"
      WHERE id = ${sessionId}::uuid AND "userId" = ${userId}::uuid AND "revokedAt" IS NULL
        AND "expiresAt" > ${now} AND "lastSeenAt" > ${idleSince}
    ), touched AS (
      UPDATE "Session" s SET "lastSeenAt" = ${now} FROM open WHERE s.id = open.id AND open."lastSeenAt" < ${touchBefore}
    )
    SELECT id::text FROM open`;
  return rows.length > 0;
}

/** Ends one session of a user (sign-out). */
export async function revokeSession(prisma: Db, sessionId: string, userId: string, now = new Date()): Promise<void> {
  if (!UUID.test(sessionId) || !UUID.test(userId)) return;
  await prisma.session.updateMany({ where: { id: sessionId, userId, revokedAt: null }, data: { revokedAt: now } });
}

/** Ends every session of a user, or every one but `except` (the browser that changed the password). */
export async function revokeUserSessions(prisma: Db, userId: string, options: { except?: string } = {}, now = new Date()): Promise<number> {
  const { count } = await prisma.session.updateMany({
    where: { userId, revokedAt: null, expiresAt: { gt: now }, ...(options.except ? { id: { not: options.except } } : {}) },
    data: { revokedAt: now },
  });
  return count;
}

/** The user's open sessions, newest first, for the account page. */
export async function listOpenSessions(prisma: Db, userId: string, now = new Date()) {
  return prisma.session.findMany({
    where: { userId, revokedAt: null, expiresAt: { gt: now }, lastSeenAt: { gt: new Date(now.getTime() - SESSION.idleMs) } },
    select: { id: true, createdAt: true, lastSeenAt: true, userAgent: true, address: true },
    orderBy: { lastSeenAt: "desc" },
    take: 50,
  });
}

/** Deletes sessions that ended more than a week ago; cheap, called now and then by sign-in. */
export async function pruneSessions(prisma: Db, now = new Date()): Promise<number> {
  const before = new Date(now.getTime() - 7 * 24 * 60 * 60 * 1000);
  const { count } = await prisma.session.deleteMany({ where: { expiresAt: { lt: before } } });
  return count;
}

/**
 * "Firefox on Windows": enough to recognise one's own browsers in a list, nothing more.
 * @example summariseUserAgent("Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15") // "Safari on macOS"
 */
export function summariseUserAgent(ua: string | null | undefined): string {
  if (!ua) return "";
  const browser = /Edg\//.test(ua)
    ? "Edge"
    : /OPR\//.test(ua)
      ? "Opera"
      : /Firefox\//.test(ua)
        ? "Firefox"
        : /Chrom(e|ium)\//.test(ua)
          ? "Chrome"
          : /Safari\//.test(ua)
            ? "Safari"
            : /curl\//i.test(ua)
              ? "curl"
              : "A browser";
  const os = /Windows/.test(ua)
    ? "Windows"
    : /iPhone|iPad|iPod/.test(ua)
      ? "iOS"
      : /Mac OS X|Macintosh/.test(ua)
        ? "macOS"
        : /Android/.test(ua)
          ? "Android"
          : /CrOS/.test(ua)
            ? "ChromeOS"
            : /Linux/.test(ua)
              ? "Linux"
              : "";
  return os ? `${browser} on ${os}` : browser;
}
