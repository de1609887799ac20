// The review's first guesses (decision 039): the model an answer names and the AI system already
// in the inventory that it probably is. Expectations written by hand from the option labels.
import { describe, expect, it } from "vitest";
import { normalise, suggestModel, suggestSystem } from "@/lib/questionnaires/suggest";

const OPTIONS = [
  { ref: "model:1", label: "GPT-5 (OpenAI)" },
  { ref: "model:2", label: "Claude Sonnet 4 (Anthropic)" },
  { ref: "model:3", label: "Llama 3.3 70B (Meta)" },
  { ref: "catalogue:openai-gpt", label: "GPT (GPT-4o, GPT-4.1, GPT-5, o-series) (OpenAI, from the catalogue)" },
  { ref: "catalogue:mistral-large", label: "Mistral premier models (Large, Medium) (Mistral AI, from the catalogue)" },
  { ref: "catalogue:claude", label: "Claude (Opus, Sonnet, Haiku) (Anthropic, from the catalogue)" },
];

describe("normalise", () => {
  it("keeps letters and digits in lower case, one space between words, accents gone", () => {
    expect(normalise("  GPT-4o (OpenAI) ")).toBe("gpt 4o openai");
    expect(normalise("Übersetzungs-Tool")).toBe("ubersetzungs tool");
    expect(normalise("---")).toBe("");
  });
});

describe("suggestModel", () => {
  it("takes the model whose name is the one written, the organisation's own first", () => {
    expect(suggestModel({ modelName: "gpt-5", vendorName: null }, OPTIONS)).toEqual({ ref: "model:1", label: "GPT-5 (OpenAI)" });
    expect(suggestModel({ modelName: "Claude Sonnet 4", vendorName: "Anthropic" }, OPTIONS)?.ref).toBe("model:2");
  });

  it("finds a model named inside a family's label", () => {
    expect(suggestModel({ modelName: "GPT-4o", vendorName: "OpenAI" }, OPTIONS)?.ref).toBe("catalogue:openai-gpt");
    expect(suggestModel({ modelName: "Mistral Large", vendorName: null }, OPTIONS)).toBeNull();
    expect(suggestModel({ modelName: "Large", vendorName: "Mistral AI" }, OPTIONS)?.ref).toBe("catalogue:mistral-large");
  });

  it("does not take a same-named model of another vendor", () => {
    expect(suggestModel({ modelName: "Sonnet", vendorName: "OpenAI" }, OPTIONS)).toEqual({ ref: "model:1", label: "GPT-5 (OpenAI)" });
  });

  it("falls back to the vendor's own model, and guesses nothing from nothing", () => {
    expect(suggestModel({ modelName: null, vendorName: "Meta" }, OPTIONS)?.ref).toBe("model:3");
    expect(suggestModel({ modelName: null, vendorName: "Mistral AI" }, OPTIONS)).toBeNull(); // only the catalogue's: not a guess of the vendor alone
    expect(suggestModel({ modelName: null, vendorName: null }, OPTIONS)).toBeNull();
    expect(suggestModel({ modelName: "Gemini", vendorName: "Google" }, OPTIONS)).toBeNull();
  });
});

describe("suggestSystem", () => {
  const systems = [
    { id: "a", name: "Customer support assistant" },
    { id: "b", name: "Code assistant" },
    { id: "c", name: "Contract review" },
  ];

  it("takes the same name, whatever its case and punctuation", () => {
    expect(suggestSystem("customer-support assistant", systems)).toEqual({ id: "a", name: "Customer support assistant" });
  });

  it("takes a name holding the other when only one does", () => {
    expect(suggestSystem("Contract review tool", systems)?.id).toBe("c");
    // "assistant" is held by two systems: no guess.
    expect(suggestSystem("Assistant", systems)).toBeNull();
  });

  it("does not guess from very short names", () => {
    expect(suggestSystem("AI", systems)).toBeNull();
    expect(suggestSystem("", systems)).toBeNull();
  });
});
