import "server-only";
import { getCurrentUser, resolvePracticeContext } from "@/lib/auth/context";
import { assertPracticeCan, type PracticeContext } from "@/lib/auth/practice-context";
import type { PracticePermission } from "@/lib/auth/practice-permissions";
import { AppError, notFoundError } from "@/lib/errors";
import { checkPracticeApiToken, type PracticeApiTokenCheck } from "@/lib/practices/api-token-queries";
import { recordPracticeApiTokenUse } from "@/lib/practices/api-token-mutations";
import { isApiTokenFormat, isPracticeApiTokenFormat } from "@/lib/api-tokens/secret";
import { formatDateTime } from "@/lib/dates";

/** Why a practice token is refused, in words its holder can act on. */
function refusal(check: Exclude<PracticeApiTokenCheck, { ok: true }>): string {
  switch (check.reason) {
    case "unknown":
      return "This practice API token is not valid: it is unknown.";
    case "revoked":
      return "This practice API token has been revoked. Ask a partner of the practice for a new one.";
    case "expired":
      return `This practice API token expired on ${formatDateTime(check.expiredAt)}. Ask a partner of the practice for a new one.`;
    case "creator_not_member":
      return "This practice API token no longer works: the person who created it has left the practice. Ask a partner for a new token.";
  }
}

async function contextFromToken(header: string, practiceSlug: string): Promise<PracticeContext> {
  const secret = /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1];
  if (secret && isApiTokenFormat(secret)) {
    throw new AppError("UNAUTHENTICATED", "This is an organisation's API token: it opens only /api/v1/orgs/…. Send a practice API token ('sovra_pr_…', made by a partner in the practice's settings).");
  }
  if (!secret || !isPracticeApiTokenFormat(secret)) throw new AppError("UNAUTHENTICATED", "Send a practice API token as 'Authorization: Bearer sovra_pr_…'.");
  const check = await checkPracticeApiToken(secret);
  if (!check.ok) throw new AppError("UNAUTHENTICATED", refusal(check));
  const { token } = check;
  // A token only ever opens its own practice; any other looks like one that does not exist.
  if (token.practice.slug !== practiceSlug) throw notFoundError("Practice");
  await recordPracticeApiTokenUse(token);
  // It reads with its creator's practice role now; every practice operation of the API only reads.
  return { practiceId: token.practice.id, practiceSlug: token.practice.slug, practiceName: token.practice.name, userId: token.createdById, role: token.creatorRole };
}

async function contextFromSession(practiceSlug: string): Promise<PracticeContext> {
  if (!(await getCurrentUser())) throw new AppError("UNAUTHENTICATED", "Sign in, or send a practice API token as 'Authorization: Bearer sovra_pr_…'.");
  const ctx = await resolvePracticeContext(practiceSlug);
  if (!ctx) throw notFoundError("Practice");
  return ctx;
}

/**
 * Who is calling, in which practice, with which practice role (decision 043): from a practice API
 * token if the request has an Authorization header (never falling back to the cookie then), else
 * from the session of a member of the practice. Bad, revoked or expired tokens, an organisation's
 * token, or a token whose creator left: UNAUTHENTICATED (401); a practice the caller is not in:
 * NOT_FOUND (404); a practice role without the permission: FORBIDDEN (403).
 */
export async function resolvePracticeApiContext(request: Request, practiceSlug: string, permission: PracticePermission): Promise<PracticeContext> {
  const header = request.headers.get("authorization");
  const ctx = header !== null ? await contextFromToken(header, practiceSlug) : await contextFromSession(practiceSlug);
  assertPracticeCan(ctx, permission);
  return ctx;
}
