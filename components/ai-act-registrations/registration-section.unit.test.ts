import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";
import type { RegistrationFields } from "@/lib/ai-act-registrations/annex-viii";

// The form's server action needs a request; rendering the section needs only its identity.
vi.mock("@/lib/ai-act-registrations/actions", () => ({ saveAiActRegistrationAction: async () => ({ status: "idle" }) }));
const { RegistrationSection } = await import("./registration-section");

const SYSTEM = "0193a000-0000-7000-8000-000000000001";
const partial: RegistrationFields & { version: number; updatedAt: Date } = {
  annexIIIArea: "2",
  deployerName: "Stadtwerke Musterhausen",
  deployerAddress: "Werkstraße 1",
  deployerContact: "ki@stadtwerke.example",
  submitterName: "",
  submitterAddress: "",
  submitterContact: "",
  providerEuDatabaseUrl: "https://eu-database.example.eu/entry/7",
  friaSummary: "",
  dpiaSummary: "",
  dpiaNotApplicable: true,
  version: 4,
  updatedAt: new Date("2026-12-01T10:15:00Z"),
};
const props = { orgSlug: "stadt", aiSystemId: SYSTEM, organisationName: "Stadt Musterhausen", canWrite: true, canExport: true, pdfProblem: null };
const render = (extra: object) => renderToStaticMarkup(createElement(RegistrationSection, { ...props, registration: partial, ...extra }));
const inputTag = (html: string, name: string) => html.match(new RegExp(`<input[^>]*name="${name}"[^>]*>`))?.[0] ?? "";

describe("the AI system page's EU AI Act registration", () => {
  it("shows each answer under its Annex VIII C item and what is missing in words, with the area and its note, and no internal keys", () => {
    const html = render({});
    expect(html).toContain("EU AI Act registration (Annex VIII C)");
    expect(html).toContain("Still missing (4):</strong> Name of the person submitting; Address of the person submitting; Contact details of the person submitting; Fundamental rights impact assessment: summary of findings.");
    expect(html).toContain("Annex III point 2: Critical infrastructure");
    expect(html).toContain("Art. 49(3) does not cover Annex III point 2");
    expect(html).toContain("Not applicable: no data protection impact assessment applies");
    expect(html).toContain('href="https://eu-database.example.eu/entry/7"');
    expect(html.match(/>Missing</g)).toHaveLength(4);
    expect(html).not.toMatch(/>(deployerName|friaSummary|dpiaNotApplicable|annexIIIArea)</);
    expect(html).toContain(`href="/stadt/reports/exports/ai-act-registrations.pdf?aiSystemId=${SYSTEM}"`);
  });

  it("gives editors the form filled with the registration and the version it was read at", () => {
    const html = render({});
    expect(inputTag(html, "version")).toContain('value="4"');
    expect(inputTag(html, "aiSystemId")).toContain(`value="${SYSTEM}"`);
    expect(inputTag(html, "deployerName")).toContain('value="Stadtwerke Musterhausen"');
    expect(inputTag(html, "dpiaNotApplicable")).toContain('checked=""');
    expect(html).toMatch(/<option value="2" selected="">2\. Critical infrastructure<\/option>/);
    expect(html).toContain("Edit registration");
  });

  it("without a registration: says so, and the form starts with the organisation's name as the deployer's and no version", () => {
    const html = render({ registration: null });
    expect(html).toContain("No registration recorded for this AI system.");
    expect(html).not.toContain("Still missing");
    expect(inputTag(html, "version")).toContain('value=""');
    expect(inputTag(html, "deployerName")).toContain('value="Stadt Musterhausen"');
    expect(html).toContain("Filled in with the organisation&#x27;s name");
    expect(html).not.toContain("Download this form");
  });

  it("offers viewers no form and no PDF, and no PDF where the server cannot print", () => {
    const viewer = render({ canWrite: false, canExport: false });
    expect(viewer).not.toContain("<form");
    expect(viewer).not.toContain("Download this form");
    expect(render({ pdfProblem: "Chromium was not found" })).not.toContain("Download this form");
  });

  it("says the registration is complete when nothing is missing", () => {
    const html = render({ registration: { ...partial, submitterName: "Eva", submitterAddress: "Werkstraße 1", submitterContact: "eva@stadtwerke.example", friaSummary: "Findings" } });
    expect(html).toContain("Complete:</strong> every Annex VIII C item is filled in.");
    expect(html).not.toContain(">Missing<");
  });
});
