import { expect, test, type Page } from "@playwright/test";
import { DEMO, DEMO_PASSWORD, signIn } from "./support/demo";
import { startDnsServer, type DnsServer } from "./support/dns-server";

// The owner sets up single sign-on in Settings (decision 049): an OIDC connection (its issuer is
// an unreachable loopback address: saving does not contact the IdP), an email domain verified
// through a DNS TXT record (a real DNS server on 127.0.0.1, which the demo server reaches through
// SOVRA_DNS_SERVERS = 127.0.0.1:{E2E_PORT_BASE + 12}), herself as a break-glass owner, then
// "Require single sign-on"; the editor's password is refused from then on. Then a SCIM token,
// shown once. The demo database is shared by later journeys: everything is put back at the end,
// also when a step fails.

const ORG = "mainfeld";
const DNS_PORT = Number(process.env.E2E_PORT_BASE ?? 3110) + 12;
const SSO_PAGE = `/${ORG}/settings/sso`;

/** Puts Mainfeld back as the seed left it: SSO not required, no break-glass mark, no connection, domain or SCIM token of this run. */
async function restore(page: Page, domain: string, scimTokenName: string) {
  await page.goto(SSO_PAGE);
  const required = page.getByRole("switch", { name: "Require single sign-on" });
  if ((await required.getAttribute("aria-checked")) === "true") {
    await required.click();
    const dialog = page.getByRole("dialog", { name: "Stop requiring single sign-on?" });
    await dialog.getByRole("button", { name: "Stop requiring it" }).click();
    await expect(required).toHaveAttribute("aria-checked", "false");
  }
  const unmark = page.getByRole("button", { name: "Unmark break-glass for Dana Okafor" });
  if (await unmark.isVisible()) {
    await unmark.click();
    await expect(page.getByRole("button", { name: "Mark as break-glass for Dana Okafor" })).toBeVisible();
  }
  const tokenRow = page.getByRole("row", { name: new RegExp(scimTokenName) });
  if (await tokenRow.getByRole("button", { name: "Revoke" }).isVisible()) {
    await tokenRow.getByRole("button", { name: "Revoke" }).click();
    await page.getByRole("dialog", { name: `Revoke the SCIM token “${scimTokenName}”?` }).getByRole("button", { name: "Revoke" }).click();
    await expect(tokenRow).toContainText("Revoked");
  }
  const domainItem = page.getByRole("listitem").filter({ hasText: domain });
  if (await domainItem.getByRole("button", { name: "Remove" }).isVisible()) {
    await domainItem.getByRole("button", { name: "Remove" }).click();
    await page.getByRole("dialog", { name: `Remove ${domain}?` }).getByRole("button", { name: "Remove" }).click();
    await expect(page.getByText(domain, { exact: true })).toHaveCount(0);
  }
  const deleteConnection = page.getByRole("button", { name: "Delete connection" });
  if (await deleteConnection.isVisible()) {
    await deleteConnection.click();
    await page.getByRole("dialog", { name: "Delete the single sign-on connection?" }).getByRole("button", { name: "Delete connection" }).click();
    await expect(page.getByRole("button", { name: "Create connection" })).toBeVisible();
  }
}

test("an owner sets up single sign-on, verifies a domain by DNS and requires it; the editor's password is then refused; a SCIM token is shown once", async ({ page, browser }) => {
  test.setTimeout(180_000);
  const tag = Date.now().toString(36);
  const domain = `e2e-${tag}.example.test`;
  const scimTokenName = `Okta provisioning ${tag}`;
  let dns: DnsServer | undefined;

  await signIn(page, DEMO.owner);
  try {
    await page.goto(`/${ORG}/settings`);
    await page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "Single sign-on" }).click();
    await expect(page).toHaveURL(new RegExp(`${SSO_PAGE}$`));

    // 1. The connection: OpenID Connect (the default); saving does not contact the issuer.
    await expect(page.getByRole("radio", { name: "OpenID Connect" })).toBeChecked();
    await page.getByLabel("Button label").fill("Mainfeld Entra ID (test)");
    await page.getByLabel("Issuer URL").fill("http://idp.example.test/tenant");
    await page.getByLabel("Client ID").fill("sovra-e2e");
    await page.getByLabel("Client secret").fill("e2e-client-secret");
    await page.getByRole("button", { name: "Create connection" }).click();
    // Plain http elsewhere than this machine is refused, and nothing typed is lost.
    await expect(page.getByText("must be an https:// address")).toBeVisible();
    await expect(page.getByLabel("Client ID")).toHaveValue("sovra-e2e");
    await expect(page.getByLabel("Client secret")).toHaveValue("e2e-client-secret");
    await page.getByLabel("Issuer URL").fill("http://127.0.0.1:9/unreachable-idp");
    await page.getByRole("button", { name: "Add a mapping" }).click();
    await page.getByLabel("Group of mapping 1").fill("sovra-risk");
    await page.getByLabel("Role of mapping 1").selectOption("analyst");
    await page.getByRole("button", { name: "Create connection" }).click();
    await expect(page.getByText("Connection created.")).toBeVisible();
    await expect(page.getByLabel("Redirect URI")).toHaveValue(/\/api\/auth\/callback\/sso-[0-9a-f-]{36}$/);
    await expect(page.getByLabel("Client secret")).toHaveValue("");
    await expect(page.getByLabel("Client secret")).toHaveAttribute("placeholder", /Stored/);

    // 2. A domain, verified by its TXT record: first missing (the page says what it looked up), then right.
    await page.getByLabel("Email domain").fill(domain.toUpperCase());
    await page.getByRole("button", { name: "Add domain" }).click();
    await expect(page.getByText(`${domain} added.`)).toBeVisible();
    await expect(page.getByLabel(`TXT record name for ${domain}`)).toHaveValue(`_sovra-verification.${domain}`);
    const value = await page.getByLabel(`TXT record value for ${domain}`).inputValue();
    expect(value).toMatch(/^sovra-verify=[0-9a-f]{32}$/);

    dns = await startDnsServer({ port: DNS_PORT, records: {} });
    await page.getByRole("button", { name: `Verify ${domain}` }).click();
    await expect(page.getByText(`Looked up the TXT record _sovra-verification.${domain} and found none`)).toBeVisible();
    dns.setTxt(`_sovra-verification.${domain}`, [value]);
    await page.getByRole("button", { name: `Verify ${domain}` }).click();
    await expect(page.getByText(`${domain} is verified`)).toBeVisible();
    await page.reload();
    await expect(page.getByRole("listitem").filter({ hasText: domain }).getByText(/^Verified /)).toBeVisible();

    // 3. Requiring SSO without a break-glass owner is refused, saying why; with one it goes through.
    const required = page.getByRole("switch", { name: "Require single sign-on" });
    await expect(required).toHaveAttribute("aria-checked", "false");
    await required.click();
    let dialog = page.getByRole("dialog", { name: "Require single sign-on?" });
    await expect(dialog).toContainText("Every open password session of a member who is not a break-glass owner ends at once");
    await dialog.getByRole("button", { name: "Require single sign-on" }).click();
    await expect(dialog.getByText("Mark at least one owner as a break-glass account first")).toBeVisible();
    await dialog.getByRole("button", { name: "Cancel" }).click();

    await page.getByRole("button", { name: "Mark as break-glass for Dana Okafor" }).click();
    await expect(page.getByRole("button", { name: "Unmark break-glass for Dana Okafor" })).toBeVisible();
    await required.click();
    dialog = page.getByRole("dialog", { name: "Require single sign-on?" });
    await expect(dialog).toContainText("Break-glass owners keep their password: Dana Okafor.");
    await dialog.getByRole("button", { name: "Require single sign-on" }).click();
    await expect(page.getByText(/^Single sign-on is now required\. \d+ password sessions? (was|were) ended\.$/)).toBeVisible();
    await expect(required).toHaveAttribute("aria-checked", "true");
    // The break-glass owner is still signed in.
    await page.reload();
    await expect(required).toHaveAttribute("aria-checked", "true");

    // 4. The editor's correct password is refused, with the reason.
    const other = await browser.newContext();
    try {
      const editor = await other.newPage();
      await editor.goto("/sign-in");
      await editor.getByLabel("Email", { exact: true }).fill(DEMO.editor);
      await editor.getByLabel("Password").fill(DEMO_PASSWORD);
      await editor.getByRole("button", { name: "Sign in", exact: true }).click();
      await expect(editor.getByText(/requires single sign-on: use/)).toBeVisible();
      await expect(editor).toHaveURL(/\/sign-in/);
    } finally {
      await other.close();
    }

    // 5. A SCIM token, shown once.
    await expect(page.getByLabel("SCIM base URL")).toHaveValue(/\/api\/scim\/v2\/[0-9a-f-]{36}$/);
    await page.getByLabel("Token name").fill(scimTokenName);
    await page.getByRole("button", { name: "Create SCIM token" }).click();
    const shown = page.getByLabel("SCIM token", { exact: true });
    await expect(shown).toHaveValue(/^sovra_scim_[A-Za-z0-9_-]{43}$/);
    await page.reload();
    await expect(page.getByLabel("SCIM token", { exact: true })).toHaveCount(0);
    await expect(page.getByRole("row", { name: new RegExp(scimTokenName) })).toContainText("never");

    // 6. At 390 px nothing runs off the side.
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await page.setViewportSize({ width: 1280, height: 720 });
  } finally {
    await restore(page, domain, scimTokenName);
    await dns?.close();
  }
  // Put back: the editor signs in with the password again.
  await expect(page.getByRole("switch", { name: "Require single sign-on" })).toHaveAttribute("aria-checked", "false");
});
