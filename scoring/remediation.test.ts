import { describe, expect, it } from "vitest";
import { scoreInventory, suggestRemediations } from ".";
import { loadExample } from "./testing/examples";
import { smallDoc } from "./testing/fixtures";
import type { InventoryDocument } from "./schema/inventory";
import type { Remediation } from "./remediation";

const AS_OF = "2026-11-01";

/** Applies a suggestion to the document the slow way, for comparison with the incremental gain. */
function apply(doc: InventoryDocument, r: Remediation, AS_OF: string): InventoryDocument {
  const dep = doc.dependencies.find((d) => d.key === r.dependency)!;
  const sys = doc.aiSystems.find((s) => s.key === dep.system)!;
  const best = scoreInventory(doc, { asOf: AS_OF }).dependencies.find((d) => d.key === dep.key)!.bestFallback;
  const openModel = doc.models.filter((m) => m.weights === "open" && /apache-2\.0|mit/i.test(m.licence ?? "")).sort((a, b) => (a.key < b.key ? -1 : 1))[0]!;
  const replaceDep = (next: typeof dep) => ({ ...doc, dependencies: doc.dependencies.map((d) => (d.key === dep.key ? next : d)) });
  switch (r.kind) {
    case "add-independent-fallback":
      return { ...doc, fallbacks: [...doc.fallbacks, { key: `${dep.key}:suggested-fallback`, dependency: dep.key, model: openModel.key, accessPath: "self-hosted", hostingRegion: { country: doc.organisation.hqCountry }, lastTested: AS_OF, switchTimeHours: sys.toleratedDowntimeHours }] };
    case "test-fallback":
      return { ...doc, fallbacks: doc.fallbacks.map((f) => (f.key === best ? { ...f, lastTested: AS_OF } : f)) };
    case "shorten-switch-time":
      return { ...doc, fallbacks: doc.fallbacks.map((f) => (f.key === best ? { ...f, switchTimeHours: sys.toleratedDowntimeHours } : f)) };
    case "document-exit-plan":
      return replaceDep({ ...dep, exitPlan: { documented: true, lastReviewed: AS_OF }, contract: { ...dep.contract, exitTerms: true } });
    case "move-hosting-home":
      return replaceDep({ ...dep, ...(dep.accessPath !== "direct-api" ? { hostingRegion: { country: doc.organisation.hqCountry } } : {}), contract: { ...dep.contract, dataResidency: true } });
    case "self-host-open-weights": {
      const { cloud: _c, ...rest } = dep;
      return replaceDep({ ...rest, accessPath: "self-hosted", hostingRegion: { country: doc.organisation.hqCountry } });
    }
    case "fix-transfer-basis":
      return { ...doc, dataFlows: doc.dataFlows.map((f) => (f.dependency === dep.key && f.transferMechanism !== "scc" && f.transferMechanism !== "bcr" ? { ...f, transferMechanism: "scc" as const } : f)) };
    case "reduce-concentration": {
      const fb = doc.fallbacks.find((f) => f.key === best)!;
      const { cloud: _c, hostingRegion: _h, ...rest } = dep;
      const promoted = { ...rest, model: fb.model, accessPath: fb.accessPath, ...(fb.cloud ? { cloud: fb.cloud } : {}), ...(fb.hostingRegion ? { hostingRegion: fb.hostingRegion } : {}) };
      const demoted = { key: `${dep.key}:previous-primary`, dependency: dep.key, model: dep.model, accessPath: dep.accessPath, ...(dep.cloud ? { cloud: dep.cloud } : {}), ...(dep.hostingRegion ? { hostingRegion: dep.hostingRegion } : {}), ...(fb.lastTested ? { lastTested: fb.lastTested } : {}), ...(fb.switchTimeHours !== undefined ? { switchTimeHours: fb.switchTimeHours } : {}) };
      return { ...replaceDep(promoted), fallbacks: [...doc.fallbacks.filter((f) => f.key !== fb.key), demoted] };
    }
  }
}

describe("suggestRemediations", () => {
  // 2026-05-01: the US restriction on Anthropic's models is in force everywhere but the US, so
  // some dependencies are switched off and their scores are not linear in their factors.
  it.each([
    ["frankfurt-manufacturer", AS_OF],
    ["uk-bank", AS_OF],
    ["us-startup", AS_OF],
    ["frankfurt-manufacturer", "2026-05-01"],
  ])("computes each expected gain for %s on %s exactly as re-scoring the whole modified document would", (name, AS_OF) => {
    const doc = loadExample(name);
    const before = scoreInventory(doc, { asOf: AS_OF });
    const suggestions = suggestRemediations(doc, { asOf: AS_OF, limit: 100 });
    expect(suggestions.length).toBeGreaterThan(0);
    if (AS_OF === "2026-05-01") expect(before.dependencies.some((d) => d.switchedOff)).toBe(true);
    for (const s of suggestions) {
      if (s.kind === "add-independent-fallback" && !doc.models.some((m) => m.weights === "open" && /apache-2\.0|mit/i.test(m.licence ?? ""))) continue;
      const after = scoreInventory(apply(doc, s, AS_OF), { asOf: AS_OF });
      expect(s.expectedGain.organisation, s.id).toBeCloseTo(after.organisation.score - before.organisation.score, 1);
      const sysBefore = before.systems.find((x) => x.key === s.system)!.score;
      expect(s.expectedGain.system, s.id).toBeCloseTo(after.systems.find((x) => x.key === s.system)!.score - sysBefore, 1);
    }
  });

  it.each(["frankfurt-manufacturer", "uk-bank", "us-startup"])("names models and fallbacks in %s's suggestions, never by their document keys", (name) => {
    const doc = loadExample(name);
    const suggestions = suggestRemediations(doc, { asOf: AS_OF, limit: 100 });
    const kinds = new Set(suggestions.map((s) => s.kind));
    expect(kinds.size).toBeGreaterThanOrEqual(3);
    const keys = [...doc.models, ...doc.dependencies, ...doc.fallbacks, ...doc.aiSystems].map((x) => x.key).filter((k) => /[-/:]/.test(k));
    for (const s of suggestions) {
      for (const key of keys) {
        expect(s.title, s.kind).not.toContain(key);
        expect(s.change, s.kind).not.toContain(key);
      }
      expect(s.change, s.kind).not.toMatch(/ -> |\/fallback-\d/);
    }
  });

  it("ranks suggestions by the organisation score they gain", () => {
    const gains = suggestRemediations(loadExample("frankfurt-manufacturer"), { asOf: AS_OF, limit: 50 }).map((s) => s.expectedGain.organisation);
    expect(gains).toEqual([...gains].sort((a, b) => b - a));
  });

  it("suggests an independent fallback first for a single API dependency without one", () => {
    const [first] = suggestRemediations(smallDoc(), { asOf: AS_OF });
    expect(first).toMatchObject({ kind: "add-independent-fallback", dependency: "bot/gpt" });
    expect(first!.expectedGain.organisation).toBeGreaterThan(10);
  });

  it("falls back to a placeholder open-weight model when the inventory has no permissive one", () => {
    const doc = smallDoc({ models: smallDoc().models.filter((m) => m.key === "gpt") });
    const s = suggestRemediations(doc, { asOf: AS_OF }).find((x) => x.kind === "add-independent-fallback");
    expect(s?.title).toMatch(/permissively licensed open-weight model/);
  });

  it("respects the limit and never suggests an action that gains nothing", () => {
    const s = suggestRemediations(loadExample("uk-bank"), { asOf: AS_OF, limit: 3 });
    expect(s.length).toBeLessThanOrEqual(3);
    for (const x of s) expect(Math.max(x.expectedGain.organisation, x.expectedGain.system)).toBeGreaterThan(0);
  });
});
