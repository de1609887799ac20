import "server-only";
import { cache } from "react";
import { notFound, redirect } from "next/navigation";
import { auth } from "@/lib/auth/auth";
import { identityOf, type CurrentUser, type Identity, type MyOrganisation, type MyPractice } from "@/lib/auth/identity";
import { AppError } from "@/lib/errors";
import { can, isRole, type Permission } from "@/lib/auth/permissions";
import { assertCan, type OrgContext } from "@/lib/auth/org-context";
import { assertPracticeCan, type PracticeContext } from "@/lib/auth/practice-context";
import { canInPractice, isPracticeRole, type PracticePermission } from "@/lib/auth/practice-permissions";

export type { OrgContext };

export type { CurrentUser, MyOrganisation, MyPractice };

const loadIdentity = cache(async (): Promise<Identity | null> => {
  const session = await auth();
  const id = session?.user?.id;
  return id ? identityOf(id) : null;
});

export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => (await loadIdentity())?.user ?? null);

/** The organisations the signed-in user reaches, by name (empty when signed out). */
export const getMyOrganisations = cache(async (): Promise<MyOrganisation[]> => (await loadIdentity())?.organisations ?? []);

/** The practices the signed-in user belongs to, by name (empty when signed out). */
export const getMyPractices = cache(async (): Promise<MyPractice[]> => (await loadIdentity())?.practices ?? []);

/** Resolves the caller's membership of the organisation `slug`, from the session only. */
export const resolveOrgContext = cache(async (slug: string): Promise<OrgContext | null> => {
  const identity = await loadIdentity();
  if (!identity) return null;
  const membership = identity.organisations.find((o) => o.slug === slug);
  // Fail closed on a role this code does not know.
  if (!membership || !isRole(membership.role)) return null;
  return {
    organisationId: membership.id,
    organisationSlug: membership.slug,
    organisationName: membership.name,
    userId: identity.user.id,
    role: membership.role,
    via: membership.via,
    viaPracticeId: membership.viaPracticeId,
  };
});

/** Resolves the caller's membership of the practice `slug`, from the session only. */
export const resolvePracticeContext = cache(async (slug: string): Promise<PracticeContext | null> => {
  const identity = await loadIdentity();
  const practice = identity?.practices.find((p) => p.slug === slug);
  if (!identity || !practice || !isPracticeRole(practice.role)) return null;
  return { practiceId: practice.id, practiceSlug: practice.slug, practiceName: practice.name, userId: identity.user.id, role: practice.role };
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

/** A page inside /practices/[practice]: signed in and a member of the practice, else sign-in or 404. */
export async function requirePracticePage(slug: string, permission: PracticePermission = "practice:read"): Promise<PracticeContext> {
  await requireUserPage();
  const ctx = await resolvePracticeContext(slug);
  if (!ctx) notFound();
  if (!canInPractice(ctx.role, permission)) redirect(`/practices/${ctx.practiceSlug}?forbidden=1`);
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

export async function requirePractice(slug: string, permission: PracticePermission): Promise<PracticeContext> {
  await requireUser();
  const ctx = await resolvePracticeContext(slug);
  if (!ctx) throw new AppError("NOT_FOUND", "Practice not found");
  assertPracticeCan(ctx, permission);
  return ctx;
}
