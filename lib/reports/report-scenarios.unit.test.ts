import { describe, expect, it } from "vitest";
import { baselineNote } from "./report-scenarios";

describe("baselineNote", () => {
  it("says nothing when the scenario starts from the headline score", () => {
    expect(baselineNote(72.94, "2026-09-07", { score: 72.9, asOf: "2026-09-07" })).toBeNull();
  });

  it("explains a start from another score by the scenario's own date, with both dates written out", () => {
    expect(baselineNote(68.25, "2027-03-01", { score: 72.9, asOf: "2026-09-07" })).toBe(
      "It starts from 68.3, not the headline 72.9: the scenario is dated 1 March 2027, and the frozen inventory is scored against the policy landscape of that day, with what is in force or lifted by then, rather than of the assessment's date, 7 September 2026.",
    );
  });

  it("names the frozen catalogue events when the dates are the same", () => {
    expect(baselineNote(70, "2026-09-07", { score: 72.9, asOf: "2026-09-07" })).toMatch(/^It starts from 70\.0, not the headline 72\.9: .*catalogue's policy events as frozen/);
  });
});
