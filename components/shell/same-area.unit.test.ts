import { describe, expect, it } from "vitest";
import { sameAreaPath } from "./same-area";

describe("switching organisation keeps the area", () => {
  it.each([
    ["/mainfeld", "/albion-mutual"],
    ["/mainfeld/", "/albion-mutual"],
    ["/mainfeld/scores", "/albion-mutual/scores"],
    ["/mainfeld/inventory/vendors", "/albion-mutual/inventory/vendors"],
    ["/mainfeld/inventory/vendors/0193a5b2-7c1e-7def-8a00-1234567890ab", "/albion-mutual/inventory/vendors"],
    ["/mainfeld/inventory/ai-systems/new", "/albion-mutual/inventory/ai-systems"],
    ["/mainfeld/scores/assessments/compare", "/albion-mutual/scores/assessments"],
    ["/mainfeld/settings/audit/42", "/albion-mutual/settings/audit"],
    ["/mainfeld/scenarios/0193a5b2-7c1e-7def-8a00-1234567890ab", "/albion-mutual/scenarios"],
    ["/mainfeld/scenarios/policy-events/0193a5b2-7c1e-7def-8a00-1234567890ab", "/albion-mutual/scenarios/policy-events"],
    ["/mainfeld/account", "/albion-mutual/account"],
  ])("%s -> %s", (from, to) => {
    expect(sameAreaPath(from, "albion-mutual")).toBe(to);
  });
});
