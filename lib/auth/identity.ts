import "server-only";
import { db } from "@/lib/db";

/** The signed-in user, re-read from the database (a deleted account is signed out). */
export interface CurrentUser {
  id: string;
  email: string;
  name: string;
}

/** An organisation the signed-in user reaches, as the shell's organisation switcher lists it. */
export interface MyOrganisation {
  id: string;
  slug: string;
  name: string;
  role: string;
  /** The practice through which the user reaches it; null for their own membership. */
  via: string | null;
  /** That practice's id; null for their own membership. */
  viaPracticeId: string | null;
}

/** A practice (consultancy) the signed-in user belongs to. */
export interface MyPractice {
  id: string;
  slug: string;
  name: string;
  role: string;
}

export interface Identity {
  user: CurrentUser;
  organisations: MyOrganisation[];
  practices: MyPractice[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type IdentityRow = { kind: "member" | "client" | "practice" | null; id: string; email: string; name: string; targetId: string | null; slug: string | null; targetName: string | null; role: string | null; via: string | null; viaId: string | null };

/**
 * The signed-in user, the organisations they reach and the practices they belong to, in one
 * query (lib/auth/context.ts reads it once per request for the session check, the organisation
 * context and the switcher). Re-read from the database on every request, so a deleted account, a
 * changed role or an ended engagement takes effect at once.
 *
 * An organisation is reached by membership or through a practice's engagement that is not
 * archived (decision 037). A membership wins over any engagement; between engagements, the
 * oldest wins (roles are never compared by "weight": that would fail open for a new role).
 */
export async function identityOf(id: string): Promise<Identity | null> {
  if (!UUID.test(id)) return null;
  const rows = await db().$queryRaw<IdentityRow[]>`
    SELECT 'member' AS kind, u.id, u.email, u.name, o.id AS "targetId", o.slug, o.name AS "targetName", m.role::text AS role, NULL AS via, NULL::uuid AS "viaId", m."createdAt" AS since
    FROM "User" u
    LEFT JOIN "Membership" m ON m."userId" = u.id
    LEFT JOIN "Organisation" o ON o.id = m."organisationId"
    WHERE u.id = ${id}::uuid
    UNION ALL
    SELECT 'client', u.id, u.email, u.name, o.id, o.slug, o.name, pc.role::text, p.name, p.id, pc."createdAt"
    FROM "PracticeMember" pm
    JOIN "User" u ON u.id = pm."userId"
    JOIN "Practice" p ON p.id = pm."practiceId"
    JOIN "PracticeClient" pc ON pc."practiceId" = pm."practiceId" AND pc."archivedAt" IS NULL
    JOIN "Organisation" o ON o.id = pc."organisationId"
    WHERE pm."userId" = ${id}::uuid
    UNION ALL
    SELECT 'practice', u.id, u.email, u.name, p.id, p.slug, p.name, pm.role::text, NULL, NULL, pm."createdAt"
    FROM "PracticeMember" pm
    JOIN "User" u ON u.id = pm."userId"
    JOIN "Practice" p ON p.id = pm."practiceId"
    WHERE pm."userId" = ${id}::uuid
    ORDER BY since, "targetId"`;
  const first = rows[0];
  if (!first) return null;
  const organisations = new Map<string, MyOrganisation>();
  const practices: MyPractice[] = [];
  // Memberships first, then engagements (oldest first, the query's order): the first one found wins.
  for (const kind of ["member", "client", "practice"] as const) {
    for (const r of rows) {
      if (r.kind !== kind || !r.targetId || !r.slug || !r.targetName || !r.role) continue;
      if (kind === "practice") practices.push({ id: r.targetId, slug: r.slug, name: r.targetName, role: r.role });
      else if (!organisations.has(r.targetId)) organisations.set(r.targetId, { id: r.targetId, slug: r.slug, name: r.targetName, role: r.role, via: r.via, viaPracticeId: r.viaId });
    }
  }
  const byName = (a: { name: string; id: string }, b: { name: string; id: string }) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id);
  return { user: { id: first.id, email: first.email, name: first.name }, organisations: [...organisations.values()].sort(byName), practices: practices.sort(byName) };
}
