import { ScimError } from "@/lib/scim/errors";
import { scimBoolean, USER_NAME_MAX, type PatchOperation } from "@/lib/scim/schemas";

// PATCH (RFC 7644 §3.5.2) as Entra ID and Okta send it, turned into plain changes before anything
// touches the database. Both shapes are common and both are valid:
// - Entra ID: one attribute per operation, with a path (`"op":"Replace","path":"active","value":"False"`,
//   `emails[type eq "work"].value`, `members` with `[{ "value": id }]`), ops capitalised, booleans as strings.
// - Okta: no path and an object of attributes (`{"op":"replace","value":{"active":false}}`), and
//   `members[value eq "id"]` to remove one member.
// Operation names and attribute names are case-insensitive (RFC 7643 §2.1).

export interface UserChanges {
  userName?: string;
  externalId?: string | null;
  displayName?: string | null;
  givenName?: string | null;
  familyName?: string | null;
  active?: boolean;
}

export type MemberChange = { kind: "add" | "remove" | "replace"; ids: string[] } | { kind: "removeAll" };

export interface GroupChanges {
  displayName?: string;
  externalId?: string | null;
  members: MemberChange[];
}

type Op = "add" | "replace" | "remove";

const USER_PREFIX = /^urn:ietf:params:scim:schemas:core:2\.0:user:/i;
const GROUP_PREFIX = /^urn:ietf:params:scim:schemas:core:2\.0:group:/i;

const invalid = (message: string) => new ScimError(400, message, "invalidValue");

function opOf(raw: string): Op {
  const op = raw.trim().toLowerCase();
  if (op === "add" || op === "replace" || op === "remove") return op;
  throw new ScimError(400, `Unknown PATCH operation "${raw}": use add, replace or remove.`, "invalidSyntax");
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function stringValue(value: unknown, attribute: string, max: number): string {
  if (typeof value !== "string") throw invalid(`${attribute} must be a string.`);
  const v = value.trim();
  if (v.length > max) throw invalid(`${attribute} must be at most ${max} characters.`);
  return v;
}

function requiredString(value: unknown, attribute: string, max: number): string {
  const v = stringValue(value, attribute, max);
  if (!v) throw invalid(`${attribute} cannot be empty.`);
  return v;
}

/** Null or an empty string clears an optional attribute. */
function optionalString(value: unknown, attribute: string, max: number): string | null {
  if (value === null || value === undefined) return null;
  return stringValue(value, attribute, max) || null;
}

function booleanValue(value: unknown, attribute: string): boolean {
  const parsed = scimBoolean.safeParse(value);
  if (!parsed.success) throw invalid(`${attribute} must be true or false.`);
  return parsed.data;
}

/** Operations that name no path: `value` is an object of attributes, each applied as if it were the path. */
function pathless(op: Op, value: unknown): [string, unknown][] {
  if (op === "remove") throw new ScimError(400, "A remove operation needs a path.", "noTarget");
  if (!isObject(value)) throw invalid("An operation without a path needs an object of attributes as its value.");
  return Object.entries(value);
}

function applyUserAttribute(changes: UserChanges, rawPath: string, op: Op, value: unknown): void {
  const path = rawPath.trim().replace(USER_PREFIX, "").toLowerCase();
  const remove = op === "remove";
  switch (path) {
    case "active":
      if (remove) throw invalid("active cannot be removed: replace it with false to deactivate the user.");
      changes.active = booleanValue(value, "active");
      return;
    case "username":
      if (remove) throw new ScimError(400, "userName is required and cannot be removed.", "mutability");
      changes.userName = requiredString(value, "userName", USER_NAME_MAX);
      return;
    case "externalid":
      changes.externalId = remove ? null : optionalString(value, "externalId", 500);
      return;
    case "displayname":
      changes.displayName = remove ? null : optionalString(value, "displayName", 300);
      return;
    case "name.givenname":
      changes.givenName = remove ? null : optionalString(value, "name.givenName", 200);
      return;
    case "name.familyname":
      changes.familyName = remove ? null : optionalString(value, "name.familyName", 200);
      return;
    case "name":
      if (remove || value === null) {
        changes.givenName = null;
        changes.familyName = null;
        return;
      }
      if (!isObject(value)) throw invalid("name must be an object.");
      for (const [key, v] of Object.entries(value)) applyUserAttribute(changes, `name.${key}`, op, v);
      return;
    case "id":
      throw new ScimError(400, "id is assigned by Sovra and cannot be changed.", "mutability");
    default:
      // emails (userName is the email Sovra uses), title, phone numbers, extensions, Okta's password, meta, schemas: not kept.
      return;
  }
}

/**
 * The changes a User PATCH makes, in order (a later operation wins).
 * @example userChangesFromPatch([{ op: "Replace", path: "active", value: "False" }]) // { active: false }
 * @example userChangesFromPatch([{ op: "replace", value: { active: false } }]) // { active: false }
 */
export function userChangesFromPatch(operations: readonly PatchOperation[]): UserChanges {
  const changes: UserChanges = {};
  for (const operation of operations) {
    const op = opOf(operation.op);
    if (operation.path === undefined || operation.path.trim() === "") {
      for (const [key, value] of pathless(op, operation.value)) applyUserAttribute(changes, key, op, value);
    } else {
      applyUserAttribute(changes, operation.path, op, operation.value);
    }
  }
  return changes;
}

/** The ids in a members value: `[{ "value": id }, …]` (one object alone is taken as a list of one). */
function memberIds(value: unknown): string[] {
  const list = Array.isArray(value) ? value : isObject(value) ? [value] : null;
  if (!list) throw invalid('members must be a list of { "value": "<user id>" }.');
  if (list.length > 50_000) throw new ScimError(400, "At most 50000 members per operation.", "tooMany");
  return list.map((m) => {
    if (!isObject(m) || typeof m.value !== "string" || m.value.trim() === "" || m.value.length > 100) throw invalid('Each member must be { "value": "<user id>" }.');
    return m.value.trim();
  });
}

/** `members[value eq "a"]` or `members[value eq "a" or value eq "b"]`: the ids it names, or null for another path. */
function memberFilterIds(path: string): string[] | null {
  const match = /^members\[(.*)\]$/is.exec(path.trim());
  if (!match) return null;
  const clauses = match[1]!.split(/\s+or\s+/i);
  return clauses.map((clause) => {
    const m = /^\s*value\s+eq\s+("(?:[^"\\]|\\.)*")\s*$/i.exec(clause);
    if (!m) throw new ScimError(400, `The path "${path.slice(0, 200)}" is not supported: use members[value eq "<user id>"].`, "invalidPath");
    return (JSON.parse(m[1]!) as string).trim();
  });
}

function applyGroupAttribute(changes: GroupChanges, groupId: string, rawPath: string, op: Op, value: unknown): void {
  const path = rawPath.trim().replace(GROUP_PREFIX, "");
  const filtered = memberFilterIds(path);
  if (filtered) {
    if (op !== "remove") throw new ScimError(400, `Only remove takes a filtered members path; to add, use "path": "members" with a list.`, "invalidPath");
    changes.members.push({ kind: "remove", ids: filtered });
    return;
  }
  switch (path.toLowerCase()) {
    case "members":
      if (op === "remove") changes.members.push(value === undefined || value === null ? { kind: "removeAll" } : { kind: "remove", ids: memberIds(value) });
      else changes.members.push({ kind: op, ids: memberIds(value ?? []) });
      return;
    case "displayname":
      if (op === "remove") throw invalid("displayName is required and cannot be removed.");
      changes.displayName = requiredString(value, "displayName", 256);
      return;
    case "externalid":
      changes.externalId = op === "remove" ? null : optionalString(value, "externalId", 500);
      return;
    case "id":
      // Okta renames a group with `{"op":"replace","value":{"id":…,"displayName":…}}`: its own id is no change.
      if (value !== groupId) throw new ScimError(400, "id is assigned by Sovra and cannot be changed.", "mutability");
      return;
    default:
      return; // schemas, meta, extensions: not kept
  }
}

/**
 * The changes a Group PATCH makes: attributes (a later operation wins) and member changes in order.
 * @example groupChangesFromPatch([{ op: "remove", path: 'members[value eq "u1"]' }], "g1") // { members: [{ kind: "remove", ids: ["u1"] }] }
 */
export function groupChangesFromPatch(operations: readonly PatchOperation[], groupId: string): GroupChanges {
  const changes: GroupChanges = { members: [] };
  for (const operation of operations) {
    const op = opOf(operation.op);
    if (operation.path === undefined || operation.path.trim() === "") {
      for (const [key, value] of pathless(op, operation.value)) applyGroupAttribute(changes, groupId, key, op, value);
    } else {
      applyGroupAttribute(changes, groupId, operation.path, op, operation.value);
    }
  }
  return changes;
}

/**
 * The members after applying the changes to `current`, in order.
 * @example applyMemberChanges(["a", "b"], [{ kind: "remove", ids: ["a"] }, { kind: "add", ids: ["c"] }]) // ["b", "c"]
 */
export function applyMemberChanges(current: readonly string[], changes: readonly MemberChange[]): string[] {
  const members = new Set(current);
  for (const change of changes) {
    if (change.kind === "removeAll") members.clear();
    else if (change.kind === "replace") {
      members.clear();
      for (const id of change.ids) members.add(id);
    } else if (change.kind === "add") for (const id of change.ids) members.add(id);
    else for (const id of change.ids) members.delete(id);
  }
  return [...members];
}
