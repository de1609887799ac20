import { db } from "@/lib/db";
import type { Role } from "@/lib/generated/prisma/client";
import type { OrgContext } from "@/lib/auth/org-context";
import { buildOrganisationWithMembers } from "@/prisma/factories";

export { db };

/** The context a data function receives for `user` acting in `organisation` as `role`. */
export function contextFor(organisation: { id: string; slug: string; name: string }, userId: string, role: Role): OrgContext {
  return { organisationId: organisation.id, organisationSlug: organisation.slug, organisationName: organisation.name, userId, role };
}

/** Two organisations with a member of each role; `ctx(org, role)` gives a caller's context. */
export async function twoOrganisations() {
  const a = await buildOrganisationWithMembers(db());
  const b = await buildOrganisationWithMembers(db());
  const ctx = (which: typeof a, role: Role) => contextFor(which.organisation, which.users[role].id, role);
  return { a, b, ctx };
}
