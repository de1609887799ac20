import { describe, expect, it } from "vitest";
import { count, inSentence, possessive } from "./words";
import { scoreInventory } from ".";
import { suggestRemediations } from "./remediation";
import { loadExample } from "./testing/examples";

describe("possessive", () => {
  it.each([
    ["Mainfeld Maschinenbau AG", "Mainfeld Maschinenbau AG's"],
    ["Amazon Web Services", "Amazon Web Services'"],
    ["OVHcloud", "OVHcloud's"],
    ["Albion Mutual Bank plc ", "Albion Mutual Bank plc's"],
    ["SIEMENS", "SIEMENS'"],
  ])("%s -> %s", (name, expected) => {
    expect(possessive(name)).toBe(expected);
  });
});

describe("count", () => {
  it("says one and many in words, never (s)", () => {
    expect(count(1, "hour")).toBe("1 hour");
    expect(count(3, "hour")).toBe("3 hours");
    expect(count(0, "AI system")).toBe("0 AI systems");
    expect(count(1200, "flow")).toBe("1,200 flows");
    expect(count(2, "personal-data flow")).toBe("2 personal-data flows");
    expect(count(2, "dependency", "dependencies")).toBe("2 dependencies");
  });
});

describe("what the engine writes", () => {
  it.each(["frankfurt-manufacturer", "uk-bank", "us-startup"])("%s: no '(s)' counts and no \"s's\" possessives in any sentence", (name) => {
    const doc = loadExample(name);
    const text = JSON.stringify([scoreInventory(doc, { asOf: "2026-12-01" }), suggestRemediations(doc, { asOf: "2026-12-01", limit: 50 })]);
    expect(text.length).toBeGreaterThan(1000);
    expect(text).not.toMatch(/\w\(s\)/);
    expect(text).not.toMatch(/s's\b/);
  });
});

describe("inSentence", () => {
  it("lower-cases a word, never an acronym", () => {
    expect(inSentence("Vendor")).toBe("vendor");
    expect(inSentence("Data flow")).toBe("data flow");
    expect(inSentence("AI system")).toBe("AI system");
    expect(inSentence("EU AI Act registration")).toBe("EU AI Act registration");
  });
});
