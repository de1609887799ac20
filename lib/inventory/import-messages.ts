// Import problems in the user's words: the column (or the document's field) and what it must
// hold, rather than the validator's "Too small: expected number to be >=0". The document's
// validator (scoring/parse.ts, zod 4) stays as it is for the CLI and the API; its messages are
// rewritten here, where the file import shows them (docs/decisions/033). Pure.

const list = (values: readonly string[]) => values.join(", ");

/** Problems a cell has before the document is validated, named by the column's header. */
export const cellProblem = {
  number: (header: string, found: string) => `${header} must be a number (found "${found}")`,
  boolean: (header: string, found: string) => `${header} must be yes or no (found "${found}")`,
  choice: (header: string, values: readonly string[], found: string) => `${header} must be one of: ${list(values)} (found "${found}")`,
  choiceInList: (header: string, values: readonly string[], found: string) => `${header} takes values among: ${list(values)}, separated by ; (found "${found}")`,
  country: (header: string, found: string) => `${header} must be a country: its name in English or its ISO code, e.g. Germany, DE or DEU (found "${found}")`,
  json: (header: string, reason: string) => `${header} must be JSON (${reason})`,
  text: (header: string, found: number) => `${header} must be text, not the number ${found}`,
};

/** `"low"|"medium"|"high"` -> ["low", "medium", "high"] */
const quotedValues = (text: string) => [...text.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1]!);

const TYPES: Record<string, string> = {
  number: "a number",
  int: "a whole number",
  boolean: "yes or no",
  string: "text",
  array: "a list",
  object: "a group of fields",
};

/** The validator's message (zod 4's English, or the engine's own) and what to say instead. */
const REWRITES: { pattern: RegExp; say: (label: string, m: RegExpExecArray) => string }[] = [
  { pattern: /^required field is missing/, say: (l) => `${l} is required` },
  { pattern: /^Too small: expected number to be >=(-?[\d.e+]+)$/, say: (l, m) => `${l} must be ${m[1]} or more` },
  { pattern: /^Too small: expected number to be >(-?[\d.e+]+)$/, say: (l, m) => `${l} must be more than ${m[1]}` },
  { pattern: /^Too big: expected number to be <=(-?[\d.e+]+)$/, say: (l, m) => `${l} must be ${m[1]} or less` },
  { pattern: /^Too big: expected number to be <(-?[\d.e+]+)$/, say: (l, m) => `${l} must be less than ${m[1]}` },
  { pattern: /^Too small: expected string to have >=1 characters?$/, say: (l) => `${l} must not be empty` },
  { pattern: /^Too small: expected string to have >=(\d+) characters$/, say: (l, m) => `${l} must have at least ${m[1]} characters` },
  { pattern: /^Too big: expected string to have <=(\d+) characters$/, say: (l, m) => `${l} must have at most ${m[1]} characters` },
  { pattern: /^Too small: expected array to have >=1 items?$/, say: (l) => `${l} needs at least one value` },
  { pattern: /^Too small: expected array to have >=(\d+) items$/, say: (l, m) => `${l} needs at least ${m[1]} values` },
  { pattern: /^Too big: expected array to have <=(\d+) items$/, say: (l, m) => `${l} takes at most ${m[1]} values` },
  { pattern: /^Invalid option: expected one of (.*)$/, say: (l, m) => `${l} must be one of: ${list(quotedValues(m[1]!))}` },
  { pattern: /^Invalid input: expected "((?:[^"\\]|\\.)*)"$/, say: (l, m) => `${l} must be ${m[1]}` },
  { pattern: /^Invalid input: expected (\w+), received \w+$/, say: (l, m) => `${l} must be ${TYPES[m[1]!] ?? m[1]}` },
  { pattern: /^expected a date as YYYY-MM-DD$/, say: (l) => `${l} must be a date as YYYY-MM-DD` },
  { pattern: /^expected an ISO 3166-1 alpha-2 country code .*received (.*)$/, say: (l, m) => `${l} must be a country's ISO 3166-1 alpha-2 code such as DE or US (found ${m[1]})` },
  { pattern: /^expected an http or https address$/, say: (l) => `${l} must be an http or https address` },
  { pattern: /^Invalid URL$/, say: (l) => `${l} must be an http or https address` },
  { pattern: /^too large: at most (\d+)(.*)$/, say: (l, m) => `${l} is too large: at most ${Number(m[1]).toLocaleString("en")}${m[2]}` },
];

/**
 * A validator's message about a field as the user reads it, naming the field by `label` (a
 * column's header, or the document's field name). A message with no rewrite (the engine's own
 * sentences: an unknown reference, a missing source) is kept as it is.
 *
 * @example problemMessage("Headcount", "Too small: expected number to be >=0") //=> "Headcount must be 0 or more"
 * @example problemMessage("Criticality", 'Invalid option: expected one of "low"|"medium"|"high"|"critical"') //=> "Criticality must be one of: low, medium, high, critical"
 */
export function problemMessage(label: string | undefined, message: string): string {
  if (!label) return message;
  for (const { pattern, say } of REWRITES) {
    const m = pattern.exec(message);
    if (m) return say(label, m);
  }
  return message;
}
