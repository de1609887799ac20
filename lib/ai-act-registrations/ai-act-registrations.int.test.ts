// EU AI Act registrations (decision 046) against the real database: saving (create, update,
// stale versions, another organisation's AI system, roles, the audit trail), reading, the pack as
// CSV through the Reports page's download route, and the pack as PDF printed by the real Chromium
// from the real print page (served here without Next: the page component rendered to HTML).
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { parse } from "csv-parse/sync";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { db, twoOrganisations } from "@/lib/testing/db";
import type { OrgContext } from "@/lib/auth/org-context";
import { aiActRegistrationSchema } from "./schemas";
import { saveAiActRegistration } from "./mutations";
import { exportAiActRegistrationsCsv, getAiActRegistration, getAiActRegistrationPack, getAiActRegistrationSummary, listAiActRegistrations } from "./queries";
import { exportAiActRegistrationsPdf, NO_REGISTRATION_MESSAGE, type PrintServer } from "./pdf";
import { createPrintToken, createRegistrationPackToken } from "@/lib/reports/print-token";
import { closeBrowser } from "@/lib/reports/renderer";
import { pdfToolOnBytes } from "@/lib/testing/pdf-tools";

// The print route's token is signed with AUTH_SECRET (read once, lazily, by lib/env).
const SECRET = "registration-pack-test-secret-registration-pack";
process.env.AUTH_SECRET = SECRET;

const session = vi.hoisted(() => ({ userId: null as string | null }));
vi.mock("@/lib/auth/auth", () => ({ auth: async () => (session.userId ? { user: { id: session.userId } } : null) }));
const downloads = await import("@/app/(app)/[org]/reports/exports/[kind]/route");
const printPage = (await import("@/app/print/ai-act-registrations/[token]/page")).default;

type World = Awaited<ReturnType<typeof twoOrganisations>>;

const systemIn = (organisationId: string, name: string, description = "Sorts benefit applications for caseworkers") =>
  db().aiSystem.create({ data: { organisationId, name, owner: "Benefits office", criticality: "high", toleratedDowntimeMinutes: 240, description } });

/** A registration form as the browser sends it, parsed by the action's schema. */
const input = (aiSystemId: string, version: number | null, answers: Record<string, string> = {}) =>
  aiActRegistrationSchema.parse({ aiSystemId, version: version === null ? "" : String(version), ...answers });

const PARTIAL = { annexIIIArea: "5", deployerName: "Stadt Musterhausen", deployerAddress: "Rathausplatz 1\n12345 Musterhausen", deployerContact: "ki@musterhausen.example", friaSummary: "Residual risk for applicants without German: human review of every refusal." };
const COMPLETE = {
  ...PARTIAL,
  submitterName: "Eva Schmidt",
  submitterAddress: "Rathausplatz 1, 12345 Musterhausen",
  submitterContact: "+49 30 1234567",
  providerEuDatabaseUrl: "https://eu-ai-database.example.eu/systems/4711",
  dpiaNotApplicable: "on",
};

const rowsOf = (organisationId: string) => db().aiActRegistration.findMany({ where: { organisationId }, orderBy: { id: "asc" } });
const auditOf = (organisationId: string) => db().auditEvent.findMany({ where: { organisationId, entityType: "ai_act_registration" }, orderBy: { id: "asc" } });

describe("saving an EU AI Act registration", () => {
  let w: World;
  let editor: OrgContext;
  let systemId: string;
  beforeEach(async () => {
    w = await twoOrganisations();
    editor = w.ctx(w.a, "editor");
    systemId = (await systemIn(w.a.organisation.id, "Benefits triage")).id;
  });

  it("creates it on the first save and records who did, with what", async () => {
    expect(await getAiActRegistration(editor, systemId)).toBeNull();
    const saved = await saveAiActRegistration(editor, input(systemId, null, PARTIAL));
    expect(saved).toMatchObject({ aiSystemId: systemId, version: 1, annexIIIArea: "5", deployerName: "Stadt Musterhausen", submitterName: "", providerEuDatabaseUrl: "", dpiaNotApplicable: false });
    expect(await getAiActRegistration(w.ctx(w.a, "viewer"), systemId)).toEqual(saved);
    const [event] = await auditOf(w.a.organisation.id);
    expect(event).toMatchObject({ action: "create", actorId: w.a.users.editor.id, entityId: saved.id, before: null, after: { aiSystemId: systemId, deployerName: "Stadt Musterhausen", version: 1 } });
  });

  it("updates it with the version read, and audits before and after", async () => {
    const first = await saveAiActRegistration(editor, input(systemId, null, PARTIAL));
    const second = await saveAiActRegistration(w.ctx(w.a, "owner"), input(systemId, first.version, COMPLETE));
    expect(second).toMatchObject({ id: first.id, version: 2, submitterName: "Eva Schmidt", dpiaNotApplicable: true, dpiaSummary: "" });
    expect(await rowsOf(w.a.organisation.id)).toHaveLength(1);
    const events = await auditOf(w.a.organisation.id);
    expect(events.map((e) => e.action)).toEqual(["create", "update"]);
    expect(events[1]).toMatchObject({ actorId: w.a.users.owner.id, before: { version: 1, submitterName: "" }, after: { version: 2, submitterName: "Eva Schmidt" } });
  });

  it("refuses a save from a stale version with CONFLICT, the current row and the fields changed meanwhile, changing nothing", async () => {
    const first = await saveAiActRegistration(editor, input(systemId, null, PARTIAL));
    // Someone else saves first, from the same version.
    await saveAiActRegistration(w.ctx(w.a, "owner"), input(systemId, first.version, { ...PARTIAL, deployerContact: "theirs@musterhausen.example" }));
    const before = { rows: await rowsOf(w.a.organisation.id), audit: await auditOf(w.a.organisation.id) };
    const refused = saveAiActRegistration(editor, input(systemId, first.version, { ...PARTIAL, friaSummary: "Mine" }));
    await expect(refused).rejects.toMatchObject({
      name: "AppError",
      code: "CONFLICT",
      message: expect.stringMatching(/while you were editing \(your copy: version 1, now: version 2\).*Changed meanwhile: Deployer's contact details\./),
      details: { current: { version: 2, deployerContact: "theirs@musterhausen.example" } },
    });
    expect({ rows: await rowsOf(w.a.organisation.id), audit: await auditOf(w.a.organisation.id) }).toEqual(before);
  });

  it("refuses a first save when someone created the registration meanwhile, and never overwrites theirs", async () => {
    const theirs = await saveAiActRegistration(w.ctx(w.a, "owner"), input(systemId, null, COMPLETE));
    const before = await rowsOf(w.a.organisation.id);
    await expect(saveAiActRegistration(editor, input(systemId, null, { deployerName: "Mine" }))).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/while you were editing/), details: { current: { id: theirs.id, version: 1 } } });
    expect(await rowsOf(w.a.organisation.id)).toEqual(before);
  });

  it("lets one of two simultaneous first saves through and refuses the other", async () => {
    const results = await Promise.allSettled([saveAiActRegistration(editor, input(systemId, null, { deployerName: "One" })), saveAiActRegistration(w.ctx(w.a, "owner"), input(systemId, null, { deployerName: "Two" }))]);
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect((results.find((r) => r.status === "rejected") as PromiseRejectedResult).reason).toMatchObject({ code: "CONFLICT" });
    const rows = await rowsOf(w.a.organisation.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.deployerName).toBe((results.find((r) => r.status === "fulfilled") as PromiseFulfilledResult<{ deployerName: string }>).value.deployerName);
  });

  it("answers NOT_FOUND for an update of a registration that does not exist", async () => {
    await expect(saveAiActRegistration(editor, input(systemId, 1, PARTIAL))).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await rowsOf(w.a.organisation.id)).toEqual([]);
  });

  it("answers NOT_FOUND for another organisation's AI system, creating and changing nothing anywhere", async () => {
    const mine = await saveAiActRegistration(editor, input(systemId, null, PARTIAL));
    const asB = w.ctx(w.b, "owner");
    const before = { a: await rowsOf(w.a.organisation.id), b: await rowsOf(w.b.organisation.id), audit: await auditOf(w.a.organisation.id) };
    await expect(saveAiActRegistration(asB, input(systemId, null, COMPLETE))).rejects.toMatchObject({ code: "NOT_FOUND", message: "AI system not found" });
    await expect(saveAiActRegistration(asB, input(systemId, mine.version, COMPLETE))).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect({ a: await rowsOf(w.a.organisation.id), b: await rowsOf(w.b.organisation.id), audit: await auditOf(w.a.organisation.id) }).toEqual(before);
    expect(await getAiActRegistration(asB, systemId)).toBeNull();
  });

  it("refuses viewers and analysts (FORBIDDEN), writing nothing", async () => {
    for (const role of ["viewer", "analyst"] as const) await expect(saveAiActRegistration(w.ctx(w.a, role), input(systemId, null, PARTIAL))).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await rowsOf(w.a.organisation.id)).toEqual([]);
    expect(await auditOf(w.a.organisation.id)).toEqual([]);
  });

  it("goes with its AI system when the system is deleted", async () => {
    await saveAiActRegistration(editor, input(systemId, null, PARTIAL));
    await db().aiSystem.delete({ where: { id: systemId } });
    expect(await rowsOf(w.a.organisation.id)).toEqual([]);
  });
});

describe("reading registrations", () => {
  it("lists the organisation's own by AI system name and counts the complete ones", async () => {
    const w = await twoOrganisations();
    const editor = w.ctx(w.a, "editor");
    const zulu = await systemIn(w.a.organisation.id, "Zulu chatbot");
    const alpha = await systemIn(w.a.organisation.id, "Alpha triage");
    await systemIn(w.a.organisation.id, "Unregistered tool");
    await saveAiActRegistration(editor, input(zulu.id, null, PARTIAL));
    await saveAiActRegistration(editor, input(alpha.id, null, COMPLETE));
    const bSystem = await systemIn(w.b.organisation.id, "B's system");
    await saveAiActRegistration(w.ctx(w.b, "editor"), input(bSystem.id, null, COMPLETE));

    expect((await listAiActRegistrations(w.ctx(w.a, "viewer"))).map((r) => r.aiSystemName)).toEqual(["Alpha triage", "Zulu chatbot"]);
    expect(await getAiActRegistrationSummary(w.ctx(w.a, "viewer"))).toEqual({ aiSystems: 3, registered: 2, complete: 1 });
    expect(await getAiActRegistrationSummary(w.ctx(w.b, "viewer"))).toEqual({ aiSystems: 1, registered: 1, complete: 1 });

    const pack = await getAiActRegistrationPack(w.ctx(w.a, "analyst"));
    expect(pack.organisationName).toBe(w.a.organisation.name);
    expect(pack.forms.map((f) => [f.aiSystemName, f.aiSystemPurpose, f.missing])).toEqual([
      ["Alpha triage", "Sorts benefit applications for caseworkers", []],
      ["Zulu chatbot", "Sorts benefit applications for caseworkers", ["submitterName", "submitterAddress", "submitterContact", "providerEuDatabaseUrl", "dpiaSummary"]],
    ]);
    expect((await getAiActRegistrationPack(w.ctx(w.a, "owner"), zulu.id)).forms.map((f) => f.aiSystemId)).toEqual([zulu.id]);
    await expect(getAiActRegistrationPack(w.ctx(w.b, "owner"), zulu.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    for (const role of ["editor", "viewer"] as const) await expect(getAiActRegistrationPack(w.ctx(w.a, role))).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

/** The file's text as written (a BOM kept, so a test can see it). */
const text = (body: Uint8Array) => new TextDecoder("utf-8", { ignoreBOM: true }).decode(body);

describe("the registration pack as CSV", () => {
  let w: World;
  beforeEach(async () => {
    w = await twoOrganisations();
    session.userId = null;
  });

  it("writes one row per registration with the area in words, every Annex VIII C field, what is missing, formula-safe, with a BOM for spreadsheets", async () => {
    const editor = w.ctx(w.a, "editor");
    const triage = await systemIn(w.a.organisation.id, "Benefits triage");
    const chat = await systemIn(w.a.organisation.id, "Citizen chatbot");
    await saveAiActRegistration(editor, input(triage.id, null, COMPLETE));
    await saveAiActRegistration(editor, input(chat.id, null, { ...PARTIAL, annexIIIArea: "", friaSummary: "=HYPERLINK(\"http://evil.example\")" }));

    const file = await exportAiActRegistrationsCsv(w.ctx(w.a, "analyst"));
    expect(file.contentType).toBe("text/csv; charset=utf-8");
    expect(file.fileName).toMatch(new RegExp(`^sovra-${w.a.organisation.slug}-\\d{4}-\\d{2}-\\d{2}-ai-act-registration-pack\\.csv$`));
    const csv = text(file.body);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const rows = parse(csv.slice(1), { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({
      "AI system": "Benefits triage",
      "Annex III area": "Annex III point 5: Access to essential private and public services and benefits",
      "Deployer's name": "Stadt Musterhausen",
      "Deployer's address": "Rathausplatz 1\n12345 Musterhausen",
      "Deployer's contact details": "ki@musterhausen.example",
      "Name of the person submitting": "Eva Schmidt",
      "Address of the person submitting": "Rathausplatz 1, 12345 Musterhausen",
      // A leading "+" could start a formula too: neutralised like "=" (lib/inventory/tabular.ts), reversibly.
      "Contact details of the person submitting": "'+49 30 1234567",
      "Provider's EU database entry (URL)": "https://eu-ai-database.example.eu/systems/4711",
      "Data protection impact assessment: summary": "",
      "No data protection impact assessment applies": "yes",
      "Missing (Annex VIII C)": "",
      Complete: "yes",
    });
    expect(rows[1]).toMatchObject({
      "AI system": "Citizen chatbot",
      "Annex III area": "Not recorded",
      "Fundamental rights impact assessment: summary of findings": "'=HYPERLINK(\"http://evil.example\")",
      "Missing (Annex VIII C)":
        "Name of the person submitting; Address of the person submitting; Contact details of the person submitting; Provider's EU database entry (URL); Data protection impact assessment: summary (or mark that none applies)",
      Complete: "no",
    });
    // B's export holds none of A's.
    expect(text((await exportAiActRegistrationsCsv(w.ctx(w.b, "owner"))).body)).not.toContain("Benefits triage");
    const audit = await db().auditEvent.findFirstOrThrow({ where: { organisationId: w.a.organisation.id, action: "export" }, orderBy: { id: "desc" } });
    expect(audit).toMatchObject({ actorId: w.a.users.analyst.id, entityType: "organisation", after: { file: file.fileName, registrations: 2 } });
  });

  it("is downloaded from the Reports page's route by owners and analysts only", async () => {
    const triage = await systemIn(w.a.organisation.id, "Benefits triage");
    await saveAiActRegistration(w.ctx(w.a, "editor"), input(triage.id, null, PARTIAL));
    const org = w.a.organisation.slug;
    const get = async (kind: string, query = "") => {
      const res = await downloads.GET(new Request(`http://localhost/${org}/reports/exports/${kind}${query}`), { params: Promise.resolve({ org, kind }) });
      return { status: res.status, headers: res.headers, text: await res.text() };
    };
    expect((await get("ai-act-registrations.csv")).status).toBe(401);
    for (const role of ["editor", "viewer"] as const) {
      session.userId = w.a.users[role].id;
      expect((await get("ai-act-registrations.csv")).status).toBe(403);
    }
    session.userId = w.b.users.owner.id;
    expect((await get("ai-act-registrations.csv")).status).toBe(404);
    session.userId = w.a.users.analyst.id;
    const res = await get("ai-act-registrations.csv");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="sovra-[\w.-]+-ai-act-registration-pack\.csv"$/);
    expect(res.text).toContain("Benefits triage");
    // The PDF's options are checked before anything is printed.
    expect((await get("ai-act-registrations.pdf", "?aiSystemId=nope")).status).toBe(422);
    expect((await get("ai-act-registrations.pdf", "?paper=a3")).status).toBe(422);
    expect((await get("ai-act-registrations.pdf", `?aiSystemId=${crypto.randomUUID()}`)).status).toBe(404);
  });
});

// ---- the PDF: the real print page, the real Chromium ------------------------------------------------

/** Stands in for Next: serves the print route by rendering the real page component; a notFound() is a 404. */
async function startPrintServer(): Promise<PrintServer & { urls: string[]; close(): Promise<void> }> {
  const urls: string[] = [];
  const server: Server = createServer((req, res) => {
    urls.push(req.url ?? "");
    const token = decodeURIComponent(req.url?.match(/^\/print\/ai-act-registrations\/([^/?]+)$/)?.[1] ?? "");
    void printHtml(token).then(
      (html) => res.writeHead(html === null ? 404 : 200, { "content-type": "text/html; charset=utf-8" }).end(html ?? "not found"),
      () => res.writeHead(500).end("error"),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    secret: SECRET,
    urls,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** The print page's HTML for a token, or null where the page answers "not found". Without React in the browser, a script marks it ready. */
async function printHtml(token: string): Promise<string | null> {
  try {
    const markup = renderToStaticMarkup(createElement("div", null, await printPage({ params: Promise.resolve({ token }) })));
    return `<!doctype html><html lang="en"><body>${markup}<script>document.querySelector("[data-report-ready]").dataset.reportReady = "true"</script></body></html>`;
  } catch (e) {
    if (String((e as { digest?: string }).digest ?? "").startsWith("NEXT_HTTP_ERROR_FALLBACK;404")) return null;
    throw e;
  }
}

describe("the registration pack as PDF", () => {
  let w: World;
  let server: Awaited<ReturnType<typeof startPrintServer>>;
  let triageId: string;
  let chatId: string;
  beforeAll(async () => {
    w = await twoOrganisations();
    server = await startPrintServer();
    const editor = w.ctx(w.a, "editor");
    triageId = (await systemIn(w.a.organisation.id, "Benefits triage")).id;
    chatId = (await systemIn(w.a.organisation.id, "Citizen chatbot", "Answers residents' questions on the city website")).id;
    await saveAiActRegistration(editor, input(triageId, null, COMPLETE));
    await saveAiActRegistration(editor, input(chatId, null, { ...PARTIAL, annexIIIArea: "2" }));
  });
  afterAll(async () => {
    await closeBrowser();
    await server?.close();
    delete process.env.CHROMIUM_PATH;
  });

  it("renders the print page: one form per AI system, the five items in the Regulation's words, the answers, what is missing marked", async () => {
    const token = createRegistrationPackToken({ organisationId: w.a.organisation.id, userId: w.a.users.viewer.id, paper: "a4" }, SECRET);
    // A viewer's token: the page checks the requesting member's permission itself.
    expect(await printHtml(token)).toBeNull();
    const html = (await printHtml(createRegistrationPackToken({ organisationId: w.a.organisation.id, userId: w.a.users.analyst.id, paper: "letter" }, SECRET)))!;
    expect(html).toContain('data-report-ready="false"');
    expect(html).toContain('data-paper="letter"');
    expect(html.match(/<article class="registration-form/g)).toHaveLength(2);
    expect(html.indexOf("Benefits triage")).toBeLessThan(html.indexOf("Citizen chatbot"));
    expect(html).toContain("1. The name, address and contact details of the deployer");
    expect(html).toContain("3. The URL of the entry of the AI system in the EU database by its provider");
    expect(html).toContain('href="https://eu-ai-database.example.eu/systems/4711"');
    expect(html).toContain("Not applicable: the deployer recorded that no data protection impact assessment applies");
    expect(html).toContain("Complete:");
    // The chatbot's form: five answers missing, each marked, and the note on Annex III point 2.
    expect(html.match(/data-missing="true"/g)).toHaveLength(5);
    expect(html).toContain("Still missing (5):");
    expect(html).toContain("Art. 49(3) does not cover Annex III point 2");
    expect(html).toMatch(/@page \{\s*size: letter;/);
  });

  it("opens only for its own kind of token, a member who still reaches the organisation, and that organisation's AI system", async () => {
    const forA = { organisationId: w.a.organisation.id, userId: w.a.users.owner.id, paper: "a4" as const };
    expect(await printHtml("garbage")).toBeNull();
    expect(await printHtml(createPrintToken({ ...forA, assessmentId: crypto.randomUUID() }, SECRET))).toBeNull();
    expect(await printHtml(createRegistrationPackToken(forA, "another-secret-another-secret-another-secret"))).toBeNull();
    expect(await printHtml(createRegistrationPackToken({ ...forA, userId: w.b.users.owner.id }, SECRET))).toBeNull();
    expect(await printHtml(createRegistrationPackToken({ organisationId: w.b.organisation.id, userId: w.b.users.owner.id, paper: "a4", aiSystemId: triageId }, SECRET))).toBeNull();
    const one = (await printHtml(createRegistrationPackToken({ ...forA, aiSystemId: chatId }, SECRET)))!;
    expect(one).toContain("Citizen chatbot");
    expect(one).not.toContain("Benefits triage");
  });

  it("prints the pack with the real Chromium, and one AI system's form on request", { timeout: 90_000 }, async () => {
    const analyst = w.ctx(w.a, "analyst");
    const file = await exportAiActRegistrationsPdf(analyst, {}, server);
    expect(file.contentType).toBe("application/pdf");
    expect(file.fileName).toMatch(/-ai-act-registration-pack\.pdf$/);
    expect(Buffer.from(file.body.subarray(0, 5)).toString()).toBe("%PDF-");
    expect(server.urls.at(-1)).toMatch(/^\/print\/ai-act-registrations\/[\w-]+\.[\w-]+$/);
    const pdf = (await pdfToolOnBytes("pdftotext", file.body)).replace(/\s+/g, " ");
    expect(pdf).toContain("Registration of the use of a high-risk AI system: Benefits triage");
    expect(pdf).toContain("Registration of the use of a high-risk AI system: Citizen chatbot");
    expect(pdf).toContain("The name, address and contact details of the person submitting information on behalf of the deployer");
    expect(pdf).toContain("Eva Schmidt");
    expect(pdf).toContain("Missing: to fill in before registering");
    expect(pdf).toContain(`${w.a.organisation.name} · EU AI Act registration pack`);
    const pages = Number((await pdfToolOnBytes("pdfinfo", file.body)).match(/Pages:\s+(\d+)/)![1]);
    expect(pages).toBeGreaterThanOrEqual(2); // each form starts on a page of its own

    const one = await exportAiActRegistrationsPdf(analyst, { aiSystemId: chatId, paper: "letter" }, server);
    expect(one.fileName).toMatch(/-ai-act-registration-citizen-chatbot\.pdf$/);
    const text = (await pdfToolOnBytes("pdftotext", one.body)).replace(/\s+/g, " ");
    expect(text).toContain("Citizen chatbot");
    expect(text).not.toContain("Benefits triage");
    expect(await pdfToolOnBytes("pdfinfo", one.body)).toMatch(/Page size:\s+612 x 792 pts \(letter\)/);
    const audit = await db().auditEvent.findMany({ where: { organisationId: w.a.organisation.id, action: "export" }, orderBy: { id: "asc" } });
    expect(audit.map((e) => (e.after as { file: string }).file)).toEqual([file.fileName, one.fileName]);
  });

  it("refuses before printing: another organisation's AI system, an empty pack, no Chromium, a role that may not export", async () => {
    const printed = server.urls.length;
    await expect(exportAiActRegistrationsPdf(w.ctx(w.b, "owner"), { aiSystemId: triageId }, server)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(exportAiActRegistrationsPdf(w.ctx(w.b, "owner"), {}, server)).rejects.toMatchObject({ code: "CONFLICT", message: NO_REGISTRATION_MESSAGE });
    await expect(exportAiActRegistrationsPdf(w.ctx(w.a, "editor"), {}, server)).rejects.toMatchObject({ code: "FORBIDDEN" });
    process.env.CHROMIUM_PATH = "/nonexistent/chromium";
    await expect(exportAiActRegistrationsPdf(w.ctx(w.a, "owner"), {}, server)).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/^Chromium was not found at \/nonexistent\/chromium/) });
    delete process.env.CHROMIUM_PATH;
    expect(server.urls.length).toBe(printed);
  });
});
