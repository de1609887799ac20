import { describe, expect, it } from "vitest";
import { urlParts } from "./wrapping-text";

describe("urlParts", () => {
  it("breaks a URL after its separators, never between the slashes of the scheme", () => {
    expect(urlParts("https://www.anthropic.com/news/claude-4?ref=a&b=c#top")).toEqual([
      "https://",
      "www.",
      "anthropic.",
      "com/",
      "news/",
      "claude-",
      "4?",
      "ref=",
      "a&",
      "b=",
      "c#",
      "top",
    ]);
  });

  it("keeps every character, in order", () => {
    for (const text of ["https://a.example/x//y", "Company filings (2025), https://ir.example.com/2025_report.pdf", "no url here", "/", "//", ""]) {
      expect(urlParts(text).join("")).toBe(text);
    }
  });

  it("leaves words without separators whole", () => {
    expect(urlParts("Entered by the organisation")).toEqual(["Entered by the organisation"]);
  });
});
