import { etagOf } from "@/lib/scim/http";

// Sovra's rows as SCIM resources (RFC 7643 §4). ids are the ScimUser and ScimGroup ids.

export const USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User";
export const GROUP_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Group";
export const LIST_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
export const PATCH_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

export interface ScimUserRow {
  id: string;
  userName: string;
  externalId: string | null;
  displayName: string | null;
  givenName: string | null;
  familyName: string | null;
  active: boolean;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

export const scimUserSelect = {
  id: true,
  userName: true,
  externalId: true,
  displayName: true,
  givenName: true,
  familyName: true,
  active: true,
  createdAt: true,
  updatedAt: true,
  version: true,
} as const;

export interface ScimGroupRow {
  id: string;
  displayName: string;
  externalId: string | null;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

export const scimGroupSelect = { id: true, displayName: true, externalId: true, createdAt: true, updatedAt: true, version: true } as const;

const meta = (resourceType: "User" | "Group", row: { id: string; createdAt: Date; updatedAt: Date; version: number }, base: string) => ({
  resourceType,
  created: row.createdAt.toISOString(),
  lastModified: row.updatedAt.toISOString(),
  location: `${base}/${resourceType}s/${row.id}`,
  version: etagOf(row.version),
});

/** A User resource; `base` is the organisation's SCIM base URL. The userName is the email Sovra knows the person by. */
export function presentUser(row: ScimUserRow, base: string) {
  const formatted = [row.givenName, row.familyName].filter(Boolean).join(" ");
  return {
    schemas: [USER_SCHEMA],
    id: row.id,
    ...(row.externalId !== null && { externalId: row.externalId }),
    userName: row.userName,
    ...((row.givenName !== null || row.familyName !== null) && {
      name: { ...(formatted && { formatted }), ...(row.givenName !== null && { givenName: row.givenName }), ...(row.familyName !== null && { familyName: row.familyName }) },
    }),
    ...(row.displayName !== null && { displayName: row.displayName }),
    emails: [{ value: row.userName, type: "work", primary: true }],
    active: row.active,
    meta: meta("User", row, base),
  };
}

/** A Group resource; members are left out when the caller excluded them (Entra ID does, to save reading large groups). */
export function presentGroup(row: ScimGroupRow, base: string, members: { id: string; userName: string }[] | null) {
  return {
    schemas: [GROUP_SCHEMA],
    id: row.id,
    ...(row.externalId !== null && { externalId: row.externalId }),
    displayName: row.displayName,
    ...(members !== null && { members: members.map((m) => ({ value: m.id, display: m.userName, type: "User", $ref: `${base}/Users/${m.id}` })) }),
    meta: meta("Group", row, base),
  };
}

/** A ListResponse (RFC 7644 §3.4.2). */
export function listResponse(resources: unknown[], totalResults: number, startIndex: number) {
  return { schemas: [LIST_SCHEMA], totalResults, startIndex, itemsPerPage: resources.length, Resources: resources };
}

/**
 * Whether `members` is excluded from the answer: `excludedAttributes=members`, or `attributes`
 * naming others but not members. Other attributes are always returned (the RFC allows more).
 * @example membersExcluded(new URLSearchParams("excludedAttributes=members")) // true
 */
export function membersExcluded(search: URLSearchParams): boolean {
  const names = (key: string) => (search.get(key) ?? "").split(",").map((a) => a.trim().replace(/^urn:ietf:params:scim:schemas:core:2\.0:group:/i, "").toLowerCase()).filter(Boolean);
  if (names("excludedAttributes").includes("members")) return true;
  const wanted = names("attributes");
  return wanted.length > 0 && !wanted.includes("members");
}
