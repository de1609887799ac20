// The pure parts of the SCIM endpoint: filters, PATCH bodies as Entra ID and Okta send them,
// paging, If-Match. The database side is in scim.int.test.ts.
import { describe, expect, it } from "vitest";
import { ScimError } from "@/lib/scim/errors";
import { GROUP_FILTER_ATTRIBUTES, parseFilter, USER_FILTER_ATTRIBUTES } from "@/lib/scim/filter";
import { assertIfMatch, pageOf, scimBaseUrl } from "@/lib/scim/http";
import { applyMemberChanges, groupChangesFromPatch, userChangesFromPatch } from "@/lib/scim/patch";
import { membersExcluded, presentUser } from "@/lib/scim/present";
import { patchBodySchema } from "@/lib/scim/schemas";

const scimError = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    if (e instanceof ScimError) return { status: e.status, scimType: e.scimType, message: e.message };
    throw e;
  }
  throw new Error("expected a ScimError");
};

describe("parseFilter", () => {
  it.each([
    ['userName eq "ada@example.com"', [{ attribute: "userName", value: "ada@example.com" }]],
    ['USERNAME EQ "Ada@Example.com"', [{ attribute: "userName", value: "Ada@Example.com" }]],
    ['externalId eq "00ujl29u0le5T6Aj10h7"', [{ attribute: "externalId", value: "00ujl29u0le5T6Aj10h7" }]],
    ['emails[type eq "work"].value eq "ada@example.com"', [{ attribute: "emails", value: "ada@example.com" }]],
    ['urn:ietf:params:scim:schemas:core:2.0:User:userName eq "a@b.co"', [{ attribute: "userName", value: "a@b.co" }]],
    ['userName eq "say \\"and\\" here" and externalId eq "x"', [{ attribute: "userName", value: 'say "and" here' }, { attribute: "externalId", value: "x" }]],
  ])("reads %s", (filter, clauses) => {
    expect(parseFilter(filter, USER_FILTER_ATTRIBUTES)).toEqual(clauses);
  });

  it("reads Entra ID's group lookup by display name", () => {
    expect(parseFilter('displayName eq "Sovra Owners"', GROUP_FILTER_ATTRIBUTES)).toEqual([{ attribute: "displayName", value: "Sovra Owners" }]);
  });

  it.each(['userName co "ada"', "userName pr", 'title eq "CTO"', 'userName eq "a" or externalId eq "b"', 'userName eq ada', "", 'displayName eq "x"'])(
    "refuses %j with 400 invalidFilter",
    (filter) => {
      expect(scimError(() => parseFilter(filter, USER_FILTER_ATTRIBUTES))).toMatchObject({ status: 400, scimType: "invalidFilter" });
    },
  );
});

describe("userChangesFromPatch", () => {
  const ops = (body: unknown) => patchBodySchema.parse(body).Operations;

  it("reads Entra ID's deactivation, with the boolean as the string \"False\"", () => {
    const body = { schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], Operations: [{ op: "Replace", path: "active", value: "False" }] };
    expect(userChangesFromPatch(ops(body))).toEqual({ active: false });
  });

  it("reads Entra ID's multi-valued update (work email and family name) and single-valued ones", () => {
    const body = {
      schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
      Operations: [
        { op: "Replace", path: 'emails[type eq "work"].value', value: "updatedEmail@microsoft.com" },
        { op: "Replace", path: "name.familyName", value: "updatedFamilyName" },
        { op: "Add", path: "name.givenName", value: "Ada" },
        { op: "Replace", path: "displayName", value: "Ada Lovelace" },
        { op: "Replace", path: "externalId", value: "0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef" },
        { op: "Replace", path: "userName", value: "ada@contoso.com" },
        { op: "Replace", path: "title", value: "CTO" },
      ],
    };
    expect(userChangesFromPatch(ops(body))).toEqual({
      familyName: "updatedFamilyName",
      givenName: "Ada",
      displayName: "Ada Lovelace",
      externalId: "0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef",
      userName: "ada@contoso.com",
    });
  });

  it("reads Okta's pathless operations with an object of attributes", () => {
    expect(userChangesFromPatch(ops({ Operations: [{ op: "replace", value: { active: false } }] }))).toEqual({ active: false });
    expect(userChangesFromPatch(ops({ Operations: [{ op: "replace", value: { active: true, displayName: "Ada", name: { givenName: "Ada", familyName: "Lovelace" }, "name.familyName": "King" } }] }))).toEqual({
      active: true,
      displayName: "Ada",
      givenName: "Ada",
      familyName: "King",
    });
  });

  it("clears optional attributes on remove and lets a later operation win", () => {
    expect(userChangesFromPatch(ops({ Operations: [{ op: "Remove", path: "externalId" }, { op: "replace", path: "active", value: true }, { op: "replace", path: "active", value: "false" }] }))).toEqual({ externalId: null, active: false });
  });

  it.each([
    [{ op: "move", path: "active", value: true }, "invalidSyntax"],
    [{ op: "replace", path: "id", value: "x" }, "mutability"],
    [{ op: "remove", path: "userName" }, "mutability"],
    [{ op: "remove" }, "noTarget"],
    [{ op: "replace", path: "active", value: "maybe" }, "invalidValue"],
    [{ op: "replace", value: "not an object" }, "invalidValue"],
    [{ op: "replace", path: "userName", value: 42 }, "invalidValue"],
  ])("refuses %j with %s", (operation, scimType) => {
    expect(scimError(() => userChangesFromPatch(ops({ Operations: [operation] })))).toMatchObject({ status: 400, scimType });
  });
});

describe("groupChangesFromPatch", () => {
  const ops = (body: unknown) => patchBodySchema.parse(body).Operations;

  it("reads Entra ID's member add and remove and its rename", () => {
    const body = {
      schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
      Operations: [
        { op: "Add", path: "members", value: [{ $ref: null, value: "f648f8d5" }] },
        { op: "Remove", path: "members", value: [{ $ref: null, value: "a2c6333" }] },
        { op: "Replace", path: "displayName", value: "Sovra Owners" },
      ],
    };
    expect(groupChangesFromPatch(ops(body), "g1")).toEqual({
      displayName: "Sovra Owners",
      members: [
        { kind: "add", ids: ["f648f8d5"] },
        { kind: "remove", ids: ["a2c6333"] },
      ],
    });
  });

  it("reads Okta's filtered member removal, its member list replacement and its rename that repeats the group's id", () => {
    const body = {
      schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
      Operations: [
        { op: "remove", path: 'members[value eq "89bb1940-b905-4575-9e7f-6f887cfb368e"]' },
        { op: "add", path: "members", value: [{ value: "23a35c27-23d3-4c03-b4c5-6443c09e7173", display: "test.user@okta.local" }] },
        { op: "replace", path: "members", value: [{ value: "u9" }] },
        { op: "replace", value: { id: "g1", displayName: "Test SCIMv2" } },
      ],
    };
    expect(groupChangesFromPatch(ops(body), "g1")).toEqual({
      displayName: "Test SCIMv2",
      members: [
        { kind: "remove", ids: ["89bb1940-b905-4575-9e7f-6f887cfb368e"] },
        { kind: "add", ids: ["23a35c27-23d3-4c03-b4c5-6443c09e7173"] },
        { kind: "replace", ids: ["u9"] },
      ],
    });
  });

  it("removes every member on a members remove without a value", () => {
    expect(groupChangesFromPatch(ops({ Operations: [{ op: "remove", path: "members" }] }), "g1").members).toEqual([{ kind: "removeAll" }]);
  });

  it.each([
    [{ op: "replace", value: { id: "another", displayName: "x" } }, "mutability"],
    [{ op: "add", path: 'members[value eq "u1"]', value: [{ value: "u1" }] }, "invalidPath"],
    [{ op: "remove", path: 'members[display eq "u1"]' }, "invalidPath"],
    [{ op: "remove", path: "displayName" }, "invalidValue"],
    [{ op: "add", path: "members", value: ["u1"] }, "invalidValue"],
  ])("refuses %j with %s", (operation, scimType) => {
    expect(scimError(() => groupChangesFromPatch(ops({ Operations: [operation] }), "g1"))).toMatchObject({ status: 400, scimType });
  });

  it("applies member changes in order", () => {
    expect(applyMemberChanges(["a", "b"], [{ kind: "remove", ids: ["a"] }, { kind: "add", ids: ["c", "b"] }])).toEqual(["b", "c"]);
    expect(applyMemberChanges(["a", "b"], [{ kind: "replace", ids: ["d"] }, { kind: "add", ids: ["e"] }])).toEqual(["d", "e"]);
    expect(applyMemberChanges(["a"], [{ kind: "removeAll" }])).toEqual([]);
  });
});

describe("paging, addresses and ETags", () => {
  it("reads startIndex and count as the RFC asks: 1-based, out-of-range values clamped, count capped", () => {
    expect(pageOf(new URLSearchParams(""), 200)).toEqual({ startIndex: 1, count: 100 });
    expect(pageOf(new URLSearchParams("startIndex=0&count=-3"), 200)).toEqual({ startIndex: 1, count: 0 });
    expect(pageOf(new URLSearchParams("startIndex=7&count=5000"), 200)).toEqual({ startIndex: 7, count: 200 });
    expect(scimError(() => pageOf(new URLSearchParams("count=ten"), 200))).toMatchObject({ status: 400, scimType: "invalidValue" });
  });

  it("builds absolute locations from SOVRA_PUBLIC_URL when set, else from the Host the client sent (not the server's own view of its URL)", () => {
    const request = new Request("http://localhost:3000/api/scim/v2/o/Users", { headers: { host: "10.0.0.5:3000" } });
    expect(scimBaseUrl(request, "o", { SOVRA_PUBLIC_URL: "https://sovra.example.com/", SOVRA_TRUSTED_PROXIES: 0 })).toBe("https://sovra.example.com/api/scim/v2/o");
    expect(scimBaseUrl(request, "o", { SOVRA_PUBLIC_URL: undefined, SOVRA_TRUSTED_PROXIES: 0 })).toBe("http://10.0.0.5:3000/api/scim/v2/o");
  });

  it("honours If-Match with weak or strong spelling, lists and *, and refuses another version with 412", () => {
    const withIfMatch = (value: string) => new Request("http://x", { headers: { "if-match": value } });
    expect(() => assertIfMatch(new Request("http://x"), 3)).not.toThrow();
    expect(() => assertIfMatch(withIfMatch("*"), 3)).not.toThrow();
    expect(() => assertIfMatch(withIfMatch('W/"3"'), 3)).not.toThrow();
    expect(() => assertIfMatch(withIfMatch('"2", "3"'), 3)).not.toThrow();
    expect(scimError(() => assertIfMatch(withIfMatch('W/"2"'), 3))).toMatchObject({ status: 412 });
  });

  it("leaves members out when they are excluded or other attributes are asked for", () => {
    expect(membersExcluded(new URLSearchParams("excludedAttributes=members"))).toBe(true);
    expect(membersExcluded(new URLSearchParams("attributes=displayName"))).toBe(true);
    expect(membersExcluded(new URLSearchParams("attributes=displayName,members"))).toBe(false);
    expect(membersExcluded(new URLSearchParams(""))).toBe(false);
  });

  it("presents a user with its email as userName and work email, and its version as a weak ETag", () => {
    const now = new Date("2026-01-01T00:00:00Z");
    const user = presentUser({ id: "u1", userName: "ada@example.com", externalId: null, displayName: null, givenName: "Ada", familyName: null, active: true, createdAt: now, updatedAt: now, version: 4 }, "https://s/api/scim/v2/o");
    expect(user).toMatchObject({ userName: "ada@example.com", name: { givenName: "Ada", formatted: "Ada" }, emails: [{ value: "ada@example.com", type: "work", primary: true }], meta: { version: 'W/"4"', location: "https://s/api/scim/v2/o/Users/u1" } });
    expect(user).not.toHaveProperty("externalId");
  });
});
