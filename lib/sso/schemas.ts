import { z } from "zod";
import { ROLES, type Role } from "@/lib/auth/permissions";
import { groupRolesSchema, type GroupRole } from "@/lib/sso/roles";

// The single sign-on settings' inputs (decision 049): one schema per form, shared by the form's
// client-side check and its server action. Form values arrive as strings; repeated fields (the
// group mapping's rows) as arrays.

const version = z.coerce.number().int().positive();
/** "" (a first save) or the version the form was filled from. */
const optionalVersion = z.union([z.literal("").transform(() => null), version]);
const checkbox = z.union([z.literal("on"), z.literal("true"), z.literal("")]).optional().transform((v) => v === "on" || v === "true");
const text = (max: number) => z.string().trim().max(max, `At most ${max} characters`);
/** One value or several of a repeated field; missing: none. */
const repeated = z.union([z.string(), z.array(z.string())]).optional().transform((v) => (v === undefined ? [] : [v].flat()));

const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]"]);

/**
 * An identity provider's address: https, or http on this machine only (a test IdP); a plain-http
 * address elsewhere would let anyone on the way read or change what the IdP says.
 * @example isAcceptableIdpUrl("https://login.example.com/realms/x") // true
 * @example isAcceptableIdpUrl("http://127.0.0.1:8080") // true
 * @example isAcceptableIdpUrl("http://idp.example.com") // false
 */
export function isAcceptableIdpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === "https:" || (url.protocol === "http:" && LOOPBACK.has(url.hostname));
  } catch {
    return false;
  }
}

const idpUrl = (what: string) =>
  text(2000)
    .min(1, `Enter the ${what}`)
    .refine(isAcceptableIdpUrl, `The ${what} must be an https:// address (http:// only for 127.0.0.1 or localhost)`);

export interface SsoConnectionCommon {
  /** Null: no connection yet (a first save creates it). */
  version: number | null;
  name: string;
  enabled: boolean;
  groupsAttribute: string;
  groupRoles: GroupRole[];
  /** Null: people none of whose groups is mapped are refused. */
  defaultRole: Role | null;
}

export type SsoConnectionInput = SsoConnectionCommon &
  (
    | { protocol: "oidc"; oidcIssuer: string; oidcClientId: string; /** Null: keep the stored one. */ oidcClientSecret: string | null }
    | { protocol: "saml"; samlMetadataUrl: string | null; samlMetadataXml: string | null; samlAllowIdpInitiated: boolean }
  );

const commonFields = {
  version: optionalVersion,
  name: text(80).min(1, "Enter the button's label"),
  enabled: checkbox,
  groupsAttribute: text(300).min(1, "Enter the claim or attribute that lists the groups"),
  // The mapping table's rows: "group" and "groupRole", repeated; fully blank rows are dropped.
  group: repeated,
  groupRole: repeated,
  defaultRole: z.union([z.literal(""), z.literal("none"), z.enum(ROLES)], { message: "Choose a default role" }).transform((v) => (v === "" || v === "none" ? null : v)),
};

function groupRolesFrom(groups: string[], roles: string[], issues: z.core.$RefinementCtx) {
  const rows = groups.map((group, i) => ({ group: group.trim(), role: roles[i] ?? "" })).filter((r) => r.group !== "" || r.role !== "");
  const parsed = groupRolesSchema.safeParse(rows);
  if (!parsed.success) {
    const row = parsed.error.issues[0]?.path[0];
    const where = typeof row === "number" ? `Row ${row + 1}: ` : "";
    issues.addIssue({ code: "custom", path: ["groupRoles"], message: `${where}${parsed.error.issues[0]?.message ?? "Check the group mapping"}` });
    return [];
  }
  const seen = new Set<string>();
  for (const r of parsed.data) {
    if (seen.has(r.group)) issues.addIssue({ code: "custom", path: ["groupRoles"], message: `The group “${r.group}” is mapped twice: keep one row for it` });
    seen.add(r.group);
  }
  return parsed.data;
}

/** The connection form: OpenID Connect or SAML 2.0, and what both share. */
export const ssoConnectionSchema = z
  .discriminatedUnion("protocol", [
    z.object({
      ...commonFields,
      protocol: z.literal("oidc"),
      oidcIssuer: idpUrl("issuer URL"),
      oidcClientId: text(500).min(1, "Enter the client ID"),
      // Write-only: blank keeps the stored secret (the mutation refuses blank when there is none).
      oidcClientSecret: z.string().max(2000, "At most 2000 characters").optional().transform((v) => (v && v.trim() ? v.trim() : null)),
    }),
    z.object({
      ...commonFields,
      protocol: z.literal("saml"),
      samlMetadataUrl: z.union([z.literal(""), idpUrl("metadata URL")]).optional().transform((v) => v || null),
      samlMetadataXml: z.string().max(500_000, "The metadata is too long (at most 500,000 characters)").optional().transform((v) => (v && v.trim() ? v.trim() : null)),
      samlAllowIdpInitiated: checkbox,
    }),
  ], { error: () => "Choose OpenID Connect or SAML 2.0" })
  .transform((v, issues): SsoConnectionInput => {
    const { group, groupRole, ...rest } = v;
    return { ...rest, groupRoles: groupRolesFrom(group, groupRole, issues) };
  });

export const deleteSsoConnectionSchema = z.object({ version });
export const refreshSamlMetadataSchema = z.object({});

export const addSsoDomainSchema = z.object({ domain: text(253).min(1, "Enter a domain, such as example.com") });
export const ssoDomainIdSchema = z.object({ domainId: z.uuid() });

export const setSsoRequiredSchema = z.object({ required: checkbox, version });

export const createScimTokenSchema = z.object({ name: text(100).min(1, "Name the token, such as “Okta provisioning”") });
export const revokeScimTokenSchema = z.object({ tokenId: z.uuid() });
