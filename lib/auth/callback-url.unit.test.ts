import { describe, expect, it } from "vitest";
import { isAcceptedByAuthJs, safeCallbackPath } from "./callback-url";

describe("safeCallbackPath", () => {
  it.each([
    ["/mainfeld/scores", "/mainfeld/scores"],
    ["/mainfeld/inventory/vendors?q=acme&sort=name.desc#top", "/mainfeld/inventory/vendors?q=acme&sort=name.desc#top"],
    ["/invite/abc_DEF-123", "/invite/abc_DEF-123"],
    ["/mainfeld/../albion", "/albion"],
    ["/%0Aencoded-stays-encoded", "/%0Aencoded-stays-encoded"],
  ])("keeps the same-site path %s", (raw, path) => {
    expect(safeCallbackPath(raw)).toBe(path);
  });

  it.each([
    ["javascript:", "javascript:alert(1)"],
    ["another host", "https://evil.example/"],
    ["a protocol-relative host", "//evil.example/x"],
    ["a backslash (browsers read it as /)", "/\\evil.example"],
    ["a tab that browsers strip into //", "/\t/evil.example"],
    ["a newline", "/mainfeld\n/scores"],
    ["a carriage return", "/mainfeld\r\nSet-Cookie: x=1"],
    ["NUL", "/mainfeld\u0000"],
    ["a lone surrogate", "/mainfeld\uD800"],
    ["a relative path", "mainfeld/scores"],
    ["data:", "data:text/html,<script>alert(1)</script>"],
    ["the empty string", ""],
    ["not a string", ["/a", "/b"]],
    ["nothing", undefined],
    ["a very long value", `/${"a".repeat(3000)}`],
  ])("sends %s to the start page", (_, raw) => {
    expect(safeCallbackPath(raw)).toBe("/");
    expect(safeCallbackPath(raw, { fallback: "/sign-in" })).toBe("/sign-in");
  });

  it("accepts an absolute URL on the site's own origin only (Auth.js's callbacks pass them)", () => {
    expect(safeCallbackPath("https://sovra.example/mainfeld?x=1", { origin: "https://sovra.example" })).toBe("/mainfeld?x=1");
    expect(safeCallbackPath("https://sovra.example.evil.example/", { origin: "https://sovra.example" })).toBe("/");
    expect(safeCallbackPath("http://sovra.example/mainfeld", { origin: "https://sovra.example" })).toBe("/");
    expect(safeCallbackPath("https://sovra.example/mainfeld")).toBe("/");
  });

  it("keeps a path of up to 2,048 characters, and a double slash inside a path", () => {
    const longest = `/${"a".repeat(2047)}`;
    expect(safeCallbackPath(longest)).toBe(longest);
    expect(safeCallbackPath(`${longest}a`)).toBe("/");
    expect(safeCallbackPath("/mainfeld//")).toBe("/mainfeld//");
  });

  it("takes nothing but a path or a URL on the origin, even when an origin is given", () => {
    const origin = "https://sovra.example";
    expect(safeCallbackPath("mainfeld/scores", { origin })).toBe("/");
    expect(safeCallbackPath("mainfeld?next=https://sovra.example/x", { origin })).toBe("/");
    expect(safeCallbackPath("http://localhost:3000/mainfeld", { origin: "http://localhost:3000" })).toBe("/mainfeld");
    expect(safeCallbackPath("/mainfeld", { origin: "not an origin" })).toBe("/");
  });
});

describe("isAcceptedByAuthJs", () => {
  it.each(["/mainfeld", "https://sovra.example/x", "http://elsewhere.example/"])("lets %s through (Auth.js's redirect callback sends other sites home)", (raw) => {
    expect(isAcceptedByAuthJs(raw)).toBe(true);
  });

  it.each(["javascript:alert(1)", "data:text/html,x", "/a\nb", "//evil.example", "/\\evil", "", "not a url", "git+https://evil.example/", `/${"a".repeat(2048)}`])("refuses %j, which Auth.js would answer with a 500", (raw) => {
    expect(isAcceptedByAuthJs(raw)).toBe(false);
  });

  it("lets a path of 2,048 characters through", () => {
    expect(isAcceptedByAuthJs(`/${"a".repeat(2047)}`)).toBe(true);
  });
});
