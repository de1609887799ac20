import "server-only";
import { identityOf } from "@/lib/auth/identity";
import { env } from "@/lib/env";
import { isRole } from "@/lib/auth/permissions";
import type { OrgContext } from "@/lib/auth/org-context";
import { verifyPrintToken, verifyRegistrationPackToken, type Paper } from "@/lib/reports/print-token";

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
  const ctx = await reachNow(payload.userId, payload.organisationId);
  if (!ctx) return null;
  return { ctx, assessmentId: payload.assessmentId, paper: payload.paper, workshopId: payload.workshopId ?? null };
}

/** The user's context in the organisation as it is now, or null when they no longer reach it. */
async function reachNow(userId: string, organisationId: string): Promise<OrgContext | null> {
  const reached = (await identityOf(userId))?.organisations.find((o) => o.id === organisationId);
  if (!reached || !isRole(reached.role)) return null;
  return {
    organisationId: reached.id,
    organisationSlug: reached.slug,
    organisationName: reached.name,
    userId,
    role: reached.role,
    via: reached.via,
    viaPracticeId: reached.viaPracticeId,
  };
}

/**
 * The EU AI Act registration pack's print route (decision 046): the context its token stands
 * for, re-checked now like `printContext`, with the AI system of a one-form pack; null for a bad
 * token (a board report's token included).
 */
export async function registrationPackPrintContext(token: string): Promise<{ ctx: OrgContext; paper: Paper; aiSystemId: string | undefined } | null> {
  const secret = env().AUTH_SECRET;
  if (!secret) return null;
  const payload = verifyRegistrationPackToken(token, secret);
  if (!payload) return null;
  const ctx = await reachNow(payload.userId, payload.organisationId);
  return ctx ? { ctx, paper: payload.paper, aiSystemId: payload.aiSystemId } : null;
}
