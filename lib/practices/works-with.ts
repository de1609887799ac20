import type { Prisma } from "@/lib/generated/prisma/client";

/**
 * A practice working with the organisation now: a `where` on Practice for an engagement that is
 * not archived (decision 037). An ended engagement is deleted, so it never matches.
 */
export function worksWith(organisationId: string) {
  return { clients: { some: { organisationId, archivedAt: null } } } satisfies Prisma.PracticeWhereInput;
}
