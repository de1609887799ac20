import { describe, expect, it } from "vitest";
import { checkPolicyEvent, problemsInOneLine } from "./rules";

const IMPOSE = {
  kind: "impose",
  key: "k",
  title: "A ban",
  effectiveDate: "2025-01-01",
  source: "https://example.test",
  type: "ban",
  issuer: "US",
  scope: {},
  restrictions: [{ countries: { only: ["CN"] }, locus: "users", severity: "block" }],
};
const LIFT = { kind: "lift", key: "l", title: "A lift", effectiveDate: "2025-06-01", source: "x", lifts: "k" };

describe("checkPolicyEvent", () => {
  it.each([
    ["a partial lift for a named set and a country", { ...LIFT, countries: { only: ["CH"], sets: ["us-key-allies"] } }],
    ["an estimated date with how it was read and references", { ...IMPOSE, dateEstimated: true, dateNote: "Read from the window the reports name.", references: [{ title: "Report" }, { publisher: "P", title: "T", url: "https://example.test/t", note: "n" }] }],
    ["a licence term on the licensee's country", { ...IMPOSE, type: "licence-term", issuer: "vendor", restrictions: [{ countries: { only: [], sets: ["eu-member-states"] }, locus: "licensee", severity: "block" }] }],
  ])("accepts %s as the engine reads it", (_what, event) => {
    expect(checkPolicyEvent(event)).toEqual({ ok: true, event });
  });

  it.each([
    ["an unknown named set in a lift", { ...LIFT, countries: { only: [], sets: ["nato"] } }, { countries: [`Country set 1: "nato" is not one of the catalogue's country sets (US key allies and partners, US arms-embargoed destinations (Country Group D:5) and Macau, EU member states, European Economic Area)`] }],
    ["an unknown named set in a restriction", { ...IMPOSE, restrictions: [IMPOSE.restrictions[0], { countries: { allExcept: [], sets: ["atlantis"] }, locus: "any", severity: "block" }] }, { restrictions: [expect.stringMatching(/^Restriction 2, countries, country set 1: "atlantis" is not one/)] }],
    ["a lift for nobody", { ...LIFT, countries: { only: [] } }, { countries: ["Name at least one country or country set"] }],
    ["a reference without a title", { ...LIFT, references: [{ title: "Fine" }, { publisher: "P" }] }, { references: ["Reference 2: enter the title of the text"] }],
    ["a reference whose address is not a web address", { ...LIFT, references: [{ title: "T", url: "javascript:alert(1)" }] }, { references: ["Reference 1: enter a web address starting with https:// or http://"] }],
    ["a reference title too long", { ...LIFT, references: [{ title: "x".repeat(501) }] }, { references: ["Reference 1, title: use at most 500 characters"] }],
    ["a date note too long", { ...LIFT, dateNote: "x".repeat(2001) }, { dateNote: ["Use at most 2,000 characters"] }],
    ["a missing date", { ...LIFT, effectiveDate: undefined, dateEstimated: true }, { effectiveDate: ["Required field is missing (expected a date as YYYY-MM-DD)"] }],
    ["an unknown country", { ...IMPOSE, restrictions: [{ countries: { only: ["ZZ"] }, locus: "users", severity: "block" }] }, { restrictions: ['Restriction 1, countries, country 1: expected an ISO 3166-1 alpha-2 country code such as "DE" or "US", received "ZZ"'] }],
    ["an unknown scope selector", { ...IMPOSE, scope: { planets: ["mars"] } }, { scope: ['"planets" is not a field here'] }],
    ["an expiry before the start", { ...IMPOSE, expires: "2024-12-31" }, { expires: ["Must be after the effective date"] }],
  ])("refuses %s, in words under its field", (_what, event, problems) => {
    expect(checkPolicyEvent(event)).toEqual({ ok: false, problems });
  });

  it("says every problem in one line", () => {
    const result = checkPolicyEvent({ ...LIFT, countries: { only: [] }, references: [{ publisher: "P" }] });
    expect(!result.ok && problemsInOneLine(result.problems)).toBe("Reference 1: enter the title of the text; Name at least one country or country set");
  });
});
