import { expect, test, type Page } from "@playwright/test";
import { DEMO, DEMO_PASSWORD, signIn } from "./support/demo";

// The security headers and the strict CSP in a real browser (docs/decisions/030): pages render,
// hydrate, sign in and validate forms with scripts allowed only by their nonce, and the browser
// reports no CSP violation; the API's JSON and the downloads carry their headers; an address with a control
// character is a 400; a sign-in with a `javascript:` callbackUrl lands on the start page. The
// print route's own CSP is exercised by board-report.spec.ts, whose PDFs Chromium prints from it.

/** Collects every CSP violation the pages report, on every page the test opens, from before their first script runs. */
async function watchCsp(page: Page): Promise<string[]> {
  const violations: string[] = [];
  await page.exposeFunction("__reportCspViolation", (v: string) => violations.push(v));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) =>
      (window as unknown as { __reportCspViolation: (v: string) => void }).__reportCspViolation(`${location.pathname}: ${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`),
    );
  });
  page.on("console", (m) => {
    if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
  });
  return violations;
}

test("pages run under a nonce CSP without a violation, and every response carries its security headers", async ({ page }) => {
  const violations = await watchCsp(page);
  await signIn(page, DEMO.owner);

  for (const path of ["/mainfeld", "/mainfeld/inventory/vendors?sort=name.desc", "/mainfeld/scores", "/mainfeld/inventory/offices/new"]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(200);
    const headers = response!.headers();
    const csp = headers["content-security-policy"] ?? "";
    expect(csp, path).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'(;|$)/);
    expect(csp, path).toContain("frame-ancestors 'none'");
    expect(csp, path).not.toMatch(/script-src[^;]*unsafe-(inline|eval)/);
    expect(headers["x-content-type-options"], path).toBe("nosniff");
    expect(headers["referrer-policy"], path).toBe("same-origin");
    expect(headers["cross-origin-opener-policy"], path).toBe("same-origin");
    expect(headers["x-frame-options"], path).toBe("DENY");
    expect(headers["strict-transport-security"], path).toBeUndefined(); // plain HTTP, no trusted proxy
    expect(headers["cache-control"], path).toMatch(/(^|[ ,])no-store([ ,]|$)/); // dynamic pages: "private, no-cache, no-store, ..."
    // Every script tag in the HTML carries this response's nonce (scripts they load are trusted by 'strict-dynamic').
    const nonce = /'nonce-([^']+)'/.exec(csp)![1];
    const tags = (await response!.text()).match(/<script\b[^>]*>/g) ?? [];
    expect(tags.length, path).toBeGreaterThan(0);
    for (const tag of tags) expect(tag, path).toContain(`nonce="${nonce}"`);
  }

  // A form validates in the browser with the server's zod schema under the CSP (signing in above
  // was a server action under it): a bidi override in a name is refused before anything is sent.
  await page.goto("/mainfeld/inventory/offices/new");
  await page.getByLabel("Name").fill("Lyon \u202Eplant");
  await page.getByLabel("Country").selectOption("FR");
  await page.getByLabel("City").fill("Lyon");
  await page.getByRole("button", { name: "Add office" }).click();
  await expect(page.getByText("Remove the invisible text-direction character: it can make a name look different from what it is")).toBeVisible();
  await expect(page).toHaveURL(/\/mainfeld\/inventory\/offices\/new$/);

  expect(violations).toEqual([]);

  const api = await page.request.get("/api/v1/orgs/mainfeld/offices");
  expect(api.status()).toBe(200);
  expect(api.headers()["content-security-policy"]).toBe("default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
  expect(api.headers()["x-content-type-options"]).toBe("nosniff");
  expect(api.headers()["cache-control"]).toBe("no-store");

  const download = await page.request.get("/mainfeld/inventory/export/json");
  expect(download.status()).toBe(200);
  expect(download.headers()["content-disposition"]).toMatch(/^attachment;/);
  expect(download.headers()["x-content-type-options"]).toBe("nosniff");
  expect(download.headers()["x-frame-options"]).toBe("DENY");
  expect(download.headers()["cache-control"]).toBe("private, no-store");

  const nul = await page.request.get("/mainfeld/inventory/vendors?q=%00");
  expect(nul.status()).toBe(400);
  expect(await nul.text()).toContain("control character");
});

test("signing in with a javascript: callbackUrl lands on the start page", async ({ page }) => {
  await page.goto("/sign-in?callbackUrl=javascript:alert(document.domain)");
  await page.getByLabel("Email").fill(DEMO.viewer);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).not.toHaveURL(/\/sign-in/);
  expect(new URL(page.url()).protocol).toBe("http:");
  expect((await page.request.get("/api/auth/signin?callbackUrl=javascript:alert(1)", { maxRedirects: 0 })).status()).toBe(303);
});

test("the sign-in page loads its icons and manifest without a session, and nothing it asks for fails", async ({ page, request }) => {
  const failed: string[] = [];
  page.on("response", (r) => {
    if (r.status() >= 400) failed.push(`${r.status()} ${new URL(r.url()).pathname}`);
  });
  page.on("console", (m) => {
    if (m.type() === "error") failed.push(m.text());
  });
  await page.goto("/sign-in");
  await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
  const links = await page.locator('link[rel="icon"], link[rel="apple-touch-icon"], link[rel="manifest"]').evaluateAll((els) => els.map((e) => e.getAttribute("href") ?? ""));
  expect(links.map((l) => l.replace(/\?.*$/, "")).sort()).toEqual(["/apple-touch-icon.png", "/favicon.ico", "/icon.svg", "/manifest.webmanifest"]);
  for (const href of links) {
    const response = await request.get(href);
    expect(response.status(), href).toBe(200);
  }
  const manifest = await (await request.get("/manifest.webmanifest")).json();
  expect(manifest.name).toBe("Sovra");
  for (const icon of manifest.icons as { src: string }[]) expect((await request.get(icon.src)).status(), icon.src).toBe(200);
  expect(await (await request.get("/robots.txt")).text()).toMatch(/Disallow: \/$/m);
  expect(failed).toEqual([]);
});
