import { z } from "zod";
import { ROLES, type Role } from "@/lib/auth/permissions";

// Group-to-role mapping (decision 049): an identity provider's groups (names, or ids as Entra ID
// sends them) each give a role; a person in several mapped groups gets the highest. Applied at
// every sign-in and on every SCIM change, so removing someone from a group demotes them.

export const groupRoleSchema = z.object({
  group: z.string().trim().min(1, "Name the group").max(256),
  role: z.enum(ROLES),
});
export const groupRolesSchema = z.array(groupRoleSchema).max(100, "At most 100 group mappings");
export type GroupRole = z.infer<typeof groupRoleSchema>;

/** Highest first: the order in which a mapping wins. */
const RANK: Record<Role, number> = { owner: 4, editor: 3, analyst: 2, viewer: 1 };

/** Reads the stored mapping; a malformed one maps nothing (fail closed). */
export function parseGroupRoles(value: unknown): GroupRole[] {
  const parsed = groupRolesSchema.safeParse(value);
  return parsed.success ? parsed.data : [];
}

/**
 * The role a person's groups give: the highest mapped one, else the default role (null: refused).
 * Groups compare exactly, but for surrounding spaces and a leading "/" (Keycloak sends group paths).
 * @example roleForGroups(["/sovra-editors", "staff"], [{ group: "sovra-editors", role: "editor" }], "viewer") // "editor"
 * @example roleForGroups(["staff"], [{ group: "sovra-editors", role: "editor" }], null) // null
 */
export function roleForGroups(groups: readonly string[], mapping: readonly GroupRole[], defaultRole: Role | null): Role | null {
  const normalise = (g: string) => g.trim().replace(/^\/+/, "");
  const mine = new Set(groups.map(normalise));
  let best: Role | null = null;
  for (const { group, role } of mapping) {
    if (mine.has(normalise(group)) && (best === null || RANK[role] > RANK[best])) best = role;
  }
  return best ?? defaultRole;
}

/**
 * The groups in a claim or attribute value: an array of strings, one string, or a comma-separated
 * string (some IdPs flatten multi-valued attributes). Anything else is no group.
 * @example groupsFromClaim(["a", "b"]) // ["a", "b"]
 * @example groupsFromClaim("a, b") // ["a", "b"]
 */
export function groupsFromClaim(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === "string" && v.trim() !== "").map((v) => v.trim());
  if (typeof value === "string") return value.split(",").map((v) => v.trim()).filter(Boolean);
  return [];
}
