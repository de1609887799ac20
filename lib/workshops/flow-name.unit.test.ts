import { describe, expect, it } from "vitest";
import { FLOW_NAME_MAX, suggestFlowName } from "./flow-name";

describe("suggestFlowName", () => {
  it("names a flow by its office and route, as the import does", () => {
    expect(suggestFlowName("Munich HQ", "Support bot (GPT-4o)", new Set())).toBe("Munich HQ → Support bot (GPT-4o)");
  });

  it("suggests nothing until both the office and the dependency are chosen", () => {
    expect(suggestFlowName(undefined, "Support bot (GPT-4o)", new Set())).toBe("");
    expect(suggestFlowName("Munich HQ", undefined, new Set())).toBe("");
  });

  it("numbers a name that is taken, from #2 on", () => {
    const taken = new Set(["Munich HQ → Support bot (GPT-4o)", "Munich HQ → Support bot (GPT-4o) #2"]);
    expect(suggestFlowName("Munich HQ", "Support bot (GPT-4o)", taken)).toBe("Munich HQ → Support bot (GPT-4o) #3");
  });

  it("cuts a long name to the schema's length, keeping its number", () => {
    const long = suggestFlowName("O".repeat(100), "R".repeat(100), new Set());
    expect(long).toHaveLength(FLOW_NAME_MAX);
    expect(long.endsWith("…")).toBe(true);
    const numbered = suggestFlowName("O".repeat(100), "R".repeat(100), new Set([long]));
    expect(numbered).toHaveLength(FLOW_NAME_MAX);
    expect(numbered.endsWith("… #2")).toBe(true);
  });
});
