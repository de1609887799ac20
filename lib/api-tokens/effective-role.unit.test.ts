import { describe, expect, it } from "vitest";
import { can, PERMISSIONS, ROLES, type Permission, type Role } from "@/lib/auth/permissions";
import { effectiveTokenRole } from "./effective-role";

const PERMISSION_NAMES = Object.keys(PERMISSIONS) as Permission[];

describe("effectiveTokenRole", () => {
  // Written out by hand: token role × creator's current role.
  it.each<[Role, Role, Role]>([
    ["owner", "owner", "owner"],
    ["owner", "editor", "editor"],
    ["owner", "analyst", "analyst"],
    ["owner", "viewer", "viewer"],
    ["editor", "owner", "editor"],
    ["analyst", "owner", "analyst"],
    ["viewer", "owner", "viewer"],
    ["editor", "editor", "editor"],
    ["analyst", "analyst", "analyst"],
    ["editor", "analyst", "viewer"],
    ["analyst", "editor", "viewer"],
    ["editor", "viewer", "viewer"],
    ["analyst", "viewer", "viewer"],
    ["viewer", "editor", "viewer"],
  ])("a %s token whose creator is now %s acts as %s", (token, creator, expected) => {
    expect(effectiveTokenRole(token, creator)).toBe(expected);
  });

  it("never holds a permission that the token's role or the creator's role lacks", () => {
    for (const token of ROLES) {
      for (const creator of ROLES) {
        const role = effectiveTokenRole(token, creator)!;
        for (const p of PERMISSION_NAMES) if (can(role, p)) expect([p, can(token, p) && can(creator, p)]).toEqual([p, true]);
      }
    }
  });

  it("holds everything both roles hold (nothing is lost with today's roles)", () => {
    for (const token of ROLES) {
      for (const creator of ROLES) {
        const role = effectiveTokenRole(token, creator)!;
        for (const p of PERMISSION_NAMES) if (can(token, p) && can(creator, p)) expect([token, creator, p, can(role, p)]).toEqual([token, creator, p, true]);
      }
    }
  });

  it("is not a rank: an analyst's token of a creator who became an editor cannot write the inventory or run scenarios", () => {
    const role = effectiveTokenRole("analyst", "editor");
    expect(can(role, "inventory:write")).toBe(false);
    expect(can(role, "scenarios:run")).toBe(false);
    expect(can(role, "inventory:read")).toBe(true);
  });

  it.each([
    ["admin", "owner"],
    ["owner", "admin"],
    ["OWNER", "owner"],
    [null, "owner"],
    ["owner", undefined],
    [42, 42],
  ])("refuses the unknown role in (%j, %j)", (token, creator) => {
    expect(effectiveTokenRole(token, creator)).toBeNull();
  });
});
