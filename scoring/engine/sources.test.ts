import { describe, expect, it } from "vitest";
import type { ExtraterritorialLaw } from "../catalogue";
import type { ImposeEvent } from "../schema/policy-event";
import { eventSource, lawSource, SOURCES } from "./sources";

// The caches are module-level: every test uses its own keys so that no test sees another's entry.
const event = (key: string, over: Partial<ImposeEvent> = {}): ImposeEvent => ({
  kind: "impose",
  key,
  title: "Export control on frontier weights",
  effectiveDate: "2025-01-13",
  source: "BIS interim final rule",
  type: "export-control",
  issuer: "US",
  scope: {},
  restrictions: [{ countries: { only: ["CN"] }, locus: "users", severity: "block" }],
  ...over,
});

const law = (key: string, over: Partial<ExtraterritorialLaw> = {}): ExtraterritorialLaw => ({
  key,
  name: "CLOUD Act",
  since: "2018-03-23",
  summary: "US providers must disclose data they control wherever it is stored.",
  source: "18 U.S.C. 2713",
  ...over,
});

describe("eventSource", () => {
  it("cites a policy event by key, with its title, date and source", () => {
    expect(eventSource(event("src-plain"))).toEqual({
      kind: "policy-event",
      ref: "src-plain",
      title: "Export control on frontier weights (in force from 2025-01-13; BIS interim final rule)",
    });
  });

  it("marks an estimated date", () => {
    expect(eventSource(event("src-estimated", { dateEstimated: true })).title).toBe(
      "Export control on frontier weights (in force from 2025-01-13, estimated date; BIS interim final rule)",
    );
  });

  it("does not mark a date that is explicitly not estimated", () => {
    expect(eventSource(event("src-not-estimated", { dateEstimated: false })).title).toBe(
      "Export control on frontier weights (in force from 2025-01-13; BIS interim final rule)",
    );
  });

  it("adds its references, quoted, with the publisher when known, separated by semicolons", () => {
    const src = eventSource(
      event("src-refs", {
        references: [
          { publisher: "Reuters", title: "US tightens AI chip rules" },
          { title: "Federal Register notice 2025-00636" },
        ],
      }),
    );
    expect(src.title).toBe(
      'Export control on frontier weights (in force from 2025-01-13; BIS interim final rule; Reuters: "US tightens AI chip rules"; "Federal Register notice 2025-00636")',
    );
  });

  it("adds nothing for an empty reference list", () => {
    expect(eventSource(event("src-empty-refs", { references: [] })).title).toBe(
      "Export control on frontier weights (in force from 2025-01-13; BIS interim final rule)",
    );
  });

  it("returns the same frozen record for the same event", () => {
    const first = eventSource(event("src-cached"));
    expect(Object.isFrozen(first)).toBe(true);
    expect(eventSource(event("src-cached"))).toBe(first);
  });

  it("keeps events apart whose key and title only run together the same way", () => {
    // Without a separator in the cache key, "src-sep-a" + "bX" and "src-sep-ab" + "X" would collide.
    const a = eventSource(event("src-sep-a", { title: "bX" }));
    const b = eventSource(event("src-sep-ab", { title: "X" }));
    expect(a).toEqual({ kind: "policy-event", ref: "src-sep-a", title: "bX (in force from 2025-01-13; BIS interim final rule)" });
    expect(b).toEqual({ kind: "policy-event", ref: "src-sep-ab", title: "X (in force from 2025-01-13; BIS interim final rule)" });
  });

  it("gives a renamed event (same key, new title) its own record", () => {
    eventSource(event("src-renamed", { title: "Old title" }));
    expect(eventSource(event("src-renamed", { title: "New title" })).title).toBe("New title (in force from 2025-01-13; BIS interim final rule)");
  });

  // The cache was keyed by key and title alone: a document's event overriding the catalogue's under
  // the same key and title, with another date, was cited with the first version's date.
  it("cites the date of the event it is given, not of an earlier event with the same key and title", () => {
    eventSource(event("src-redated", { effectiveDate: "2025-01-13" }));
    expect(eventSource(event("src-redated", { effectiveDate: "2025-03-01" })).title).toBe("Export control on frontier weights (in force from 2025-03-01; BIS interim final rule)");
  });
});

describe("lawSource", () => {
  it("cites an extraterritorial law by key, with its name and source", () => {
    expect(lawSource(law("law-cloud-act"))).toEqual({ kind: "law", ref: "law-cloud-act", title: "CLOUD Act (18 U.S.C. 2713)" });
  });

  it("returns the same frozen record for the same law", () => {
    const first = lawSource(law("law-cached", { name: "FISA Section 702", source: "50 U.S.C. 1881a" }));
    expect(first.title).toBe("FISA Section 702 (50 U.S.C. 1881a)");
    expect(Object.isFrozen(first)).toBe(true);
    expect(lawSource(law("law-cached", { name: "FISA Section 702", source: "50 U.S.C. 1881a" }))).toBe(first);
  });
});

describe("SOURCES", () => {
  it("are frozen records of the documented kinds", () => {
    expect(SOURCES.gdprTransfers).toEqual({ kind: "law", ref: "GDPR Art. 44-49", title: "Regulation (EU) 2016/679 (GDPR), Chapter V: transfers of personal data" });
    expect(SOURCES.hhi.kind).toBe("method");
    expect(SOURCES.doraExit.kind).toBe("framework");
    expect(Object.isFrozen(SOURCES.method)).toBe(true);
  });
});
