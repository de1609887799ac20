import { describe, expect, it } from "vitest";
import { activePolicyEvents, compareAsOf, compareResults, DEFAULT_POLICY_EVENTS, diffLandscapes, scoreInventory } from ".";
import { loadExample } from "./testing/examples";

describe("the policy landscape over time", () => {
  it.each([
    ["2024-12-31", false],
    ["2025-01-12", false],
    ["2025-01-13", true],
    ["2025-01-15", true],
    ["2025-05-12", true],
    ["2025-05-13", false],
  ])("on %s the AI diffusion rule in force is %s", (asOf, inForce) => {
    expect(activePolicyEvents(DEFAULT_POLICY_EVENTS, asOf).some((e) => e.key === "us-ai-diffusion-rule-2025")).toBe(inForce);
  });

  it("explains a lifted event by the event that lifted it", () => {
    const changes = diffLandscapes({ events: DEFAULT_POLICY_EVENTS, asOf: "2025-03-01" }, { events: DEFAULT_POLICY_EVENTS, asOf: "2025-08-01" });
    expect(changes).toContainEqual(expect.objectContaining({ change: "lifted", because: "BIS rescinds the AI Diffusion rule", effectiveDate: "2025-05-13" }));
    expect(changes).toContainEqual(expect.objectContaining({ change: "lifted", because: expect.stringContaining("revokes the Syria sanctions") }));
  });

  it("explains an imposed event by its own title", () => {
    const changes = diffLandscapes({ events: DEFAULT_POLICY_EVENTS, asOf: "2024-12-01" }, { events: DEFAULT_POLICY_EVENTS, asOf: "2025-02-01" });
    expect(changes.map((c) => [c.change, c.event.key])).toEqual([["imposed", "us-ai-diffusion-rule-2025"]]);
  });

  it("compares two dates: what changed, by how much, and why", () => {
    const doc = loadExample("frankfurt-manufacturer");
    const c = compareAsOf(doc, { asOf: "2025-03-01" }, { asOf: "2026-11-01" });
    expect(c.landscape.lifted.map((e) => e.key)).toContain("us-ai-diffusion-rule-2025");
    const sys = c.systems.find((s) => s.key === "supplier-risk")!;
    expect(sys.factors.find((f) => f.id === "jurisdiction.restrictions")!.delta).toBeGreaterThan(0);
    expect(c.landscapeChanges.find((x) => x.event.key === "us-ai-diffusion-rule-2025")!.because).toBe("BIS rescinds the AI Diffusion rule");
  });

  it("compares two landscapes on the same date", () => {
    const doc = loadExample("frankfurt-manufacturer");
    const withRule = DEFAULT_POLICY_EVENTS.filter((e) => e.key !== "us-ai-diffusion-rule-2025-rescinded");
    const a = scoreInventory(doc, { asOf: "2026-11-01" });
    const b = scoreInventory(doc, { asOf: "2026-11-01", landscape: withRule });
    const c = compareResults(a, b);
    expect(c.landscape.imposed.map((e) => e.key)).toEqual(["us-ai-diffusion-rule-2025"]);
    expect(c.organisation.delta).toBeLessThan(0);
  });

  it("reports no change when nothing changed", () => {
    const doc = loadExample("uk-bank");
    const c = compareResults(scoreInventory(doc, { asOf: "2026-11-01" }), scoreInventory(doc, { asOf: "2026-11-01" }));
    expect(c.organisation.delta).toBe(0);
    expect(c.systems).toEqual([]);
  });
});
