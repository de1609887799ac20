import { can, PERMISSIONS, ROLES, isRole, type Permission, type Role } from "@/lib/auth/permissions";

// A token acts with the lesser of its own role and its creator's role now (docs/decisions/029).
// "Lesser" is the intersection of the two roles' permissions, not a rank: editor and analyst
// each hold something the other does not, so any fixed order would let one of them gain a
// permission through a token (an analyst's token whose creator became an editor would write the
// inventory). The answer must be a role, because every data function checks `ctx.role`.

const ALL_PERMISSIONS = Object.keys(PERMISSIONS) as Permission[];

function permissionsOf(role: Role): Set<Permission> {
  return new Set(ALL_PERMISSIONS.filter((p) => can(role, p)));
}

/**
 * The role an API token acts with: the role whose permissions are exactly those both roles
 * hold. Where no role matches exactly (not the case with today's four roles), the role with the
 * most permissions that all lie inside both, so the result never holds a permission either role
 * lacks. Null when either role is unknown or no role fits: the token is then refused.
 *
 * @example effectiveTokenRole("owner", "editor") // "editor"
 * @example effectiveTokenRole("analyst", "editor") // "viewer" (what both may do: read)
 * @example effectiveTokenRole("editor", "superuser") // null
 */
export function effectiveTokenRole(tokenRole: unknown, creatorRole: unknown): Role | null {
  if (!isRole(tokenRole) || !isRole(creatorRole)) return null;
  const both = ALL_PERMISSIONS.filter((p) => can(tokenRole, p) && can(creatorRole, p));
  const inside = ROLES.filter((r) => [...permissionsOf(r)].every((p) => both.includes(p)));
  const exact = inside.find((r) => permissionsOf(r).size === both.length);
  if (exact) return exact;
  let best: Role | null = null;
  for (const r of inside) if (best === null || permissionsOf(r).size > permissionsOf(best).size) best = r;
  return best;
}
