import { describe, expect, it } from "vitest";
import { z } from "zod";
import { API_ERROR_CODES, apiErrorSchema, fieldErrorsFromIssues, fieldErrorsFromZod, fieldPath } from "./errors";
import { APP_ERROR_CODES } from "@/lib/errors";

describe("API errors", () => {
  it("list every invalid field by its dotted path, the body itself as $", () => {
    const schema = z.strictObject({ name: z.string().min(1, "Enter a name"), teams: z.array(z.string().max(3, "Too long")), address: z.object({ city: z.string("Enter a city") }) });
    const error = schema.safeParse({ name: "", teams: ["ok", "much too long", "also too long"], address: {}, extra: 1 }).error!;
    expect(fieldErrorsFromZod(error)).toEqual({
      name: ["Enter a name"],
      "teams.1": ["Too long"],
      "teams.2": ["Too long"],
      "address.city": ["Enter a city"],
      $: [expect.stringContaining("extra")],
    });
    expect(Object.keys(fieldErrorsFromZod(z.object({ a: z.string() }).safeParse([]).error!))).toEqual(["$"]);
  });

  it("report the union branch that got furthest instead of a bare 'invalid input'", () => {
    const schema = z.object({ teams: z.union([z.string(), z.array(z.string().min(2, "At least 2 characters"))]) });
    expect(fieldErrorsFromZod(schema.safeParse({ teams: ["x"] }).error!)).toEqual({ "teams.0": ["At least 2 characters"] });
  });

  it("keep several messages for one field", () => {
    const schema = z.object({ code: z.string().min(3, "Too short").regex(/^\d+$/, "Digits only") });
    expect(fieldErrorsFromZod(schema.safeParse({ code: "a" }).error!)).toEqual({ code: ["Too short", "Digits only"] });
  });

  it("group JSON-path issues by path", () => {
    expect(fieldErrorsFromIssues([
      { path: "$.offices[0].country", message: "a" },
      { path: "$.offices[0].country", message: "b" },
      { path: "$.vendors[1]", message: "c" },
    ])).toEqual({ "$.offices[0].country": ["a", "b"], "$.vendors[1]": ["c"] });
  });

  it("format paths", () => {
    expect(fieldPath([])).toBe("$");
    expect(fieldPath(["a", 0, "b"])).toBe("a.0.b");
  });

  it("keep every AppError code with its status, and describe every code in the error schema", () => {
    for (const [code, status] of Object.entries(APP_ERROR_CODES)) expect(API_ERROR_CODES[code as keyof typeof API_ERROR_CODES]).toBe(status);
    for (const code of Object.keys(API_ERROR_CODES)) expect(apiErrorSchema.safeParse({ error: { code, message: "m" } }).success).toBe(true);
    expect(apiErrorSchema.safeParse({ error: { code: "TEAPOT", message: "m" } }).success).toBe(false);
  });
});
