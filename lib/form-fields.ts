// zod pieces for form fields that the inventory forms share: optional text, dates, numbers,
// checkboxes and repeated inputs, as a browser submits them (empty strings for "not given").
import { z } from "zod";
import { countryCodeSchema } from "@/lib/countries";
import { multiLineText, singleLineText } from "@/lib/text";

// null is what a parsed value holds for "not given": parsing it again gives the same answer.
const blankToUndefined = (v: unknown) => (v === null || (typeof v === "string" && v.trim() === "") ? undefined : v);

/**
 * Optional text: blank becomes null (so an update can clear it). `single-line` for names and
 * other one-line values (no line breaks, tabs or bidi controls), `multi-line` for notes; neither
 * holds NUL, other control characters or broken characters (lib/text.ts).
 */
export const optionalText = (max: number, lines: "single-line" | "multi-line") =>
  z
    .preprocess(blankToUndefined, z.string().trim().max(max, `Use at most ${max} characters`).superRefine(lines === "single-line" ? singleLineText : multiLineText).optional())
    .transform((v) => v ?? null);

/** Optional ISO 3166-1 alpha-2 country; blank is null. */
export const optionalCountry = z.preprocess(blankToUndefined, countryCodeSchema.optional()).transform((v) => v ?? null);

/** Optional calendar date (YYYY-MM-DD, as `<input type="date">` sends it); blank is null. */
export const optionalDate = z
  .preprocess((v) => blankToUndefined(v instanceof Date ? v.toISOString().slice(0, 10) : v), z.iso.date({ message: "Enter a date (YYYY-MM-DD)" }).optional())
  .transform((v) => (v ? new Date(`${v}T00:00:00.000Z`) : null));

/** Optional whole number within bounds; blank is null. */
export const optionalInt = (max: number) =>
  z
    .preprocess(blankToUndefined, z.coerce.number({ message: "Enter a number" }).int("Enter a whole number").min(0, "Cannot be negative").max(max, `At most ${max.toLocaleString("en")}`).optional())
    .transform((v) => v ?? null);

/** A checkbox: present ("on", "true") is true, absent is false. */
export const checkbox = z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean());

/** A repeated input (checkboxes, multi-select): one value arrives as a string, several as an array. */
export const repeated = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v.filter((x) => x !== "") : [v]), z.array(item));

/** Comma-separated names (teams), trimmed and without duplicates. */
export const commaList = z
  .union([z.string(), z.array(z.string())])
  .transform((v) => (Array.isArray(v) ? v : v.split(",")).map((t) => t.trim()).filter(Boolean))
  .pipe(z.array(z.string().max(60, "A name has at most 60 characters").superRefine(singleLineText)).max(50, "At most 50 entries"))
  .transform((items) => [...new Set(items)]);

export const idAndVersion = { id: z.uuid(), version: z.coerce.number().int().positive() };

/** A yes / no / not known choice (a select sending "", "yes" or "no"; JSON may send true or false). Blank is null: not known. */
export const optionalBoolean = z
  .preprocess((v) => {
    const given = blankToUndefined(v);
    return given === "yes" || given === "true" ? true : given === "no" || given === "false" ? false : given;
  }, z.boolean({ message: "Choose yes, no or not known" }).optional())
  .transform((v) => v ?? null);

/** Optional web address, http or https only (it becomes a link, so never `javascript:`); intranet hosts such as `https://wiki/exit` are fine. Blank is null. */
export const optionalHttpUrl = (max: number) =>
  z
    .preprocess(
      blankToUndefined,
      z
        .string()
        .trim()
        .max(max, `Use at most ${max} characters`)
        .superRefine(singleLineText)
        .pipe(z.url({ protocol: /^https?$/, message: "Enter a web address starting with https:// or http://" }))
        .optional(),
    )
    .transform((v) => v ?? null);
