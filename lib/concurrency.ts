import "server-only";
import { AppError, notFoundError } from "@/lib/errors";
import { inSentence } from "@/scoring/words";

/**
 * After an update guarded by `version` matched no row: tells a stale version (CONFLICT, with the
 * current row so the UI can show what changed) from a row that is not there for this
 * organisation (NOT_FOUND).
 */
export function staleOrMissing<T extends { version: number }>(what: string, current: T | null, sentVersion: number): AppError {
  if (!current) return notFoundError(what);
  return new AppError(
    "CONFLICT",
    `Someone else saved this ${inSentence(what)} while you were editing (your copy: version ${sentVersion}, now: version ${current.version}). Review their changes, then apply yours again.`,
    { current },
  );
}

type AuditReader = { auditEvent: { findMany(args: object): Promise<{ before: unknown; after: unknown }[]> } };

const comparable = (v: unknown) => JSON.stringify(v instanceof Date ? v.toISOString() : (v ?? null));

/**
 * `staleOrMissing` for a row whose edits are audited: the CONFLICT message also names the fields
 * someone else changed since `sentVersion`, read from the audit trail's snapshot of the row at
 * that version (what the caller's form was filled from). Without such a snapshot (rows written
 * before auditing) it says only that the row changed.
 */
export async function staleWithChanges<T extends { version: number }>(
  tx: AuditReader,
  scope: { organisationId: string; entityType: string; entityId: string },
  what: string,
  current: T | null,
  sentVersion: number,
  labels: Record<string, string>,
): Promise<AppError> {
  const error = staleOrMissing(what, current, sentVersion);
  if (!current) return error;
  const events = await tx.auditEvent.findMany({
    where: { organisationId: scope.organisationId, entityType: scope.entityType, entityId: scope.entityId },
    select: { before: true, after: true },
    orderBy: { id: "desc" },
    take: 50,
  });
  const atVersion = (row: unknown) => (row && typeof row === "object" && (row as { version?: unknown }).version === sentVersion ? (row as Record<string, unknown>) : undefined);
  const read = events.map((e) => atVersion(e.after) ?? atVersion(e.before)).find(Boolean);
  if (!read) return error;
  const now = current as unknown as Record<string, unknown>;
  const changed = Object.keys(labels).filter((field) => comparable(read[field]) !== comparable(now[field]));
  if (!changed.length) return error;
  return new AppError("CONFLICT", `${error.message} Changed meanwhile: ${changed.map((f) => labels[f]).join(", ")}.`, { current, changedFields: changed });
}
