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

/** A membership of the signed-in user, as the shell's organisation switcher lists it. */
export interface MyOrganisation {
  id: string;
  slug: string;
  name: string;
  role: string;
}

/**
 * The signed-in user and their memberships, in one query per request (React `cache`): the
 * session check, the organisation context and the switcher all read it. Re-read from the
 * database on every request, so a deleted account or a changed role takes effect at once.
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const loadIdentity = cache(async (): Promise<{ user: CurrentUser; organisations: MyOrganisation[] } | null> => {
  const session = await auth();
  const id = session?.user?.id;
  if (!id || !UUID.test(id)) return null;
  // One statement (Prisma would load the memberships and their organisations in two more).
  const rows = await db().$queryRaw<{ id: string; email: string; name: string; orgId: string | null; slug: string | null; orgName: string | null; role: string | null }[]>`
    SELECT u.id, u.email, u.name, o.id AS "orgId", o.slug, o.name AS "orgName", m.role::text AS role
    FROM "User" u
    LEFT JOIN "Membership" m ON m."userId" = u.id
    LEFT JOIN "Organisation" o ON o.id = m."organisationId"
    WHERE u.id = ${id}::uuid
    ORDER BY o.name, o.id`;
  const first = rows[0];
  if (!first) return null;
  const organisations = rows.flatMap((r) => (r.orgId && r.slug && r.orgName && r.role ? [{ id: r.orgId, slug: r.slug, name: r.orgName, role: r.role }] : []));
  return { user: { id: first.id, email: first.email, name: first.name }, organisations };
});

export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => (await loadIdentity())?.user ?? null);

/** The signed-in user's organisations by name (empty when signed out). */
export const getMyOrganisations = cache(async (): Promise<MyOrganisation[]> => (await loadIdentity())?.organisations ?? []);

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
