import "server-only";
import { identityOf } from "@/lib/auth/identity";
import { env } from "@/lib/env";
import { isRole } from "@/lib/auth/permissions";
import type { OrgContext } from "@/lib/auth/org-context";
import { verifyPrintToken, type Paper } from "@/lib/reports/print-token";

/**
 * The organisation context a print token stands for: the requesting user's reach as it is NOW
 * (a member removed, or a practice whose engagement ended, since the job started gets nothing),
 * or null for a bad token.
 */
export async function printContext(token: string): Promise<{ ctx: OrgContext; assessmentId: string; paper: Paper; workshopId: string | null } | null> {
  const secret = env().AUTH_SECRET;
  if (!secret) return null;
  const payload = verifyPrintToken(token, secret);
  if (!payload) return null;
  const reached = (await identityOf(payload.userId))?.organisations.find((o) => o.id === payload.organisationId);
  if (!reached || !isRole(reached.role)) return null;
  return {
    ctx: {
      organisationId: reached.id,
      organisationSlug: reached.slug,
      organisationName: reached.name,
      userId: payload.userId,
      role: reached.role,
      via: reached.via,
      viaPracticeId: reached.viaPracticeId,
    },
    assessmentId: payload.assessmentId,
    paper: payload.paper,
    workshopId: payload.workshopId ?? null,
  };
}
