import "server-only";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { isRole } from "@/lib/auth/permissions";
import type { OrgContext } from "@/lib/auth/org-context";
import { verifyPrintToken, type Paper } from "@/lib/reports/print-token";

/**
 * The organisation context a print token stands for: the requesting user's membership as it is
 * NOW (a member removed since the job started gets nothing), or null for a bad token.
 */
export async function printContext(token: string): Promise<{ ctx: OrgContext; assessmentId: string; paper: Paper } | null> {
  const secret = env().AUTH_SECRET;
  if (!secret) return null;
  const payload = verifyPrintToken(token, secret);
  if (!payload) return null;
  const membership = await db().membership.findFirst({
    where: { organisationId: payload.organisationId, userId: payload.userId },
    select: { role: true, organisation: { select: { id: true, slug: true, name: true } } },
  });
  if (!membership || !isRole(membership.role)) return null;
  return {
    ctx: {
      organisationId: membership.organisation.id,
      organisationSlug: membership.organisation.slug,
      organisationName: membership.organisation.name,
      userId: payload.userId,
      role: membership.role,
    },
    assessmentId: payload.assessmentId,
    paper: payload.paper,
  };
}
