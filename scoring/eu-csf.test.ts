import { describe, expect, it } from "vitest";
import { assessSeal, SEAL_LEVELS, SOV_OBJECTIVES, type SealAssessment } from "./eu-csf";
import type { Route } from "./engine/route";
import type { Vendor } from "./schema/inventory";
import type { AccessPath } from "./schema/primitives";
import { scoreInventory } from "./score-inventory";
import { model, route, smallDoc, vendor } from "./testing/fixtures";

// assessSeal gives the indicative EU Cloud Sovereignty Framework reading that the vendor page
// shows (VendorResult.seal): one level per objective SOV-1..SOV-8, and the lowest judged level as
// the gate. Every expectation below is the level and sentence a risk officer reads.

const AS_OF = "2026-11-01";
const LABEL = "Indicative only: derived from inventory data, not a certified EU Cloud Sovereignty Framework assessment.";

const mistral = vendor("mistral", "FR", { name: "Mistral AI", type: "open-weight-publisher" });
const meta = vendor("meta", "US", { name: "Meta", type: "open-weight-publisher" });
const openai = vendor("openai", "US", { name: "OpenAI" });
const cohere = vendor("cohere", "CA", { name: "Cohere" });
const deepseek = vendor("deepseek", "CN", { name: "DeepSeek" });
/** Headquartered in Germany, owned from the United States. */
const euSubsidiary = vendor("eu-sub", "DE", { ultimateParent: { name: "US Parent Inc.", country: "US" } });
/** Headquartered in the United Kingdom, owned from France. */
const ukSubsidiary = vendor("uk-sub", "GB", { ultimateParent: { name: "Groupe Français SA", country: "FR" } });
/** Headquartered in the United Kingdom, owned from the United States. */
const ukOfUs = vendor("uk-of-us", "GB", { ultimateParent: { name: "US Holdings", country: "US" } });
const ovh = vendor("ovh", "FR", { type: "cloud-provider" });
const azure = vendor("azure", "US", { type: "hyperscaler" });

/** A route to one of `v`'s models, hosted in `hosting`. */
function via(v: Vendor, accessPath: AccessPath, hosting: string, m: { weights?: "open" | "closed"; licence?: string; cloud?: Vendor; modelKey?: string } = {}): Route {
  const base = route({ accessPath, hosting });
  return {
    ...base,
    vendor: v,
    cloud: m.cloud,
    model: model(m.modelKey ?? `${v.key}-model`, v.key, m.weights ?? "closed", m.licence === undefined ? {} : { licence: m.licence }),
  };
}

const objective = (a: SealAssessment, id: string) => {
  const o = a.objectives.find((x) => x.id === id);
  if (!o) throw new Error(`no objective ${id}`);
  return { level: o.level, reason: o.reason };
};

const SOV7 = { id: "SOV-7", name: "Security & compliance sovereignty", level: "insufficient data", reason: "Certifications, audits and security operations are not recorded in the inventory." };
const SOV8 = { id: "SOV-8", name: "Environmental sustainability", level: "insufficient data", reason: "Energy and environmental data are not recorded in the inventory." };

describe("the framework's vocabulary", () => {
  it("lists the five SEAL levels and the eight objectives of the Commission's framework", () => {
    expect(SEAL_LEVELS).toEqual(["SEAL-0", "SEAL-1", "SEAL-2", "SEAL-3", "SEAL-4"]);
    expect(SOV_OBJECTIVES.map((o) => `${o.id} ${o.name}`)).toEqual([
      "SOV-1 Strategic sovereignty",
      "SOV-2 Legal & jurisdictional sovereignty",
      "SOV-3 Data & AI sovereignty",
      "SOV-4 Operational sovereignty",
      "SOV-5 Supply chain sovereignty",
      "SOV-6 Technology sovereignty",
      "SOV-7 Security & compliance sovereignty",
      "SOV-8 Environmental sustainability",
    ]);
  });
});

describe("assessSeal: whole readings", () => {
  it("reads Mistral's Apache-2.0 open weights, self-hosted in Germany, as SEAL-3 overall", () => {
    const a = assessSeal(mistral, [via(mistral, "self-hosted", "DE", { weights: "open", licence: "Apache-2.0" })], AS_OF);
    expect(a).toEqual({
      indicative: true,
      label: LABEL,
      overall: "SEAL-3",
      objectives: [
        { id: "SOV-1", name: "Strategic sovereignty", level: "SEAL-3", reason: "Headquartered and ultimately controlled in the EU/EEA; governance and financing are not assessed, so SEAL-4 cannot be shown." },
        { id: "SOV-2", name: "Legal & jurisdictional sovereignty", level: "SEAL-3", reason: "Only EU/EEA law governs the company; no recorded foreign access law reaches it." },
        { id: "SOV-3", name: "Data & AI sovereignty", level: "SEAL-4", reason: "All use runs from open weights you host in the EU/EEA." },
        { id: "SOV-4", name: "Operational sovereignty", level: "SEAL-4", reason: "You operate every deployment yourself." },
        { id: "SOV-5", name: "Supply chain sovereignty", level: "insufficient data", reason: "Self-hosted only; hardware and firmware provenance are not recorded." },
        { id: "SOV-6", name: "Technology sovereignty", level: "SEAL-3", reason: "Open weights under a permissive licence (Apache-2.0 or MIT)." },
        SOV7,
        SOV8,
      ],
    });
  });

  it("reads a US frontier lab's API, served from the United States, as SEAL-0 on every judged objective", () => {
    const a = assessSeal(openai, [via(openai, "direct-api", "US")], AS_OF);
    expect(a).toEqual({
      indicative: true,
      label: LABEL,
      overall: "SEAL-0",
      objectives: [
        { id: "SOV-1", name: "Strategic sovereignty", level: "SEAL-0", reason: "Headquartered outside the EU/EEA." },
        { id: "SOV-2", name: "Legal & jurisdictional sovereignty", level: "SEAL-0", reason: "Subject to US CLOUD Act, FISA Section 702." },
        { id: "SOV-3", name: "Data & AI sovereignty", level: "SEAL-0", reason: "Some or all data is processed outside the EU/EEA." },
        { id: "SOV-4", name: "Operational sovereignty", level: "SEAL-0", reason: "Operated at least partly by a provider controlled from outside the EU/EEA." },
        { id: "SOV-5", name: "Supply chain sovereignty", level: "SEAL-0", reason: "The supply chain includes operators controlled from outside the EU/EEA." },
        { id: "SOV-6", name: "Technology sovereignty", level: "SEAL-0", reason: "Proprietary model: portability depends on the vendor's API." },
        SOV7,
        SOV8,
      ],
    });
  });

  it("reads a German subsidiary of a US group, reached by API in Germany: EU hosting only buys SEAL-1 where US law reaches", () => {
    const a = assessSeal(euSubsidiary, [via(euSubsidiary, "direct-api", "DE")], AS_OF);
    expect(a.overall).toBe("SEAL-0");
    expect(a.objectives).toEqual([
      { id: "SOV-1", name: "Strategic sovereignty", level: "SEAL-1", reason: "Headquartered in the EU/EEA but ultimately controlled from outside it." },
      { id: "SOV-2", name: "Legal & jurisdictional sovereignty", level: "SEAL-1", reason: "Subject to US CLOUD Act, FISA Section 702, even where hosted in the EU/EEA." },
      { id: "SOV-3", name: "Data & AI sovereignty", level: "SEAL-2", reason: "All use is hosted in the EU/EEA, by a provider controlled from outside it." },
      { id: "SOV-4", name: "Operational sovereignty", level: "SEAL-1", reason: "Operated at least partly by a provider controlled from outside the EU/EEA." },
      { id: "SOV-5", name: "Supply chain sovereignty", level: "SEAL-1", reason: "The supply chain includes operators controlled from outside the EU/EEA." },
      { id: "SOV-6", name: "Technology sovereignty", level: "SEAL-0", reason: "Proprietary model: portability depends on the vendor's API." },
      SOV7,
      SOV8,
    ]);
  });

  it("reads a vendor no dependency reaches from its ownership and law alone, and says why the rest cannot be judged", () => {
    const a = assessSeal(mistral, [], AS_OF);
    const none = "No dependency in the inventory reaches this vendor.";
    expect(a).toEqual({
      indicative: true,
      label: LABEL,
      overall: "SEAL-3",
      objectives: [
        { id: "SOV-1", name: "Strategic sovereignty", level: "SEAL-3", reason: "Headquartered and ultimately controlled in the EU/EEA; governance and financing are not assessed, so SEAL-4 cannot be shown." },
        { id: "SOV-2", name: "Legal & jurisdictional sovereignty", level: "SEAL-3", reason: "Only EU/EEA law governs the company; no recorded foreign access law reaches it." },
        { id: "SOV-3", name: "Data & AI sovereignty", level: "insufficient data", reason: none },
        { id: "SOV-4", name: "Operational sovereignty", level: "insufficient data", reason: none },
        { id: "SOV-5", name: "Supply chain sovereignty", level: "insufficient data", reason: none },
        { id: "SOV-6", name: "Technology sovereignty", level: "insufficient data", reason: none },
        SOV7,
        SOV8,
      ],
    });
  });

  it("gates an unreached US vendor at SEAL-0 through its law, without claiming EU hosting", () => {
    const a = assessSeal(openai, [], AS_OF);
    expect(a.overall).toBe("SEAL-0");
    expect(objective(a, "SOV-2")).toEqual({ level: "SEAL-0", reason: "Subject to US CLOUD Act, FISA Section 702." });
    expect(objective(a, "SOV-3")).toEqual({ level: "insufficient data", reason: "No dependency in the inventory reaches this vendor." });
  });
});

describe("assessSeal: the overall level is the lowest judged objective (a gate)", () => {
  it("gives SEAL-2 when the weakest judged objective is SEAL-2 (restrictive open licence, EU cloud)", () => {
    const a = assessSeal(mistral, [via(mistral, "cloud-marketplace", "FR", { weights: "open", licence: "Mistral Research Licence", cloud: ovh })], AS_OF);
    expect(a.objectives.map((o) => o.level)).toEqual(["SEAL-3", "SEAL-3", "SEAL-3", "SEAL-3", "SEAL-2", "SEAL-2", "insufficient data", "insufficient data"]);
    expect(a.overall).toBe("SEAL-2");
  });

  it("gives SEAL-1 when a proprietary model on an EU cloud is the weakest point", () => {
    const a = assessSeal(mistral, [via(mistral, "cloud-marketplace", "FR", { cloud: ovh })], AS_OF);
    expect(objective(a, "SOV-6")).toEqual({ level: "SEAL-1", reason: "Proprietary model: portability depends on the vendor's API." });
    expect(a.overall).toBe("SEAL-1");
  });
});

describe("assessSeal: SOV-1 strategic sovereignty (ownership and control)", () => {
  it.each([
    ["an EU/EEA company with no parent", mistral, "SEAL-3", "Headquartered and ultimately controlled in the EU/EEA; governance and financing are not assessed, so SEAL-4 cannot be shown."],
    ["an EU/EEA company owned from outside", euSubsidiary, "SEAL-1", "Headquartered in the EU/EEA but ultimately controlled from outside it."],
    ["a UK company owned from France", ukSubsidiary, "SEAL-0", "Headquartered outside the EU/EEA."],
    ["a Canadian company", cohere, "SEAL-0", "Headquartered outside the EU/EEA."],
  ] as const)("reads %s as %s", (_label, v, level, reason) => {
    expect(objective(assessSeal(v, [], AS_OF), "SOV-1")).toEqual({ level, reason });
  });
});

describe("assessSeal: SOV-2 legal and jurisdictional sovereignty", () => {
  it("names the extraterritorial laws of the ultimate parent's country, not only the HQ's", () => {
    expect(objective(assessSeal(ukOfUs, [via(ukOfUs, "direct-api", "GB")], AS_OF), "SOV-2")).toEqual({ level: "SEAL-0", reason: "Subject to US CLOUD Act, FISA Section 702." });
  });

  it("names China's laws for a Chinese vendor", () => {
    expect(objective(assessSeal(deepseek, [via(deepseek, "direct-api", "CN")], AS_OF), "SOV-2")).toEqual({
      level: "SEAL-0",
      reason: "Subject to PRC National Intelligence Law, Art. 7, PRC Data Security Law, Art. 36.",
    });
  });

  it("counts only the laws in force on the as-of date (the CLOUD Act dates from March 2018)", () => {
    expect(objective(assessSeal(openai, [via(openai, "direct-api", "US")], "2017-01-01"), "SOV-2")).toEqual({ level: "SEAL-0", reason: "Subject to FISA Section 702." });
  });

  it("gives SEAL-2 to a non-EU company no recorded foreign access law reaches (Canada)", () => {
    expect(objective(assessSeal(cohere, [via(cohere, "direct-api", "CA")], AS_OF), "SOV-2")).toEqual({
      level: "SEAL-2",
      reason: "Governed by a non-EU law with no recorded extraterritorial access law.",
    });
  });

  it("gives SEAL-3 to an EU/EEA-controlled company, even when used outside the EU/EEA", () => {
    expect(objective(assessSeal(mistral, [via(mistral, "direct-api", "US")], AS_OF), "SOV-2")).toEqual({
      level: "SEAL-3",
      reason: "Only EU/EEA law governs the company; no recorded foreign access law reaches it.",
    });
  });

  it("raises a foreign-law vendor to SEAL-1 as soon as some of its use is hosted in the EU/EEA", () => {
    const a = assessSeal(openai, [via(openai, "direct-api", "US"), via(openai, "cloud-marketplace", "SE", { cloud: azure })], AS_OF);
    expect(objective(a, "SOV-2")).toEqual({ level: "SEAL-1", reason: "Subject to US CLOUD Act, FISA Section 702, even where hosted in the EU/EEA." });
  });
});

describe("assessSeal: SOV-3 data and AI sovereignty", () => {
  it("gives SEAL-4 only when every use runs from open weights you host in the EU/EEA", () => {
    const a = assessSeal(meta, [via(meta, "self-hosted", "DE", { weights: "open" }), via(meta, "self-hosted", "NO", { weights: "open" })], AS_OF);
    expect(objective(a, "SOV-3")).toEqual({ level: "SEAL-4", reason: "All use runs from open weights you host in the EU/EEA." });
  });

  it("gives SEAL-3 when all use is in the EU/EEA with an EU/EEA-controlled vendor, but not all of it self-hosted open weights", () => {
    const a = assessSeal(mistral, [via(mistral, "self-hosted", "DE", { weights: "open" }), via(mistral, "direct-api", "FR")], AS_OF);
    expect(objective(a, "SOV-3")).toEqual({ level: "SEAL-3", reason: "All use is hosted in the EU/EEA." });
  });

  it("gives SEAL-2 when all use is in the EU/EEA but the vendor is controlled from outside it", () => {
    const a = assessSeal(euSubsidiary, [via(euSubsidiary, "direct-api", "DE")], AS_OF);
    expect(objective(a, "SOV-3")).toEqual({ level: "SEAL-2", reason: "All use is hosted in the EU/EEA, by a provider controlled from outside it." });
  });

  it("gives SEAL-1 when part of the use is hosted outside the EU/EEA, even self-hosted open weights in part", () => {
    const a = assessSeal(meta, [via(meta, "self-hosted", "DE", { weights: "open" }), via(meta, "direct-api", "US")], AS_OF);
    expect(objective(a, "SOV-3")).toEqual({ level: "SEAL-1", reason: "Some or all data is processed outside the EU/EEA." });
  });

  it("gives SEAL-0 when no use is hosted in the EU/EEA, even open weights you host yourself", () => {
    const a = assessSeal(mistral, [via(mistral, "self-hosted", "US", { weights: "open", licence: "Apache-2.0" })], AS_OF);
    expect(objective(a, "SOV-3")).toEqual({ level: "SEAL-0", reason: "Some or all data is processed outside the EU/EEA." });
  });

  it("does not count a closed model hosted in the EU/EEA by its US-controlled vendor as self-hosted open weights", () => {
    const a = assessSeal(euSubsidiary, [via(euSubsidiary, "self-hosted", "DE", { weights: "closed" })], AS_OF);
    expect(objective(a, "SOV-3").level).toBe("SEAL-2");
  });
});

describe("assessSeal: SOV-4 operational sovereignty and SOV-5 supply chain", () => {
  it("EU cloud operating a Canadian model: SEAL-3 operations, SEAL-2 supply chain (hardware not recorded)", () => {
    const a = assessSeal(cohere, [via(cohere, "cloud-marketplace", "FR", { cloud: ovh })], AS_OF);
    expect(objective(a, "SOV-4")).toEqual({ level: "SEAL-3", reason: "Operated by you or by EU/EEA-controlled providers." });
    expect(objective(a, "SOV-5")).toEqual({ level: "SEAL-2", reason: "Operators are EU/EEA-controlled; hardware provenance is not recorded, so higher levels cannot be shown." });
  });

  it("self-hosting next to an EU/EEA vendor's API: SEAL-3, not SEAL-4, and the vendor is the supply chain", () => {
    const a = assessSeal(mistral, [via(mistral, "self-hosted", "DE", { weights: "open" }), via(mistral, "direct-api", "FR")], AS_OF);
    expect(objective(a, "SOV-4")).toEqual({ level: "SEAL-3", reason: "Operated by you or by EU/EEA-controlled providers." });
    expect(objective(a, "SOV-5")).toEqual({ level: "SEAL-2", reason: "Operators are EU/EEA-controlled; hardware provenance is not recorded, so higher levels cannot be shown." });
  });

  it("self-hosting next to a US vendor's API: SEAL-1, since part of the use is in the EU/EEA", () => {
    const a = assessSeal(meta, [via(meta, "self-hosted", "DE", { weights: "open" }), via(meta, "direct-api", "US")], AS_OF);
    expect(objective(a, "SOV-4")).toEqual({ level: "SEAL-1", reason: "Operated at least partly by a provider controlled from outside the EU/EEA." });
    expect(objective(a, "SOV-5")).toEqual({ level: "SEAL-1", reason: "The supply chain includes operators controlled from outside the EU/EEA." });
  });

  it("one US-controlled operator among EU/EEA ones is enough to fall to SEAL-1", () => {
    const a = assessSeal(mistral, [via(mistral, "direct-api", "FR"), via(mistral, "cloud-marketplace", "SE", { cloud: azure })], AS_OF);
    expect(objective(a, "SOV-4")).toEqual({ level: "SEAL-1", reason: "Operated at least partly by a provider controlled from outside the EU/EEA." });
    expect(objective(a, "SOV-5")).toEqual({ level: "SEAL-1", reason: "The supply chain includes operators controlled from outside the EU/EEA." });
  });

  it("judges the cloud that runs open weights, not the model's publisher", () => {
    const a = assessSeal(meta, [via(meta, "third-party-hosted", "FR", { weights: "open", cloud: ovh })], AS_OF);
    expect(objective(a, "SOV-4")).toEqual({ level: "SEAL-3", reason: "Operated by you or by EU/EEA-controlled providers." });
    expect(objective(a, "SOV-5").level).toBe("SEAL-2");
  });

  it("self-hosting only: SEAL-4 operations, supply chain not judged", () => {
    const a = assessSeal(meta, [via(meta, "self-hosted", "US", { weights: "open" })], AS_OF);
    expect(objective(a, "SOV-4")).toEqual({ level: "SEAL-4", reason: "You operate every deployment yourself." });
    expect(objective(a, "SOV-5")).toEqual({ level: "insufficient data", reason: "Self-hosted only; hardware and firmware provenance are not recorded." });
  });
});

describe("assessSeal: SOV-6 technology sovereignty (openness)", () => {
  const open = (licence: string | undefined, modelKey = "m") => via(meta, "self-hosted", "DE", { weights: "open", licence, modelKey });
  const PERMISSIVE = { level: "SEAL-3", reason: "Open weights under a permissive licence (Apache-2.0 or MIT)." };
  const RESTRICTED = { level: "SEAL-2", reason: "Open weights, but the licence restricts use." };
  const PROPRIETARY = "Proprietary model: portability depends on the vendor's API.";

  it.each([
    ["Apache-2.0", [open("Apache-2.0")], PERMISSIVE],
    ["MIT", [open("MIT")], PERMISSIVE],
    ["a lower-case apache-2.0", [open("apache-2.0")], PERMISSIVE],
    ["the Llama 3.2 Community License", [open("Llama 3.2 Community License")], RESTRICTED],
    ["no licence recorded", [open(undefined)], RESTRICTED],
    ["one Apache-2.0 and one restrictive licence", [open("Apache-2.0", "a"), open("Llama 3.2 Community License", "b")], RESTRICTED],
    ["open weights next to a proprietary model on a cloud", [open("Apache-2.0"), via(meta, "cloud-marketplace", "DE", { cloud: azure })], { level: "SEAL-1", reason: PROPRIETARY }],
    ["a proprietary model on a cloud marketplace", [via(openai, "cloud-marketplace", "SE", { cloud: azure })], { level: "SEAL-1", reason: PROPRIETARY }],
    ["a proprietary model by API and on a marketplace", [via(openai, "direct-api", "US"), via(openai, "cloud-marketplace", "SE", { cloud: azure })], { level: "SEAL-1", reason: PROPRIETARY }],
    ["a proprietary model by API only", [via(openai, "direct-api", "US")], { level: "SEAL-0", reason: PROPRIETARY }],
    ["a proprietary model whose licence text mentions its MIT-licensed SDK", [via(openai, "direct-api", "US", { licence: "Commercial terms (client SDK: MIT)" })], { level: "SEAL-0", reason: PROPRIETARY }],
  ] as const)("%s", (_label, routes, expected) => {
    expect(objective(assessSeal(meta, routes, AS_OF), "SOV-6")).toEqual(expected);
  });
});

describe("the vendor results carry the reading", () => {
  it("reads each vendor from the routes of its own dependencies", () => {
    const doc = smallDoc({
      aiSystems: [
        { key: "bot", name: "Support bot", criticality: "high", toleratedDowntimeHours: 4, offices: ["fra", "ny"], teams: ["support"] },
        { key: "search", name: "Doc search", criticality: "medium", toleratedDowntimeHours: 24, offices: ["fra"] },
      ],
      dependencies: [
        { key: "bot/gpt", system: "bot", model: "gpt", accessPath: "direct-api" },
        { key: "search/mistral", system: "search", model: "mistral-small", accessPath: "self-hosted", hostingRegion: { country: "DE" } },
      ],
    });
    const r = scoreInventory(doc, { asOf: AS_OF });
    const seal = (key: string) => r.vendors.find((v) => v.key === key)!.seal;
    expect(seal("mistral").overall).toBe("SEAL-3");
    expect(objective(seal("mistral"), "SOV-3")).toEqual({ level: "SEAL-4", reason: "All use runs from open weights you host in the EU/EEA." });
    expect(seal("openai").overall).toBe("SEAL-0");
    expect(objective(seal("openai"), "SOV-6")).toEqual({ level: "SEAL-0", reason: "Proprietary model: portability depends on the vendor's API." });
  });
});
