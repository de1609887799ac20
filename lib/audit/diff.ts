import { auditFieldLabel } from "@/lib/audit/labels";
import { NO_DATE, formatDateTime, formatDay } from "@/lib/dates";

// What an audit event changed, readably: its before and after snapshots (JSON copies of the row,
// lib/audit/record.ts) compared field by field, each value in words. Pure: the screen, the CSV
// and the API all use it.

/** One changed field: its code (stable, for the API), its label and both values in words (null: none). */
export interface AuditChange {
  field: string;
  label: string;
  before: string | null;
  after: string | null;
}

/** Bookkeeping that every row carries and that says nothing about the change itself. */
const HIDDEN_FIELDS = new Set(["id", "organisationId", "version", "createdAt", "updatedAt"]);

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
/** A DATE column (a due date, a drill) is snapshotted as midnight UTC: shown as the day, not "00:00". */
const DATE_COLUMN = /^\d{4}-\d{2}-\d{2}T00:00:00\.000Z$/;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const isEmpty = (v: unknown) => v === null || v === undefined || v === "" || (Array.isArray(v) && v.length === 0);

/**
 * A recorded value in words: instants in UTC ("6 Dec 2026, 13:01 UTC"), days ("6 Dec 2026"), yes/no, lists joined, objects as "label: value"
 * pairs. Nothing recorded (null, empty text or list) is null.
 * @example formatAuditValue(["DE", "FR"]) // "DE, FR"
 * @example formatAuditValue({ weights: "open" }) // "Weights: open"
 * @example formatAuditValue("2027-03-06T10:00:00.000Z") // "6 Mar 2027, 10:00 UTC"
 */
export function formatAuditValue(value: unknown): string | null {
  if (isEmpty(value)) return null;
  if (typeof value === "string") {
    if (ISO_INSTANT.test(value) && !Number.isNaN(Date.parse(value))) return DATE_COLUMN.test(value) ? formatDay(value) : formatDateTime(value);
    if (ISO_DAY.test(value) && formatDay(value) !== NO_DATE) return formatDay(value);
    return value;
  }
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (typeof value === "number") return Number.isFinite(value) ? value.toLocaleString("en") : String(value);
  if (Array.isArray(value)) {
    const items = value.map((v) => formatAuditValue(v) ?? "—");
    return value.every((v) => !isRecord(v)) ? items.join(", ") : items.map((i) => `(${i})`).join("; ");
  }
  if (isRecord(value)) {
    const parts = Object.entries(value)
      .filter(([, v]) => !isEmpty(v))
      .map(([k, v]) => `${auditFieldLabel(k)}: ${formatAuditValue(v)}`);
    return parts.length ? parts.join("; ") : null;
  }
  return String(value);
}

/** Fields that must never leave the database, even inside a snapshot (none is recorded today; this keeps it so). */
const SECRET_FIELD = /^(password|passwordHash|tokenHash|secret|token)$/i;

/**
 * A snapshot with the value of every secret-looking field (password, passwordHash, tokenHash,
 * secret, token) replaced by "[redacted]", at any depth: the audit log shows snapshots to
 * analysts, who may not see credentials.
 * @example redactSecrets({ name: "CI", tokenHash: "ab12" }) // { name: "CI", tokenHash: "[redacted]" }
 */
export function redactSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactSecrets);
  if (!isRecord(value)) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, SECRET_FIELD.test(k) && v !== null ? "[redacted]" : redactSecrets(v)]));
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** Fields that name the row come first; the rest follow by label (PostgreSQL's jsonb keeps no key order). */
const NAMING_FIELDS = ["name", "title", "key"];
const byImportance = (a: AuditChange, b: AuditChange) => {
  const rank = (c: AuditChange) => (NAMING_FIELDS.includes(c.field) ? NAMING_FIELDS.indexOf(c.field) : NAMING_FIELDS.length);
  return rank(a) - rank(b) || a.label.localeCompare(b.label, "en");
};

/**
 * The fields an event changed: for a change, the fields whose values differ; for a creation or
 * deletion (one side absent), the fields that hold a value. Bookkeeping (id, version, timestamps
 * of the row itself) is left out. Name, title and key first, then by label. A snapshot that is
 * not an object is one "Value".
 * @example auditChanges({ name: "Lyon", version: 1 }, { name: "Paris", version: 2 })
 *   // [{ field: "name", label: "Name", before: "Lyon", after: "Paris" }]
 */
export function auditChanges(before: unknown, after: unknown): AuditChange[] {
  const hasBefore = !isEmpty(before);
  const hasAfter = !isEmpty(after);
  if ((hasBefore && !isRecord(before)) || (hasAfter && !isRecord(after))) {
    return same(before, after) ? [] : [{ field: "value", label: "Value", before: formatAuditValue(before), after: formatAuditValue(after) }];
  }
  const b = (hasBefore ? before : {}) as Record<string, unknown>;
  const a = (hasAfter ? after : {}) as Record<string, unknown>;
  const fields = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((f) => !HIDDEN_FIELDS.has(f));
  const changes: AuditChange[] = [];
  for (const field of fields) {
    if (same(b[field], a[field])) continue;
    const from = formatAuditValue(b[field]);
    const to = formatAuditValue(a[field]);
    if (from === null && to === null) continue;
    changes.push({ field, label: auditFieldLabel(field), before: from, after: to });
  }
  return changes.sort(byImportance);
}

/**
 * One line per change for a cell or a CSV: "Name: Lyon → Paris", or "Name: Lyon" where there was
 * nothing before (a creation).
 */
export function describeChanges(changes: readonly AuditChange[]): string {
  return changes.map((c) => (c.before === null ? `${c.label}: ${c.after}` : `${c.label}: ${c.before} → ${c.after ?? "—"}`)).join("; ");
}

/**
 * What the event is about, in words, from its snapshots: the row's name, title, email or file
 * name; null when the snapshot holds none of them.
 */
export function auditSubject(before: unknown, after: unknown): string | null {
  for (const snapshot of [after, before]) {
    if (!isRecord(snapshot)) continue;
    for (const key of ["name", "title", "email", "file"]) {
      const v = snapshot[key];
      if (typeof v === "string" && v.trim() !== "") return v;
    }
  }
  return null;
}
