import { describe, expect, it } from "vitest";
import { can, isRole, PERMISSIONS, ROLES, type Permission, type Role } from "./permissions";

// The expected matrix, written out independently of the table it checks.
const EXPECTED: Record<Permission, Role[]> = {
  "organisation:read": ["owner", "editor", "analyst", "viewer"],
  "organisation:update": ["owner"],
  "members:read": ["owner", "editor", "analyst", "viewer"],
  "members:manage": ["owner"],
  "inventory:read": ["owner", "editor", "analyst", "viewer"],
  "inventory:write": ["owner", "editor"],
  "scores:read": ["owner", "editor", "analyst", "viewer"],
  "scenarios:run": ["owner", "analyst"],
  "reports:export": ["owner", "analyst"],
  "remediation:manage": ["owner", "analyst"],
  "audit:read": ["owner", "analyst"],
  "api_tokens:manage": ["owner"],
  "sso:manage": ["owner"],
  "api_tokens:own": ["owner", "editor", "analyst", "viewer"],
  "assessments:write": ["owner", "analyst"],
  "policy_events:manage": ["owner", "analyst"],
  "workshops:run": ["owner", "editor"],
  "questionnaires:manage": ["owner", "editor"],
};

describe("can", () => {
  it("covers exactly the permissions of the expected matrix", () => {
    expect(Object.keys(PERMISSIONS).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  for (const [permission, allowed] of Object.entries(EXPECTED) as [Permission, Role[]][]) {
    for (const role of ROLES) {
      const expected = allowed.includes(role);
      it(`${expected ? "grants" : "refuses"} ${permission} to ${role}`, () => {
        expect(can(role, permission)).toBe(expected);
      });
    }
  }

  it.each([["admin"], ["OWNER"], [""], [null], [undefined], [42], [{ role: "owner" }]])("refuses everything to the unknown role %j", (role) => {
    for (const permission of Object.keys(PERMISSIONS) as Permission[]) expect(can(role, permission)).toBe(false);
  });

  it("refuses a permission that is not in the table", () => {
    expect(can("owner", "everything:do" as Permission)).toBe(false);
  });

  it("lets an analyst read the inventory but not write it", () => {
    expect(can("analyst", "inventory:read")).toBe(true);
    expect(can("analyst", "inventory:write")).toBe(false);
  });
});

describe("isRole", () => {
  it("accepts the four roles and nothing else", () => {
    expect(ROLES.every(isRole)).toBe(true);
    expect(isRole("superuser")).toBe(false);
    expect(isRole(undefined)).toBe(false);
  });
});
