import { SamlStatusError } from "@node-saml/node-saml";
import { describe, expect, it } from "vitest";
import { ENTRA_GROUPS_CLAIM, identityFromSamlProfile, samlErrorCode } from "@/lib/sso/saml";

describe("identityFromSamlProfile", () => {
  it("takes the email from the NameID when it is one", () => {
    expect(identityFromSamlProfile({ nameID: "Ann@Example.com", attributes: { email: "other@example.com" } }, "groups").email).toBe("Ann@Example.com");
  });

  it("falls back to email attributes (Entra ID's claim name included) when the NameID is an opaque id", () => {
    const claim = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress";
    expect(identityFromSamlProfile({ nameID: "a1b2c3", attributes: { [claim]: "ann@example.com" } }, "groups").email).toBe("ann@example.com");
    expect(identityFromSamlProfile({ nameID: "a1b2c3", attributes: { mail: ["ann@example.com", "alias@example.com"] } }, "groups").email).toBe("ann@example.com");
    expect(identityFromSamlProfile({ nameID: "a1b2c3", attributes: {} }, "groups").email).toBeNull();
  });

  it("names the person by displayName, else given name and surname, never by an email-like name", () => {
    expect(identityFromSamlProfile({ nameID: "a@x.io", attributes: { displayName: "Ann Lee", givenName: "A" } }, "groups").name).toBe("Ann Lee");
    const claims = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/";
    expect(identityFromSamlProfile({ nameID: "a@x.io", attributes: { [`${claims}givenname`]: "Ann", [`${claims}surname`]: "Lee" } }, "groups").name).toBe("Ann Lee");
    expect(identityFromSamlProfile({ nameID: "a@x.io", attributes: { name: "a@x.io" } }, "groups").name).toBeNull();
  });

  it("reads groups from the configured attribute, and from Entra ID's groups claim when it is called groups", () => {
    expect(identityFromSamlProfile({ nameID: "a@x.io", attributes: { memberOf: ["risk", "board"] } }, "memberOf").groups).toEqual(["risk", "board"]);
    expect(identityFromSamlProfile({ nameID: "a@x.io", attributes: { [ENTRA_GROUPS_CLAIM]: ["8c1f…-id"] } }, "groups").groups).toEqual(["8c1f…-id"]);
    expect(identityFromSamlProfile({ nameID: "a@x.io", attributes: { [ENTRA_GROUPS_CLAIM]: ["x"] } }, "roles").groups).toEqual([]);
    expect(identityFromSamlProfile({ nameID: "a@x.io", attributes: { groups: "a, b" } }, "groups").groups).toEqual(["a", "b"]);
  });
});

describe("samlErrorCode", () => {
  const shape = (assertionSigned: boolean | null) => ({ inResponseTo: null, assertionSigned, encrypted: false });
  it.each([
    [new Error("Invalid signature"), shape(false), "unsigned_assertion"],
    [new Error("Invalid signature"), shape(true), "bad_signature"],
    [new Error("Invalid signature: multiple assertions"), shape(true), "bad_signature"],
    [new Error("SAML assertion expired: clocks skewed too much"), shape(true), "clock_skew"],
    [new Error("SAML assertion not yet valid"), shape(true), "clock_skew"],
    [new Error("No valid subject confirmation found among those available in the SAML assertion"), shape(true), "clock_skew"],
    [new Error("SAML assertion audience mismatch. Expected: a Received: b"), shape(true), "wrong_audience"],
    [new Error("InResponseTo is not valid"), shape(true), "replayed"],
    [new Error("InResponseTo is missing from response"), shape(true), "unsolicited"],
    [new SamlStatusError("SAML provider returned Responder error: no", "<Status/>"), shape(null), "idp_error"],
    [new Error("Missing SAML assertion"), shape(null), "configuration"],
  ])("maps %s to a code a person can act on", (error, s, code) => {
    expect(samlErrorCode(error, s)).toBe(code);
  });
});
