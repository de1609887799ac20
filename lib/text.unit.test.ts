import { describe, expect, it } from "vitest";
import { z } from "zod";
import { TEXT_MESSAGES, findUnsafeText, multiLineText, singleLineText, textProblem, urlTextProblem } from "./text";

const LONE_HIGH = "\uD800";
const LONE_LOW = "\uDC00";

describe("textProblem", () => {
  it.each([
    ["NUL", "Main\u0000feld", TEXT_MESSAGES.nul],
    ["a C0 control (bell)", "Main\u0007feld", TEXT_MESSAGES.control],
    ["escape", "\u001B[31mred", TEXT_MESSAGES.control],
    ["DEL", "Main\u007Ffeld", TEXT_MESSAGES.control],
    ["a C1 control (NEL)", "Main\u0085feld", TEXT_MESSAGES.control],
    ["a lone high surrogate", `Main${LONE_HIGH}feld`, TEXT_MESSAGES.surrogate],
    ["a lone low surrogate", `${LONE_LOW}Mainfeld`, TEXT_MESSAGES.surrogate],
    ["a high surrogate at the end", `Mainfeld${LONE_HIGH}`, TEXT_MESSAGES.surrogate],
  ])("refuses %s in any text", (_, value, message) => {
    for (const kind of ["single-line", "multi-line", "any"] as const) expect(textProblem(value, kind)).toBe(message);
  });

  it.each([
    ["a line feed", "Main\nfeld"],
    ["a carriage return", "Main\rfeld"],
    ["a tab", "Main\tfeld"],
    ["a line separator", "Main\u2028feld"],
  ])("refuses %s in one-line text only", (_, value) => {
    expect(textProblem(value, "single-line")).toBe(TEXT_MESSAGES.lineBreak);
    expect(textProblem(value, "multi-line")).toBeNull();
  });

  it.each([
    ["right-to-left override", "\u202Egnp.exe"],
    ["left-to-right embedding", "a\u202Ab"],
    ["pop directional formatting", "a\u202Cb"],
    ["first strong isolate", "a\u2068b"],
    ["pop directional isolate", "a\u2069b"],
  ])("refuses a bidi %s in names, keeps it in free text", (_, value) => {
    expect(textProblem(value, "single-line")).toBe(TEXT_MESSAGES.bidi);
    expect(textProblem(value, "multi-line")).toBeNull();
  });

  it.each([
    ["accents and umlauts", "Mainfeld Maschinenbau AG – Zürich"],
    ["a whole emoji (a surrogate pair)", "Support bot 🤖"],
    ["right-to-left text", "שלום עולם"],
    ["CJK", "東京オフィス"],
    ["a left-to-right mark (not an override)", "a\u200Eb"],
    ["the empty string", ""],
  ])("accepts %s", (_, value) => {
    expect(textProblem(value, "single-line")).toBeNull();
    expect(textProblem(value, "multi-line")).toBeNull();
  });

  it("is what the zod refinements say, on the field", () => {
    const schema = z.object({ name: z.string().superRefine(singleLineText), notes: z.string().superRefine(multiLineText) });
    expect(schema.safeParse({ name: "Ops", notes: "line one\nline two\ttab" }).success).toBe(true);
    const error = schema.safeParse({ name: "O\u202Eps", notes: "a\u0000" }).error!;
    expect(error.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["name", TEXT_MESSAGES.bidi],
      ["notes", TEXT_MESSAGES.nul],
    ]);
    expect(error.issues.every((i) => i.code === "custom")).toBe(true);
  });
});

describe("findUnsafeText", () => {
  it("finds text no field may hold anywhere in a JSON value, keys included, with its path", () => {
    const value = { name: "ok", offices: [{ name: "a\u0000" }, { teams: ["x", `y${LONE_HIGH}`] }], ["k\u0001"]: 1, notes: "line\nbreak\ttab \u202E" };
    expect(findUnsafeText(value)).toEqual([
      { path: ["offices", 0, "name"], message: TEXT_MESSAGES.nul },
      { path: ["offices", 1, "teams", 1], message: TEXT_MESSAGES.surrogate },
      { path: ["k\u0001"], message: expect.stringMatching(/^A field name: remove the invisible control/) },
    ]);
  });

  it("finds nothing in clean values and stops after the limit", () => {
    expect(findUnsafeText({ a: [1, true, null, "ok", { b: "fine\n" }] })).toEqual([]);
    expect(findUnsafeText(Array.from({ length: 50 }, () => "\u0000"), 5)).toHaveLength(5);
  });

  it("stops after the limit when the problems are in field names too", () => {
    const keys = Object.fromEntries(Array.from({ length: 25 }, (_, i) => [`k${i}\u0001`, "ok"]));
    expect(findUnsafeText(keys)).toHaveLength(20);
    expect(findUnsafeText(keys, 3)).toHaveLength(3);
  });

  it("says what is wrong with a field name in one sentence", () => {
    expect(findUnsafeText({ ["k\u0000"]: 1 })).toEqual([{ path: ["k\u0000"], message: `A field name: r${TEXT_MESSAGES.nul.slice(1)}` }]);
  });

  it("looks 64 levels deep and no deeper", () => {
    const nested = (levels: number) => {
      let v: unknown = "a\u0000";
      for (let i = 0; i < levels; i++) v = i % 2 ? { x: v } : [v];
      return v;
    };
    expect(findUnsafeText(nested(64))).toHaveLength(1);
    expect(findUnsafeText(nested(70))).toEqual([]);
  });
});

describe("urlTextProblem", () => {
  const at = (path: string) => urlTextProblem(new URL(path, "https://sovra.example"));

  it.each(["/mainfeld/inventory/vendors?q=%00", "/mainfeld/inventory/offices?f.city=%01", "/sign-in?callbackUrl=%2F%0Aevil", "/mainfeld/x?q=a%0Db", "/mainfeld/x?%00=1", "/mainfeld%00/inventory", "/mainfeld/%0A", "/mainfeld/%E0%A4%A"])("refuses %s", (path) => {
    expect(at(path)).toMatch(/control character|malformed/);
  });

  it("names the parameter in its message", () => {
    expect(at("/mainfeld/inventory/vendors?q=%00")).toBe('The search or filter "q" in the address contains an invisible control character (such as NUL or a line break). Remove it and try again.');
    expect(at("/mainfeld/x?q%01=1")).toMatch(/^The search or filter "q\?" in/);
    expect(at(`/mainfeld/x?${"k".repeat(60)}=%00`)).toMatch(new RegExp(`^The search or filter "${"k".repeat(40)}" in`));
  });

  it.each(["/mainfeld/inventory/vendors?q=Z%C3%BCrich&sort=name.desc", "/mainfeld/inventory/vendors?q=a%09b", "/print/report/abc.def?part=main&from=0&to=5", "/mainfeld/scores?q=%D7%A9%D7%9C%D7%95%D7%9D", "/", "/mainfeld/inventory/vendors?q=%E2%80%AE"])("accepts %s", (path) => {
    expect(at(path)).toBeNull();
  });
});
