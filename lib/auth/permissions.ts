// Who may do what: one typed table. A role that is not in ROLES is refused everything (fail
// closed); comparing role "weights" would fail open for a role added later (formbricks).

export const ROLES = ["owner", "editor", "analyst", "viewer"] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  owner: "Owner",
  editor: "Editor",
  analyst: "Analyst",
  viewer: "Viewer",
};

export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  owner: "Everything, including members, roles and API tokens",
  editor: "Fills in and maintains the inventory, and runs workshops",
  analyst: "Risk officer: reads everything, runs scenarios, freezes assessments, exports reports, manages remediation",
  viewer: "Reads scores and reports",
};

const ALL = ROLES;

export const PERMISSIONS = {
  "organisation:read": ALL,
  "organisation:update": ["owner"],
  "members:read": ALL,
  "members:manage": ["owner"],
  "inventory:read": ALL,
  "inventory:write": ["owner", "editor"],
  "scores:read": ALL,
  "scenarios:run": ["owner", "analyst"],
  "reports:export": ["owner", "analyst"],
  "remediation:manage": ["owner", "analyst"],
  "audit:read": ["owner", "analyst"],
  "api_tokens:manage": ["owner"],
  // Single sign-on, verified domains, require-SSO, break-glass owners and SCIM tokens (decision 049):
  // who can sign in at all, so the owners'.
  "sso:manage": ["owner"],
  // Every member sees and revokes the tokens they created (a demoted owner keeps that; decision 029).
  "api_tokens:own": ALL,
  // Freezing an assessment is the risk officer's act (a dated record for the board), not the
  // inventory editor's; assessments are never changed or deleted once frozen.
  "assessments:write": ["owner", "analyst"],
  // Adding, correcting or lifting a policy event re-scores the organisation: the risk officer's
  // judgement (decision 022), like running scenarios.
  "policy_events:manage": ["owner", "analyst"],
  // Facilitating a workshop (decision 038): starting it, moving through its agenda, flagging facts
  // to verify, recording the actions the room agrees, and ending it (which freezes an assessment
  // labelled with it). Owners and editors, who fill in the inventory it captures; not analysts too,
  // or editor and analyst would share a permission no role below them holds (decision 029).
  "workshops:run": ["owner", "editor"],
  // The pre-workshop questionnaire (decision 039): making and revoking its links, and reviewing
  // the answers into the inventory; the people who fill in the inventory.
  "questionnaires:manage": ["owner", "editor"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

/**
 * Whether a role holds a permission. Unknown roles and unknown permissions hold nothing.
 * @example can("editor", "inventory:write") // true
 * @example can("analyst", "inventory:write") // false
 */
export function can(role: unknown, permission: Permission): boolean {
  if (!isRole(role)) return false;
  const allowed: readonly Role[] | undefined = PERMISSIONS[permission];
  return allowed !== undefined && allowed.includes(role);
}
