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

/** Each kind of print token is signed under a key of its own, so that one never opens another's print page. */
const PURPOSES = { report: "sovra print token v1", registrationPack: "sovra registration pack print token v1" } as const;
type Purpose = keyof typeof PURPOSES;

const key = (secret: string, purpose: Purpose) => createHmac("sha256", secret).update(PURPOSES[purpose]).digest();
const sign = (body: string, secret: string, purpose: Purpose) => createHmac("sha256", key(secret, purpose)).update(body).digest("base64url");

function seal(payload: object, secret: string, purpose: Purpose): string {
  const body = Buffer.from(JSON.stringify(payload)).toString("base64url");
  return `${body}.${sign(body, secret, purpose)}`;
}

/** The payload of a token signed for `purpose`, if it parses and has not expired; else null. */
function unseal<S extends z.ZodType<{ exp: number }>>(token: string, secret: string, purpose: Purpose, schema: S, now: number): z.output<S> | null {
  const [body, mac, extra] = token.split(".");
  if (!body || !mac || extra !== undefined) return null;
  const expected = Buffer.from(sign(body, secret, purpose));
  const given = Buffer.from(mac);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(body, "base64url").toString("utf8"));
  } catch {
    return null;
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success || parsed.data.exp * 1000 <= now) return null;
  return parsed.data;
}

/**
 * A token for the print route, valid for `ttlSeconds` (default 10 minutes).
 * @example createPrintToken({ organisationId, userId, assessmentId, paper: "a4" }, secret)
 */
export function createPrintToken(payload: Omit<PrintTokenPayload, "exp">, secret: string, ttlSeconds = 600, now = Date.now()): string {
  return seal(payloadSchema.parse({ ...payload, exp: Math.floor(now / 1000) + ttlSeconds }), secret, "report");
}

/** The token's payload, or null when it is malformed, tampered with or expired. */
export function verifyPrintToken(token: string, secret: string, now = Date.now()): PrintTokenPayload | null {
  return unseal(token, secret, "report", payloadSchema, now);
}

// ---- the EU AI Act registration pack (decision 046) ------------------------------------------
// Printed while its download waits, by the same Chromium from its own print route; it belongs to
// no assessment. Its token is signed under another key than the board report's.

const registrationPackPayloadSchema = z.object({
  organisationId: z.uuid(),
  userId: z.uuid(),
  paper: z.enum(PAPERS),
  /** One AI system's form; absent: every registration of the organisation. */
  aiSystemId: z.uuid().optional(),
  exp: z.number().int().positive(),
});
export type RegistrationPackTokenPayload = z.infer<typeof registrationPackPayloadSchema>;

/** A token for the registration pack's print route, valid for `ttlSeconds` (default 2 minutes: it is used at once). */
export function createRegistrationPackToken(payload: Omit<RegistrationPackTokenPayload, "exp">, secret: string, ttlSeconds = 120, now = Date.now()): string {
  return seal(registrationPackPayloadSchema.parse({ ...payload, exp: Math.floor(now / 1000) + ttlSeconds }), secret, "registrationPack");
}

/** A registration pack token's payload, or null when it is malformed, tampered with, expired or another kind of print token. */
export function verifyRegistrationPackToken(token: string, secret: string, now = Date.now()): RegistrationPackTokenPayload | null {
  return unseal(token, secret, "registrationPack", registrationPackPayloadSchema, now);
}
