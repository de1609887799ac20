import { describe, expect, it } from "vitest";
import { normalise, searchCatalogue } from "./search";

const names = (q: string) => searchCatalogue(q).map((h) => h.vendor.name);

describe("searchCatalogue", () => {
  it("finds Cohere from the first letters of its name, case-insensitively", () => {
    expect(names("coh")[0]).toBe("Cohere");
    expect(names("COH")[0]).toBe("Cohere");
  });

  it("ignores diacritics in the query", () => {
    expect(names("Cöhére")).toEqual(["Cohere"]);
    expect(normalise("Aléph Älpha")).toBe("aleph alpha");
  });

  it("ranks a name that starts with the query before one that only contains it", () => {
    // "open" starts OpenAI's name; Mistral only has a model family with the word "open" in it.
    const hits = names("open");
    expect(hits[0]).toBe("OpenAI");
    expect(hits).toContain("Mistral AI");
    expect(hits.indexOf("OpenAI")).toBeLessThan(hits.indexOf("Mistral AI"));
  });

  it("ranks a word prefix before a match inside a word", () => {
    // "al": Aleph Alpha and Alibaba start with it; "Mistral" only contains it.
    const hits = names("al");
    expect(hits.slice(0, 2).sort()).toEqual(["Aleph Alpha", "Alibaba Cloud (Qwen)"]);
    expect(hits.indexOf("Mistral AI")).toBeGreaterThan(1);
  });

  it("finds a vendor by a model's name or family and says which model matched", () => {
    const [llama] = searchCatalogue("llam");
    expect(llama?.vendor.name).toBe("Meta");
    expect(llama?.matchedModel).toBe("Llama");
    expect(names("gemm")).toEqual(["Google"]);
  });

  it("returns the catalogue's facts in the inventory's spellings, with source and date", () => {
    const [cohere] = searchCatalogue("cohere");
    expect(cohere?.vendor).toMatchObject({ key: "cohere", vendorType: "frontier_lab", hqCountry: "CA", source: expect.stringMatching(/^https:/), asOf: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
    expect(cohere?.models.map((m) => m.key)).toEqual(["cohere-command"]);
    expect(cohere?.models[0]?.offeredAccessPaths[0]).toEqual({ path: "direct_api" });
  });

  it("finds nothing for a blank query or one that matches nothing", () => {
    expect(searchCatalogue("")).toEqual([]);
    expect(searchCatalogue("   ")).toEqual([]);
    expect(searchCatalogue("zzzz")).toEqual([]);
  });

  it("returns at most the limit, alphabetically within a rank", () => {
    expect(searchCatalogue("a", 3)).toHaveLength(3);
    const sameRank = names("s"); // Scaleway, STACKIT start with "s"
    expect(sameRank.indexOf("Scaleway")).toBeLessThan(sameRank.indexOf("STACKIT"));
  });
});
