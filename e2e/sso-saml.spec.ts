import { expect, test } from "@playwright/test";
import pg from "pg";
import { demoDatabaseUrl } from "./support/e2e-database";
import { DEMO_ORG_SLUGS } from "../prisma/seed-data";
import { startSamlIdp, type SamlIdp } from "./support/saml-idp";

// A person of an organisation that signs in through its own SAML identity provider: they type
// their work email, Sovra sends them to the IdP (a real one: samlify, e2e/support/saml-idp.ts, on
// a fixed loopback port), they sign in there, and come back signed in with the role their IdP group
// maps to. The connection and its verified domain are written straight into the demo server's
// database: a domain is verified by a DNS TXT record, which a browser journey cannot publish.
// e2e/support/e2e-database.ts says where the demo server's database is.

const IDP_PORT = Number(process.env.E2E_PORT_BASE ?? 3110) + 11;
const DOMAIN = "saml.example";
const EMAIL = `bob@${DOMAIN}`;
const ORG = DEMO_ORG_SLUGS.albion;

let idp: SamlIdp;
let demoDb: pg.Client;

test.beforeAll(async () => {
  idp = await startSamlIdp({ port: IDP_PORT, users: { bob: { email: EMAIL, displayName: "Bob Saml", groups: ["sovra-editors"] } } });
  demoDb = new pg.Client({ connectionString: demoDatabaseUrl() });
  await demoDb.connect();
  const org = await demoDb.query<{ id: string }>(`SELECT id FROM "Organisation" WHERE slug = $1`, [ORG]);
  const organisationId = org.rows[0]?.id;
  expect(organisationId, `demo organisation ${ORG}`).toBeTruthy();
  await demoDb.query(`DELETE FROM "SsoDomain" WHERE "verifiedDomain" = $1 OR ("organisationId" = $2 AND domain = $1)`, [DOMAIN, organisationId]);
  await demoDb.query(
    `INSERT INTO "SsoDomain" (id, "organisationId", domain, "verificationToken", "verifiedAt", "verifiedDomain", "lastCheckedAt")
     VALUES (gen_random_uuid(), $1, $2, 'e2e-token', now(), $2, now())`,
    [organisationId, DOMAIN],
  );
  // One connection per organisation: whatever an earlier journey set up becomes this SAML one.
  await demoDb.query(
    `INSERT INTO "SsoConnection" (id, "organisationId", protocol, name, enabled, "samlIdpEntityId", "samlIdpSsoUrl", "samlIdpCertificates",
       "samlAllowIdpInitiated", "groupsAttribute", "groupRoles", "defaultRole", "updatedAt")
     VALUES (gen_random_uuid(), $1, 'saml', 'Test IdP (SAML)', true, $2, $3, $4, true, 'groups', $5::jsonb, NULL, now())
     ON CONFLICT ("organisationId") DO UPDATE SET protocol = 'saml', name = EXCLUDED.name, enabled = true,
       "oidcIssuer" = NULL, "oidcClientId" = NULL, "oidcClientSecret" = NULL, "samlMetadataUrl" = NULL,
       "samlIdpEntityId" = EXCLUDED."samlIdpEntityId", "samlIdpSsoUrl" = EXCLUDED."samlIdpSsoUrl",
       "samlIdpCertificates" = EXCLUDED."samlIdpCertificates", "samlAllowIdpInitiated" = true, "groupsAttribute" = 'groups',
       "groupRoles" = EXCLUDED."groupRoles", "defaultRole" = NULL, "updatedAt" = now(), version = "SsoConnection".version + 1`,
    [organisationId, idp.entityId, `${idp.url}/sso`, [idp.certificate], JSON.stringify([{ group: "sovra-editors", role: "editor" }])],
  );
});

// The demo database is shared by the journeys after this one: Albion goes back to having no IdP,
// and the person the IdP created leaves it. Their account stays: the audit trail names them, and
// audit events are append-only (a deleted account would have to be unnamed in them).
test.afterAll(async () => {
  if (demoDb) {
    try {
      const org = await demoDb.query<{ id: string }>(`SELECT id FROM "Organisation" WHERE slug = $1`, [ORG]);
      const organisationId = org.rows[0]?.id;
      await demoDb.query(`DELETE FROM "SsoConnection" WHERE "organisationId" = $1`, [organisationId]);
      await demoDb.query(`DELETE FROM "SsoDomain" WHERE "organisationId" = $1 AND domain = $2`, [organisationId, DOMAIN]);
      await demoDb.query(`DELETE FROM "Membership" WHERE "organisationId" = $1 AND "userId" IN (SELECT id FROM "User" WHERE email = $2)`, [organisationId, EMAIL]);
    } finally {
      await demoDb.end();
    }
  }
  await idp?.close();
});

test("a person signs in through their organisation's SAML identity provider and gets the role of their group", async ({ page, baseURL }) => {
  await page.goto("/sign-in");
  await page.getByRole("link", { name: "Continue with single sign-on" }).click();
  await page.getByLabel("Work email", { exact: true }).fill(EMAIL);
  await page.getByRole("button", { name: "Continue with single sign-on" }).click();

  // At the identity provider: its own sign-in page.
  await page.waitForURL((url) => url.origin === idp.url && url.pathname === "/sso");
  await page.getByRole("button", { name: `Sign in as ${EMAIL}` }).click();

  // The IdP's page posts the signed response back to Sovra, which signs the person in and sends them home.
  const sovra = new URL(baseURL!).origin;
  await page.waitForURL((url) => url.origin === sovra && url.pathname.startsWith(`/${ORG}`));
  await expect(page.getByRole("heading", { level: 1, name: "Albion Mutual Bank plc" })).toBeVisible(); // the organisation's layout, so a session

  const { rows } = await demoDb.query<{ role: string; source: string; method: string }>(
    `SELECT m.role::text, m.source::text, s.method::text
       FROM "User" u
       JOIN "Membership" m ON m."userId" = u.id
       JOIN "Organisation" o ON o.id = m."organisationId" AND o.slug = $2
       JOIN "Session" s ON s."userId" = u.id AND s."revokedAt" IS NULL
      WHERE u.email = $1
      ORDER BY s."createdAt" DESC LIMIT 1`,
    [EMAIL, ORG],
  );
  expect(rows[0]).toEqual({ role: "editor", source: "sso", method: "saml" });
  // The request the IdP answered named Sovra's ACS for this connection, at the address the browser used.
  expect(idp.requests.at(-1)?.acs).toMatch(new RegExp(`^${sovra.replace(/[.]/g, "\\.")}/api/sso/saml/[0-9a-f-]{36}/acs$`));
});
