import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { DEFAULT_POLICY_EVENTS } from "@/scoring/catalogue";
import type { ImposeEvent, LiftEvent } from "@/scoring/schema/policy-event";
import { EMPTY_COUNTRY_SET_DRAFT, isEmptyCountrySetDraft, toCountrySet, toCountrySetDraft } from "@/components/scenarios/country-set-field";
import { describeShocks, shockNames } from "@/components/scenarios/describe";
import { EventEvidence } from "./event-evidence";
import { EventOrigin, EventStatus } from "./event-status";
import { toReferenceDrafts, toReferences } from "./reference-fields";
import { countrySetWords, eventNames, issuerWords, liftWords, restrictsWords } from "./words";

const catalogue = <T>(key: string) => DEFAULT_POLICY_EVENTS.find((e) => e.key === key) as T;
const restriction = catalogue<ImposeEvent>("us-anthropic-model-export-restriction");
const eased = catalogue<LiftEvent>("us-anthropic-model-export-restriction-eased-allies");
const llama = catalogue<ImposeEvent>("meta-llama-3.2-multimodal-eu-licensees");
const html = (element: Parameters<typeof renderToStaticMarkup>[0]) => renderToStaticMarkup(element);

describe("policy events in words", () => {
  it("names the countries a partial lift frees, with the size of a named set, and says everyone else stays restricted", () => {
    expect(liftWords(eased.countries)).toBe("Lifts it for US key allies and partners (18 countries); everyone else stays restricted");
    expect(liftWords(undefined)).toBe("Lifts it for everyone");
    expect(countrySetWords({ only: ["CH"], sets: ["us-key-allies", "eea"] })).toBe("Switzerland, US key allies and partners and European Economic Area (38 countries)");
    expect(countrySetWords({ allExcept: ["US"] })).toBe("every country except the United States");
  });

  it("says whom an event restricts by the names of vendors, models and countries, never their keys", () => {
    expect(restrictsWords(restriction, eventNames())).toBe("Anthropic, closed models: blocked for users in or hosting in every country except the United States");
    const llamaWords = restrictsWords(llama, eventNames());
    expect(llamaWords).toMatch(/^Llama 3\.2 Vision.*via self-hosted: blocked for organisations based in EU member states \(27 countries\)$/);
    expect(llamaWords).not.toContain("meta-llama-3.2-vision");
    // The organisation's own name for a vendor wins over the catalogue's.
    expect(restrictsWords(restriction, eventNames({ vendors: [{ key: "anthropic", name: "Anthropic PBC" }] }))).toMatch(/^Anthropic PBC, /);
    expect([issuerWords("US"), issuerWords("EU"), issuerWords("vendor")]).toEqual(["United States", "European Union", "The vendor"]);
  });

  it("shows how a date was read and the references, with 'Publisher not named' where the copy held does not say, and links only web addresses", () => {
    const out = html(createElement(EventEvidence, { dateNote: restriction.dateNote, references: [...restriction.references!, { publisher: "Meta", title: "Llama 3.2 Acceptable Use Policy", url: "https://www.llama.com/llama3_2/use-policy/" }] }));
    expect(out).toContain("<summary");
    expect(out).toContain("How this date was read");
    expect(out).toContain("References (4)");
    expect(out.match(/<span>Publisher not named<\/span>/g)).toHaveLength(2); // the catalogue's first two press reports
    expect(out).toContain("Review Nest (editorial team)");
    expect(out).toContain('href="https://www.llama.com/llama3_2/use-policy/"');
    expect(out.match(/<a /g)).toHaveLength(1);
    expect(html(createElement(EventEvidence, {}))).toBe("");
  });
});

describe("user text in rendered HTML", () => {
  it("is escaped as text: markup and quotes in an organisation's own reference and date note never become elements or attributes", () => {
    const attack = `"><script>alert(1)</script><img src=x onerror=alert(2)>`;
    const out = html(createElement(EventEvidence, { dateNote: attack, references: [{ publisher: attack, title: attack, note: attack }, { title: attack, url: `https://example.org/?q="><script>alert(3)</script>` }] }));
    expect(out).not.toMatch(/<script|<img/);
    expect(out).toContain("&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;");
    expect(out.match(/&lt;script&gt;alert\(1\)/g)).toHaveLength(5); // the note, then publisher, title and note of the first reference, and the second's title
    expect(out).toContain('href="https://example.org/?q=&quot;&gt;&lt;script&gt;alert(3)&lt;/script&gt;"');
  });
});

describe("an event's status and origin", () => {
  it("says an event narrowed by partial lifts is in force and partly lifted, on which (estimated) date, and for whom", () => {
    const out = html(
      createElement(EventStatus, {
        item: { event: restriction, origin: "catalogue", correctedByOwn: false, status: "in-force", partialLifts: [{ key: eased.key, title: eased.title, effectiveDate: "2026-07-13", dateEstimated: true, countries: eased.countries! }] },
      }),
    );
    expect(out).toContain("In force, partly lifted");
    expect(out).toMatch(/Partly lifted on <span[^>]*><time dateTime="2026-07-13"[^>]*>13 Jul 2026<\/time> <span[^>]*>estimated<\/span><\/span> for US key allies and partners \(18 countries\); everyone else stays restricted\./);
  });

  it("marks a corrected catalogue event as not applied and the organisation's correction as applying", () => {
    expect(html(createElement(EventStatus, { item: { event: restriction, origin: "catalogue", correctedByOwn: true, status: "not-yet" } }))).toContain("Not applied: your organisation&#x27;s correction applies instead");
    expect(html(createElement(EventOrigin, { item: { event: restriction, origin: "catalogue", correctedByOwn: true, status: "not-yet" } }))).toContain("Catalogue, corrected by your organisation");
    expect(html(createElement(EventOrigin, { item: { event: restriction, origin: "own", correctsCatalogue: true, status: "not-yet" } }))).toContain("Own correction, applies");
    expect(html(createElement(EventStatus, { item: { event: restriction, origin: "own", status: "lifted", liftedBy: "Lifted for all" } }))).toMatch(/>Lifted<.*by Lifted for all/);
  });
});

describe("the country set field's draft", () => {
  it("round-trips listed countries and named sets, in the catalogue's order", () => {
    for (const set of [{ only: ["CH"], sets: ["us-key-allies", "eea"] }, { allExcept: ["US"] }, { only: [], sets: ["eu-member-states"] }, { allExcept: [], sets: ["us-country-group-d5"] }]) {
      expect(toCountrySet(toCountrySetDraft(set))).toEqual(set);
    }
    expect(toCountrySet({ mode: "only", codes: "ch, de ch", sets: ["eea", "us-key-allies"] })).toEqual({ only: ["CH", "DE"], sets: ["us-key-allies", "eea"] });
  });

  it("is empty only without countries and sets (a full lift, or no selector)", () => {
    expect(isEmptyCountrySetDraft(EMPTY_COUNTRY_SET_DRAFT)).toBe(true);
    expect(isEmptyCountrySetDraft({ mode: "allExcept", codes: " , ", sets: [] })).toBe(true);
    expect(isEmptyCountrySetDraft({ mode: "only", codes: "", sets: ["eea"] })).toBe(false);
  });

  it("names the sets in a scenario's description", () => {
    expect(describeShocks("EU cut-off", [{ type: "vendor-blocked", vendor: "openai", countries: { only: ["CH"], sets: ["eu-member-states"] } }])).toEqual(["openai blocked for users in Switzerland and EU member states"]);
    // With the inventory's names, people read the vendor as the inventory names it; an unknown key stays.
    const names = new Map([["openai", "OpenAI"]]);
    expect(describeShocks("EU cut-off", [{ type: "vendor-blocked", vendor: "openai", countries: { only: ["CH"], sets: ["eu-member-states"] } }], names)).toEqual(["OpenAI blocked for users in Switzerland and EU member states"]);
    expect(describeShocks("Region", [{ type: "cloud-region-lost", cloud: "aws", region: "eu-central-1" }], names)[0]).toMatch(/^aws /);
    // A shock may name a vendor by its catalogue key: the inventory's name is found for it too.
    const byCatalogue = shockNames({ vendors: [{ key: "amazon-web-services", catalogueKey: "amazon", name: "Amazon Web Services" }], models: [] } as unknown as Parameters<typeof shockNames>[0]);
    expect(describeShocks("Region", [{ type: "cloud-region-lost", cloud: "amazon", region: "eu-central-1" }], byCatalogue)[0]).toMatch(/^Amazon Web Services loses eu-central-1/);
  });
});

describe("the reference fields' drafts", () => {
  it("drop blank rows and blank fields, keep a row without a title for the server to name, and round-trip stored references", () => {
    expect(toReferences([{ publisher: " ", title: "", url: "", note: "" }, { publisher: "BIS", title: "", url: "", note: "" }, { publisher: "", title: " Notice ", url: "", note: "why" }])).toEqual([{ publisher: "BIS" }, { title: "Notice", note: "why" }]);
    expect(toReferences(toReferenceDrafts(restriction.references))).toEqual(restriction.references);
  });
});
