import { ScimError } from "@/lib/scim/errors";

// The filters identity providers send when they look a person or group up before creating it
// (RFC 7644 §3.4.2.2): `userName eq "…"`, `externalId eq "…"`, `displayName eq "…"`, Entra ID's
// `emails[type eq "work"].value eq "…"`, and conjunctions of these with `and`. Nothing else is
// needed to provision, so anything else is refused with invalidFilter rather than half-understood.

export interface FilterClause {
  /** The attribute as this endpoint names it (canonical case): "userName", "emails", … */
  attribute: string;
  value: string;
}

const CORE_PREFIX = /^urn:ietf:params:scim:schemas:core:2\.0:(user|group):/i;
/** `attrPath eq "value"`; the value is a JSON string (escapes allowed). */
const CLAUSE = /^\s*([A-Za-z][\w:.-]*(?:\[\s*type\s+eq\s+"[^"]*"\s*\])?(?:\.[A-Za-z]\w*)?)\s+eq\s+("(?:[^"\\]|\\.)*")\s*$/i;

/** Splits on ` and ` outside quoted strings. */
function conjuncts(filter: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < filter.length; i++) {
    const c = filter[i];
    if (quoted) {
      if (c === "\\") i++;
      else if (c === '"') quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === "[") depth++;
    else if (c === "]") depth--;
    else if (depth === 0 && /\s/.test(c!) && /^\s+and\s+/i.test(filter.slice(i))) {
      const match = /^\s+and\s+/i.exec(filter.slice(i))!;
      parts.push(filter.slice(start, i));
      i += match[0].length - 1;
      start = i + 1;
    }
  }
  parts.push(filter.slice(start));
  return parts;
}

/**
 * Parses a filter into clauses that must all hold. `attributes` maps the accepted attribute paths
 * (lower case, core-schema prefix removed, `emails[type eq "work"].value` spelled so) to their names.
 * @example parseFilter('userName eq "Ada@Example.com"', { username: "userName" }) // [{ attribute: "userName", value: "Ada@Example.com" }]
 * @example parseFilter('title pr', { username: "userName" }) // throws ScimError 400 invalidFilter
 */
export function parseFilter(filter: string, attributes: Readonly<Record<string, string>>): FilterClause[] {
  const refuse = (why: string) => new ScimError(400, `The filter "${filter.slice(0, 200)}" is not supported: ${why}`, "invalidFilter");
  if (filter.length > 1000) throw refuse("it is longer than 1000 characters.");
  const supported = [...new Set(Object.values(attributes))].join(", ");
  return conjuncts(filter).map((part) => {
    const match = CLAUSE.exec(part);
    if (!match) throw refuse(`use attribute eq "value" (joined with "and"); attributes: ${supported}.`);
    const path = match[1]!.replace(CORE_PREFIX, "").replace(/\s+/g, " ").replace(/\[\s*type eq /i, "[type eq ").replace(/\s*\]/, "]").toLowerCase();
    const attribute = attributes[path];
    if (!attribute) throw refuse(`filtering by ${match[1]} is not supported; attributes: ${supported}.`);
    let value: string;
    try {
      value = JSON.parse(match[2]!) as string;
    } catch {
      throw refuse("its value is not a valid string.");
    }
    return { attribute, value };
  });
}

/** The attribute paths a Users filter may use. */
export const USER_FILTER_ATTRIBUTES: Readonly<Record<string, string>> = {
  username: "userName",
  externalid: "externalId",
  id: "id",
  'emails[type eq "work"].value': "emails",
  "emails.value": "emails",
  emails: "emails",
};

/** The attribute paths a Groups filter may use. */
export const GROUP_FILTER_ATTRIBUTES: Readonly<Record<string, string>> = {
  displayname: "displayName",
  externalid: "externalId",
  id: "id",
};
