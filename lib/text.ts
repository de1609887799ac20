// What user text may contain (docs/decisions/030-headers-and-input-hygiene.md). PostgreSQL cannot
// store NUL in text (the insert fails: a 500 before this rule), a lone UTF-16 surrogate is not text
// at all (it would be stored as U+FFFD), other control characters are invisible and break exports,
// logs and headers, and bidi overrides and isolates make a name display as something it is not
// ("Trojan Source"). Free text may keep tabs and line breaks and bidi controls (right-to-left
// writing uses them); names and titles are one line, without them.
//
// No imports besides zod: proxy.ts, route handlers, server actions and client forms all use it.
import type { z } from "zod";

/** C0 controls but tab, line feed and carriage return; DEL; C1 controls (U+0080-U+009F). */
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
/** Tab, line breaks and the Unicode line and paragraph separators: not in a one-line field. */
const LINE_BREAK_OR_TAB = /[\t\n\r\u2028\u2029]/;
/** Bidi embeddings and overrides (U+202A-U+202E) and isolates (U+2066-U+2069). */
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/;
/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const TEXT_MESSAGES = {
  nul: "Remove the invisible NUL character from this text (retype it if it was pasted)",
  control: "Remove the invisible control character from this text (retype it if it was pasted)",
  surrogate: "This text contains a broken character (half of an emoji or symbol): retype it",
  lineBreak: "Use a single line: remove the line break or tab",
  bidi: "Remove the invisible text-direction character: it can make a name look different from what it is",
} as const;

/**
 * `single-line`: names, titles and other one-line fields; `multi-line`: descriptions and notes
 * (tabs, line breaks and bidi controls allowed); `any`: what no text anywhere may hold (NUL, other
 * control characters but tab and line breaks, lone surrogates), for values whose kind is not known
 * (a JSON body as a whole, a URL's query).
 */
export type TextKind = "single-line" | "multi-line" | "any";

/**
 * What is wrong with `value` as text of this kind, in the user's words; null when nothing is.
 * @example textProblem("Mainfeld\u0000", "single-line") // "Remove the invisible NUL character from this text (retype it if it was pasted)"
 * @example textProblem("line one\nline two", "multi-line") // null
 */
export function textProblem(value: string, kind: TextKind): string | null {
  if (value.includes("\u0000")) return TEXT_MESSAGES.nul;
  if (CONTROL.test(value)) return TEXT_MESSAGES.control;
  if (LONE_SURROGATE.test(value)) return TEXT_MESSAGES.surrogate;
  if (kind === "single-line") {
    if (LINE_BREAK_OR_TAB.test(value)) return TEXT_MESSAGES.lineBreak;
    if (BIDI_CONTROL.test(value)) return TEXT_MESSAGES.bidi;
  }
  return null;
}

const rule = (kind: TextKind) => (value: string, ctx: z.RefinementCtx) => {
  const problem = textProblem(value, kind);
  if (problem) ctx.addIssue({ code: "custom", message: problem });
};

/** For `.superRefine` on a name, title or other one-line string: `z.string().trim().max(120).superRefine(singleLineText)`. */
export const singleLineText = rule("single-line");
/** For `.superRefine` on free text (a description, notes): tabs, line breaks and bidi controls allowed. */
export const multiLineText = rule("multi-line");

/** A problem found in a structured value, at its path (`["offices", 0, "name"]`). */
export interface TextIssue {
  path: (string | number)[];
  message: string;
}

/**
 * Every string in a JSON value (object keys included) that no text may hold (`any`): the net
 * under the field schemas, for a whole request body or form. Stops after `limit` problems.
 * @example findUnsafeText({ offices: [{ name: "a\u0000" }] }) // [{ path: ["offices", 0, "name"], message: "Remove the invisible NUL ..." }]
 */
export function findUnsafeText(value: unknown, limit = 20): TextIssue[] {
  const issues: TextIssue[] = [];
  const visit = (v: unknown, path: (string | number)[], depth: number) => {
    if (issues.length >= limit) return;
    if (typeof v === "string") {
      const message = textProblem(v, "any");
      if (message) issues.push({ path, message });
      return;
    }
    // JSON.parse nests at most as deep as the body allows; 64 levels is far beyond any schema here.
    if (depth > 64 || v === null || typeof v !== "object") return;
    if (Array.isArray(v)) {
      v.forEach((item, i) => visit(item, [...path, i], depth + 1));
      return;
    }
    for (const [key, item] of Object.entries(v)) {
      const message = textProblem(key, "any");
      if (message) issues.push({ path: [...path, key], message: `A field name: ${message.charAt(0).toLowerCase()}${message.slice(1)}` });
      visit(item, [...path, key], depth + 1);
    }
  };
  visit(value, [], 0);
  return issues.slice(0, limit);
}

/**
 * What is wrong with a request's path and query as text, or null: control characters (but a tab in
 * a query value) and malformed percent-encoding. Browsers never send them from a link or a search
 * box; a crafted URL does, and would otherwise reach the database (`?q=%00` failed as a 500).
 * @example urlTextProblem(new URL("https://sovra.example/mainfeld/inventory/vendors?q=%00")) // 'The search or filter "q" in the address contains ...'
 */
export function urlTextProblem(url: { pathname: string; searchParams: URLSearchParams }): string | null {
  let path: string;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    return "The address is not valid: it has a malformed %-escape.";
  }
  if (textProblem(path, "any") || /[\t\n\r]/.test(path)) return "The address contains an invisible control character. Remove it and try again.";
  for (const [key, value] of url.searchParams) {
    if (textProblem(key, "any") || textProblem(value, "any") || /[\n\r]/.test(key + value)) {
      return `The search or filter "${key.replace(/[^\w.-]/g, "?").slice(0, 40)}" in the address contains an invisible control character (such as NUL or a line break). Remove it and try again.`;
    }
  }
  return null;
}
