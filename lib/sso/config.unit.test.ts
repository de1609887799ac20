import { describe, expect, it } from "vitest";
import { emailDomain, instanceSettings, keyOfProviderId, normaliseDomain, parseGroupRolesEnv, providerId } from "./config";
import { parseEnv } from "@/lib/env";

describe("normaliseDomain", () => {
  it.each([
    ["Example.COM", "example.com"],
    [" mail.example.co.uk. ", "mail.example.co.uk"],
    ["xn--bcher-kva.example", "xn--bcher-kva.example"],
    ["a-b.example", "a-b.example"],
  ])("%j → %j", (value, domain) => {
    expect(normaliseDomain(value)).toBe(domain);
  });

  it.each(["localhost", "example", "-bad.example", "bad-.example", "exa mple.com", "example.c", "example.123", "@example.com", "", "a".repeat(64) + ".example"])("refuses %j", (value) => {
    expect(normaliseDomain(value)).toBeNull();
  });
});

describe("emailDomain", () => {
  it("is the part after the last @, normalised", () => {
    expect(emailDomain("Jo@Corp.Example.")).toBe("corp.example");
    expect(emailDomain('"a@b"@corp.example')).toBe("corp.example");
    expect(emailDomain("no-at-sign")).toBeNull();
    expect(emailDomain("@corp.example")).toBeNull();
  });
});

describe("provider ids", () => {
  it("are sso-{key}, and only those give a key back", () => {
    expect(providerId("instance")).toBe("sso-instance");
    expect(keyOfProviderId(providerId("0193a0c4-0000-7000-8000-000000000000"))).toBe("0193a0c4-0000-7000-8000-000000000000");
    expect(keyOfProviderId("credentials")).toBeNull();
  });
});

describe("parseGroupRolesEnv", () => {
  it("reads group=role pairs, trimming spaces", () => {
    expect(parseGroupRolesEnv(" sovra-owners=owner , risk team=analyst")).toEqual([
      { group: "sovra-owners", role: "owner" },
      { group: "risk team", role: "analyst" },
    ]);
  });

  it("splits pairs at the last = and drops unknown roles, empty groups and pairs without a role", () => {
    expect(parseGroupRolesEnv("a=b=editor")).toEqual([{ group: "a=b", role: "editor" }]);
    expect(parseGroupRolesEnv("x=admin,=viewer,plain")).toEqual([]);
  });

  it("is empty when unset", () => {
    expect(parseGroupRolesEnv(undefined)).toEqual([]);
    expect(parseGroupRolesEnv("")).toEqual([]);
  });
});

describe("instanceSettings", () => {
  const oidc = {
    SOVRA_OIDC_ISSUER: "https://login.example.com/realms/acme",
    SOVRA_OIDC_CLIENT_ID: "sovra",
    SOVRA_OIDC_CLIENT_SECRET: "s3cret",
    SOVRA_SSO_ORGANISATION: "acme",
  };

  it("is null without an instance identity provider", () => {
    expect(instanceSettings(parseEnv({}))).toBeNull();
  });

  it("describes an OIDC instance connection with the defaults", () => {
    expect(instanceSettings(parseEnv(oidc))).toEqual({
      key: "instance",
      organisationSlug: "acme",
      protocol: "oidc",
      name: "Single sign-on",
      enabled: true,
      oidc: { issuer: "https://login.example.com/realms/acme", clientId: "sovra", clientSecret: "s3cret" },
      saml: null,
      groupsAttribute: "groups",
      groupRoles: [],
      defaultRole: null,
      domains: null,
    });
  });

  it("reads the name, domains, groups attribute, mapping and default role", () => {
    const settings = instanceSettings(
      parseEnv({
        ...oidc,
        SOVRA_SSO_NAME: "Acme login",
        SOVRA_SSO_DOMAINS: "Acme.example, acme-group.example",
        SOVRA_SSO_GROUPS_ATTRIBUTE: "roles",
        SOVRA_SSO_GROUP_ROLES: "sovra-owners=owner,risk=analyst",
        SOVRA_SSO_DEFAULT_ROLE: "viewer",
      }),
    );
    expect(settings).toMatchObject({
      name: "Acme login",
      domains: ["acme.example", "acme-group.example"],
      groupsAttribute: "roles",
      groupRoles: [
        { group: "sovra-owners", role: "owner" },
        { group: "risk", role: "analyst" },
      ],
      defaultRole: "viewer",
    });
  });

  it("describes a SAML instance connection by its metadata", () => {
    expect(instanceSettings(parseEnv({ SOVRA_SAML_IDP_METADATA_URL: "https://idp.example.com/metadata", SOVRA_SSO_ORGANISATION: "acme" }))).toMatchObject({
      protocol: "saml",
      oidc: null,
      saml: { metadataUrl: "https://idp.example.com/metadata", metadataFile: null, allowIdpInitiated: true },
    });
  });

  it("refuses, through the environment's check, an IdP without the organisation its people join", () => {
    expect(() => parseEnv({ SOVRA_OIDC_ISSUER: oidc.SOVRA_OIDC_ISSUER, SOVRA_OIDC_CLIENT_ID: "sovra", SOVRA_OIDC_CLIENT_SECRET: "s" })).toThrow(/SOVRA_SSO_ORGANISATION/);
  });
});
