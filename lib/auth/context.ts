import "server-only";
import { cache } from "react";
import { notFound, redirect } from "next/navigation";
import { auth } from "@/lib/auth/auth";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { can, isRole, type Permission } from "@/lib/auth/permissions";
import { assertCan, type OrgContext } from "@/lib/auth/org-context";

export type { OrgContext };

/** The signed-in user, re-read from the database (a deleted account is signed out). */
export interface CurrentUser {
  id: string;
  email: string;
  name: string;
}

export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  const session = await auth();
  const id = session?.user?.id;
  if (!id) return null;
  return db().user.findUnique({ where: { id }, select: { id: true, email: true, name: true } });
});

/** Resolves the caller's membership of the organisation `slug`, from the session only. */
export const resolveOrgContext = cache(async (slug: string): Promise<OrgContext | null> => {
  const user = await getCurrentUser();
  if (!user) return null;
  const membership = await db().membership.findFirst({
    where: { userId: user.id, organisation: { slug } },
    select: { role: true, organisation: { select: { id: true, slug: true, name: true } } },
  });
  // Fail closed on a role this code does not know.
  if (!membership || !isRole(membership.role)) return null;
  return {
    organisationId: membership.organisation.id,
    organisationSlug: membership.organisation.slug,
    organisationName: membership.organisation.name,
    userId: user.id,
    role: membership.role,
  };
});

// ---- for pages: redirect or 404 -------------------------------------------------------------

export async function requireUserPage(): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) redirect("/sign-in");
  return user;
}

/** A page inside /[org]: signed in and a member, else sign-in or 404 (never "forbidden": it would confirm the organisation exists). */
export async function requireOrgPage(slug: string, permission: Permission = "organisation:read"): Promise<OrgContext> {
  await requireUserPage();
  const ctx = await resolveOrgContext(slug);
  if (!ctx) notFound();
  if (!can(ctx.role, permission)) redirect(`/${ctx.organisationSlug}/forbidden?need=${encodeURIComponent(permission)}`);
  return ctx;
}

// ---- for actions and route handlers: throw AppError ----------------------------------------

export async function requireUser(): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) throw new AppError("UNAUTHENTICATED", "Your session has ended. Sign in again.");
  return user;
}

export async function requireOrg(slug: string, permission: Permission): Promise<OrgContext> {
  await requireUser();
  const ctx = await resolveOrgContext(slug);
  if (!ctx) throw new AppError("NOT_FOUND", "Organisation not found");
  assertCan(ctx, permission);
  return ctx;
}
