import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";
import { DEFAULT_POLICY_EVENTS } from "@/scoring/catalogue";
import type { ImposeEvent, LiftEvent } from "@/scoring/schema/policy-event";

// The form's server actions need a request; rendering the form needs only their identity.
vi.mock("@/lib/policy-events/actions", () => ({ createPolicyEventAction: async () => ({ status: "idle" }), updatePolicyEventAction: async () => ({ status: "idle" }) }));
const { PolicyEventForm } = await import("./policy-event-form");

const restriction = DEFAULT_POLICY_EVENTS.find((e) => e.key === "us-anthropic-model-export-restriction") as ImposeEvent;
const eased = DEFAULT_POLICY_EVENTS.find((e) => e.key === "us-anthropic-model-export-restriction-eased-allies") as LiftEvent;
const props = { orgSlug: "mainfeld", orgName: "Mainfeld", vendors: [{ key: "anthropic", name: "Anthropic" }], liftable: [{ key: restriction.key, title: restriction.title }], officeCountries: ["DE"] };
/** The whole opening tag of the input with this name. */
const inputTag = (html: string, name: string) => html.match(new RegExp(`<input[^>]*name="${name}"[^>]*>`))?.[0] ?? "";
const render = (extra: object) => renderToStaticMarkup(createElement(PolicyEventForm, { ...props, ...extra }));
const hidden = (html: string, name: string) => {
  const m = html.match(new RegExp(`<input type="hidden" name="${name}" value="([^"]*)"`));
  return m ? JSON.parse(m[1]!.replaceAll("&quot;", '"').replaceAll("&amp;", "&").replaceAll("&#x27;", "'")) : undefined;
};

describe("the policy event form", () => {
  it("opens a catalogue event for correction with its fields, its key, its estimated mark, how its date was read and its references", () => {
    const html = render({ correcting: restriction });
    expect(html).toContain('<input type="hidden" name="key" value="us-anthropic-model-export-restriction"/>');
    expect(html).not.toMatch(/<label[^>]*>Key<\/label>/); // the key is not the user's to change here
    expect(html).toContain("Correcting the catalogue&#x27;s &quot;US export restriction on Anthropic&#x27;s advanced models&quot;");
    expect(inputTag(html, "dateEstimated")).toMatch(/type="checkbox".* checked=""/);
    expect(html).toContain("This date is an estimate");
    expect(html).toContain('value="2026-03-02"');
    expect(html).toContain("Sovra&#x27;s reading dates the restriction to 2 March 2026");
    expect(hidden(html, "references")).toEqual(restriction.references);
    expect(hidden(html, "restrictions")).toEqual(restriction.restrictions);
    expect(hidden(html, "scope")).toEqual(restriction.scope);
    expect(html).toContain("Save your correction");
  });

  it("shows a partial lift's named set as chosen and sends its countries; a full lift sends none", () => {
    const html = render({ correcting: eased });
    expect(hidden(html, "countries")).toEqual({ only: [], sets: ["us-key-allies"] });
    expect(html).toMatch(/aria-pressed="true"[^>]*>.*?US key allies and partners<\/button>/);
    expect(html).toContain("Includes US key allies and partners: 18 countries as of <time");
    expect(html).toContain("Only for these countries");
    const full = render({ liftKey: restriction.key });
    expect(hidden(full, "countries")).toBeUndefined();
    expect(inputTag(full, "dateEstimated")).toContain('type="checkbox"');
    expect(inputTag(full, "dateEstimated")).not.toContain("checked");
  });

  it("offers licence terms and the licensee locus", () => {
    const html = render({});
    expect(html).toContain('<option value="licence-term">Licence term (rights withheld from licensees in a region)</option>');
    expect(html).toContain('<option value="licensee">Organisations based in these countries (the licensee: your headquarters)</option>');
  });
});
