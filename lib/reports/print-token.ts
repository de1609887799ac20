import { createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";

// The board report's print route is opened by headless Chromium, which has no session cookie.
// The report job hands it a short-lived token instead: the organisation, the user who asked for
// the report, the assessment and the paper, signed with HMAC-SHA256 under a key derived from
// AUTH_SECRET. The print route re-checks the user's membership in the database, so a token is
// never more than that user's own read access, for a few minutes.

export const PAPERS = ["a4", "letter"] as const;
export type Paper = (typeof PAPERS)[number];

const payloadSchema = z.object({
  organisationId: z.uuid(),
  userId: z.uuid(),
  assessmentId: z.uuid(),
  paper: z.enum(PAPERS),
  /** For a workshop summary (decision 038): the workshop; absent for a board report. */
  workshopId: z.uuid().optional(),
  /** Expiry, seconds since the epoch. */
  exp: z.number().int().positive(),
});
export type PrintTokenPayload = z.infer<typeof payloadSchema>;

const key = (secret: string) => createHmac("sha256", secret).update("sovra print token v1").digest();
const sign = (body: string, secret: string) => createHmac("sha256", key(secret)).update(body).digest("base64url");

/**
 * A token for the print route, valid for `ttlSeconds` (default 10 minutes).
 * @example createPrintToken({ organisationId, userId, assessmentId, paper: "a4" }, secret)
 */
export function createPrintToken(payload: Omit<PrintTokenPayload, "exp">, secret: string, ttlSeconds = 600, now = Date.now()): string {
  const full = payloadSchema.parse({ ...payload, exp: Math.floor(now / 1000) + ttlSeconds });
  const body = Buffer.from(JSON.stringify(full)).toString("base64url");
  return `${body}.${sign(body, secret)}`;
}

/** The token's payload, or null when it is malformed, tampered with or expired. */
export function verifyPrintToken(token: string, secret: string, now = Date.now()): PrintTokenPayload | null {
  const [body, mac, extra] = token.split(".");
  if (!body || !mac || extra !== undefined) return null;
  const expected = Buffer.from(sign(body, secret));
  const given = Buffer.from(mac);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(body, "base64url").toString("utf8"));
  } catch {
    return null;
  }
  const parsed = payloadSchema.safeParse(json);
  if (!parsed.success || parsed.data.exp * 1000 <= now) return null;
  return parsed.data;
}
