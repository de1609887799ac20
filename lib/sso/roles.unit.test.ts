import { describe, expect, it } from "vitest";
import { groupRolesSchema, groupsFromClaim, parseGroupRoles, roleForGroups, type GroupRole } from "./roles";

const MAPPING: GroupRole[] = [
  { group: "sovra-viewers", role: "viewer" },
  { group: "sovra-risk", role: "analyst" },
  { group: "sovra-editors", role: "editor" },
  { group: "sovra-owners", role: "owner" },
];

describe("roleForGroups", () => {
  it.each([
    [["sovra-risk"], "analyst"],
    [["sovra-viewers", "sovra-editors", "sovra-risk"], "editor"],
    [["sovra-owners", "sovra-viewers"], "owner"],
    [["staff", "sovra-viewers"], "viewer"],
  ] as const)("gives the highest mapped role: %j → %s", (groups, role) => {
    expect(roleForGroups(groups, MAPPING, null)).toBe(role);
  });

  it("falls back to the default role, or null (refused) without one", () => {
    expect(roleForGroups(["staff"], MAPPING, "viewer")).toBe("viewer");
    expect(roleForGroups([], MAPPING, null)).toBeNull();
    expect(roleForGroups(["staff"], [], null)).toBeNull();
  });

  it("prefers a mapped role to the default, even a lower one", () => {
    expect(roleForGroups(["sovra-viewers"], MAPPING, "editor")).toBe("viewer");
  });

  it("ignores surrounding spaces and Keycloak's leading slashes, on both sides", () => {
    expect(roleForGroups(["/sovra-editors"], MAPPING, null)).toBe("editor");
    expect(roleForGroups(["  sovra-risk "], [{ group: "/sovra-risk", role: "analyst" }], null)).toBe("analyst");
  });

  it("compares group names exactly otherwise: case and near-misses do not count", () => {
    expect(roleForGroups(["SOVRA-OWNERS", "sovra-owner", "sovra-owners-x"], MAPPING, null)).toBeNull();
  });

  it("matches Entra ID's group object ids like any other name", () => {
    const id = "5f1c3e2a-9b7d-4c1e-8f00-123456789abc";
    expect(roleForGroups([id], [{ group: id, role: "editor" }], null)).toBe("editor");
  });
});

describe("groupsFromClaim", () => {
  it.each([
    [["a", "b"], ["a", "b"]],
    [[" a ", "", 7, null, "b"], ["a", "b"]],
    ["a, b ,c", ["a", "b", "c"]],
    ["solo", ["solo"]],
    ["", []],
    [undefined, []],
    [null, []],
    [42, []],
    [{ groups: ["a"] }, []],
  ])("reads %j as %j", (value, groups) => {
    expect(groupsFromClaim(value)).toEqual(groups);
  });
});

describe("the stored mapping", () => {
  it("reads a valid mapping as it is", () => {
    expect(parseGroupRoles(MAPPING)).toEqual(MAPPING);
  });

  it("maps nothing when the stored value is malformed (fails closed)", () => {
    expect(parseGroupRoles([{ group: "a", role: "admin" }])).toEqual([]);
    expect(parseGroupRoles("a=owner")).toEqual([]);
    expect(parseGroupRoles(null)).toEqual([]);
  });

  it("refuses an empty group name, and more than 100 mappings", () => {
    expect(groupRolesSchema.safeParse([{ group: "  ", role: "viewer" }]).success).toBe(false);
    expect(groupRolesSchema.safeParse(Array.from({ length: 101 }, (_, i) => ({ group: `g${i}`, role: "viewer" }))).success).toBe(false);
    expect(groupRolesSchema.parse([{ group: " g ", role: "viewer" }])).toEqual([{ group: "g", role: "viewer" }]);
  });
});
