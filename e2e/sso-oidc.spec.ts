// Single sign-on through OpenID Connect, as a person at a company with its own identity provider
// takes it (decision 049): a test IdP (oidc-provider, e2e/support/oidc-idp.ts) runs on
// 127.0.0.1 at E2E_PORT_BASE + 10; Mainfeld's owner has connected it and verified the email
// domain idp.example. Alice signs in with her work email, lands in Mainfeld as a risk officer
// (analyst) because of her IdP group; her IT removes the group; at her next sign-in she is a viewer.
// Also: an organisation that requires single sign-on refuses a member's password, saying so.
//
// The connection and its verified domain are written directly into the demo server's database
// (e2e/support/e2e-database.ts): setting them up on screen is sso-settings.spec.ts's journey. The
// client secret is sealed with the demo server's AUTH_SECRET (serve.ts). Everything created here
// is removed afterwards.
import { randomUUID } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../lib/generated/prisma/client";
import { sealSecret } from "../lib/sso/secret-box";
import { hashPassword } from "../lib/auth/password";
import { demoDatabaseUrl } from "./support/e2e-database";
import { startOidcIdp, type OidcIdp } from "./support/oidc-idp";
import { signOut } from "./support/demo";

const IDP_PORT = Number(process.env.E2E_PORT_BASE ?? 3110) + 10;
const E2E_AUTH_SECRET = "e2e-secret-e2e-secret-e2e-secret-e2e-secret"; // e2e/support/serve.ts
const DOMAIN = "idp.example";
const ALICE = `alice@${DOMAIN}`;
const CLIENT = { client_id: "sovra-mainfeld", client_secret: `secret-${randomUUID()}` };

let prisma: PrismaClient;
let idp: OidcIdp;
let mainfeldId: string;
let connectionId: string;
let createdConnection = false;
const cleanup: (() => Promise<unknown>)[] = [];

test.beforeAll(async ({}, testInfo) => {
  const baseURL = testInfo.project.use.baseURL!;
  prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: demoDatabaseUrl() }) });
  const mainfeld = await prisma.organisation.findUniqueOrThrow({ where: { slug: "mainfeld" }, select: { id: true } });
  mainfeldId = mainfeld.id;

  // Mainfeld's owner connected the IdP: sovra-risk gives analyst, staff gives viewer.
  const existing = await prisma.ssoConnection.findUnique({ where: { organisationId: mainfeldId }, select: { id: true } });
  const settings = {
    protocol: "oidc" as const,
    name: "Mainfeld IdP",
    enabled: true,
    oidcIssuer: `http://127.0.0.1:${IDP_PORT}`,
    oidcClientId: CLIENT.client_id,
    oidcClientSecret: sealSecret(CLIENT.client_secret, E2E_AUTH_SECRET),
    groupsAttribute: "groups",
    groupRoles: [
      { group: "sovra-risk", role: "analyst" },
      { group: "staff", role: "viewer" },
    ],
    defaultRole: null,
  };
  if (existing) {
    throw new Error("Mainfeld already has a single sign-on connection: this journey would overwrite it. Run it on a fresh demo database.");
  }
  connectionId = (await prisma.ssoConnection.create({ data: { organisationId: mainfeldId, ...settings }, select: { id: true } })).id;
  createdConnection = true;
  const domain = await prisma.ssoDomain.create({
    data: { organisationId: mainfeldId, domain: DOMAIN, verificationToken: randomUUID(), verifiedAt: new Date(), verifiedDomain: DOMAIN },
    select: { id: true },
  });
  cleanup.push(() => prisma.ssoDomain.deleteMany({ where: { id: domain.id } }));

  idp = await startOidcIdp({
    port: IDP_PORT,
    clients: [{ ...CLIENT, redirect_uris: [`${new URL(baseURL).origin}/api/auth/callback/sso-${connectionId}`] }],
    accounts: { alice: { email: ALICE, name: "Alice Fischer", groups: ["sovra-risk", "staff"] } },
  });
});

test.afterAll(async () => {
  await idp?.close();
  if (!prisma) return;
  await prisma.user.deleteMany({ where: { email: ALICE } }).catch((e: unknown) => console.error("cleanup:", e));
  for (const step of cleanup.reverse()) await step().catch((e: unknown) => console.error("cleanup:", e));
  if (createdConnection) await prisma.ssoConnection.deleteMany({ where: { id: connectionId } });
  await prisma.$disconnect();
});

/** From the sign-in page through the IdP and back: the work email, then (if the IdP asks) the account. */
async function signInWithSso(page: Page, email: string, account: string) {
  await page.goto("/sign-in");
  await page.getByRole("link", { name: "Continue with single sign-on" }).click();
  await page.getByLabel("Work email", { exact: true }).fill(email);
  await page.getByRole("button", { name: "Continue with single sign-on" }).click();
  // The IdP's login page the first time; with its session from before, it sends the browser straight back.
  const idpLogin = page.getByLabel("Account");
  const backInSovra = page.getByRole("navigation").first();
  await expect(idpLogin.or(backInSovra)).toBeVisible();
  if (await idpLogin.isVisible()) {
    await expect(page).toHaveURL(new RegExp(`^http://127\\.0\\.0\\.1:${IDP_PORT}/interaction/`));
    await idpLogin.fill(account);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
  }
  await expect(page).not.toHaveURL(/\/sign-in/);
  await expect(page).not.toHaveURL(new RegExp(`:${IDP_PORT}/`));
}

test("a person signs in through their company's identity provider with the role their group gives, and is demoted when the group is removed", async ({ page }) => {
  await signInWithSso(page, ALICE, "alice");

  // Created just in time, in Mainfeld, as a risk officer (analyst): the Settings show the audit log.
  await page.goto("/mainfeld/settings");
  await expect(page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "Audit log" })).toBeVisible();
  await page.goto("/mainfeld/settings/audit");
  await expect(page).toHaveURL(/\/mainfeld\/settings\/audit/);
  const membership = await prisma.membership.findFirstOrThrow({ where: { organisationId: mainfeldId, user: { email: ALICE } }, select: { role: true, source: true } });
  expect(membership).toEqual({ role: "analyst", source: "sso" });
  await signOut(page);

  // Her IT takes her out of sovra-risk; the next sign-in applies it.
  idp.setGroups("alice", ["staff"]);
  await signInWithSso(page, ALICE, "alice");
  await page.goto("/mainfeld/settings");
  await expect(page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "Audit log" })).toHaveCount(0);
  await page.goto("/mainfeld/settings/audit");
  await expect(page).toHaveURL(/\/mainfeld\/forbidden/);
  expect((await prisma.membership.findFirstOrThrow({ where: { organisationId: mainfeldId, user: { email: ALICE } }, select: { role: true } })).role).toBe("viewer");
  await signOut(page);

  // Out of every mapped group: refused, with the reason in plain words and a reference.
  idp.setGroups("alice", ["contractors"]);
  await page.goto("/sign-in");
  await page.getByRole("link", { name: "Continue with single sign-on" }).click();
  await page.getByLabel("Work email", { exact: true }).fill(ALICE);
  await page.getByRole("button", { name: "Continue with single sign-on" }).click();
  await expect(page).toHaveURL(/\/sign-in\/sso-error\?code=no_role&ref=SSO-/);
  await expect(page.getByRole("heading", { name: "No access to this organisation" })).toBeVisible();
  await expect(page.getByLabel("Reference")).toHaveValue(/^SSO-[2-9A-HJ-NP-Z]{6}$/);
  await expect(page.getByRole("link", { name: "Try again" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Sign in with a password" })).toBeVisible();
  expect(await prisma.membership.count({ where: { organisationId: mainfeldId, user: { email: ALICE } } })).toBe(0);
});

test("an email whose domain no organisation signs in through SSO is told so on the sign-in page", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByRole("link", { name: "Continue with single sign-on" }).click();
  await page.getByLabel("Work email", { exact: true }).fill(`someone@nobody-${randomUUID().slice(0, 6)}.example`);
  await page.getByRole("button", { name: "Continue with single sign-on" }).click();
  await expect(page.getByRole("region", { name: "Single sign-on" }).getByRole("alert")).toContainText("No organisation in Sovra signs in people with this email's domain through single sign-on.");
  await expect(page).toHaveURL(/\/sign-in/);
});

test("the sign-in page with single sign-on open and the SSO error page read well: no serious axe violation, nothing wider than a phone", async ({ page }) => {
  const problems: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(`console: ${m.text().slice(0, 200)}`);
  });
  for (const width of [1440, 390]) {
    await page.setViewportSize({ width, height: 900 });
    for (const path of ["/sign-in?sso=1", "/sign-in/sso-error?code=clock_skew&ref=SSO-7KQ2M9"]) {
      await page.goto(path);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      if (overflow > 1) problems.push(`${path} @${width}: ${overflow} px wider than the window`);
      if (width === 1440) {
        const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
        for (const v of results.violations.filter((x) => x.impact === "serious" || x.impact === "critical")) problems.push(`${path}: axe ${v.id}`);
      }
    }
  }
  // The error page says what went wrong in words and shows the reference to quote.
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("The clocks disagree");
  await expect(page.getByLabel("Reference", { exact: true })).toHaveValue("SSO-7KQ2M9");
  expect(problems, problems.join("\n")).toEqual([]);
});

test("an organisation that requires single sign-on refuses a member's password, naming single sign-on", async ({ page }) => {
  const tag = randomUUID().slice(0, 8);
  const password = `lilac otter quarry ${tag}`;
  const org = await prisma.organisation.create({
    data: { name: `Required SSO ${tag} GmbH`, slug: `required-sso-${tag}`, hqCountry: "DE", sector: "Manufacturing", regimes: ["gdpr"], ssoRequired: true },
    select: { id: true, name: true },
  });
  const user = await prisma.user.create({ data: { email: `member-${tag}@required.example`, name: "Mia Member", passwordHash: await hashPassword(password) }, select: { id: true, email: true } });
  cleanup.push(() => prisma.user.deleteMany({ where: { id: user.id } }), () => prisma.organisation.deleteMany({ where: { id: org.id } }));
  await prisma.membership.create({ data: { organisationId: org.id, userId: user.id, role: "editor" } });

  await page.goto("/sign-in");
  await page.getByLabel("Email", { exact: true }).fill(user.email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("alert").filter({ hasText: "single sign-on" })).toContainText(`${org.name} requires single sign-on`);
  await expect(page).toHaveURL(/\/sign-in/);
  expect(await prisma.session.count({ where: { userId: user.id } })).toBe(0);
});
