import type { Permission, Role } from "@/lib/auth/permissions";

// Who may do what, written out BY HAND for the tests: the per-role expectations of
// lib/roles.int.test.ts and lib/mutations-guard.int.test.ts come from this table, never from
// PERMISSIONS (lib/auth/permissions.ts), so a wrong change there (say, giving the viewer
// `inventory:write`) makes those tests fail instead of changing what they expect. A deliberate
// change of who may do what updates both tables: a test checks that they are equal.
//
// Sources: README and ROLE_DESCRIPTIONS (owner everything, including members, roles and API
// tokens; editor fills in and maintains the inventory; analyst is the risk officer who reads
// everything, runs scenarios, freezes assessments, exports reports and manages remediation;
// viewer reads), decisions 019 (assessments: owners and analysts), 022 (policy events: owners and
// analysts, like scenarios), 024/025 (reports and exports: owners and analysts) and 029 (audit log:
// owners and analysts; every member lists and revokes the API tokens they created), 038 (workshops:
// owners and editors, who fill in the inventory the workshop captures), 039 (questionnaires: owners and
// editors, who review the answers into the inventory).
export const ROLE_MATRIX: Record<Permission, Record<Role, boolean>> = {
  "organisation:read": { owner: true, editor: true, analyst: true, viewer: true },
  "organisation:update": { owner: true, editor: false, analyst: false, viewer: false },
  "members:read": { owner: true, editor: true, analyst: true, viewer: true },
  "members:manage": { owner: true, editor: false, analyst: false, viewer: false },
  "inventory:read": { owner: true, editor: true, analyst: true, viewer: true },
  "inventory:write": { owner: true, editor: true, analyst: false, viewer: false },
  "scores:read": { owner: true, editor: true, analyst: true, viewer: true },
  "scenarios:run": { owner: true, editor: false, analyst: true, viewer: false },
  "reports:export": { owner: true, editor: false, analyst: true, viewer: false },
  "remediation:manage": { owner: true, editor: false, analyst: true, viewer: false },
  "audit:read": { owner: true, editor: false, analyst: true, viewer: false },
  "api_tokens:manage": { owner: true, editor: false, analyst: false, viewer: false },
  "sso:manage": { owner: true, editor: false, analyst: false, viewer: false },
  "api_tokens:own": { owner: true, editor: true, analyst: true, viewer: true },
  "assessments:write": { owner: true, editor: false, analyst: true, viewer: false },
  "policy_events:manage": { owner: true, editor: false, analyst: true, viewer: false },
  "workshops:run": { owner: true, editor: true, analyst: false, viewer: false },
  "questionnaires:manage": { owner: true, editor: true, analyst: false, viewer: false },
};

/** The four roles, listed by hand (not ROLES) so that the tests cover exactly these. */
export const MATRIX_ROLES = ["owner", "editor", "analyst", "viewer"] as const satisfies readonly Role[];

/** Whether the hand-written matrix lets `role` use `permission`. */
export function mayUse(role: Role, permission: Permission): boolean {
  return ROLE_MATRIX[permission][role];
}

/** The matrix in PERMISSIONS' shape (permission -> roles that hold it), to compare the two. */
export function matrixAsPermissions(): Record<string, Role[]> {
  return Object.fromEntries(Object.entries(ROLE_MATRIX).map(([permission, roles]) => [permission, MATRIX_ROLES.filter((r) => roles[r])]));
}
