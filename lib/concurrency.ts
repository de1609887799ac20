import "server-only";
import { AppError, notFoundError } from "@/lib/errors";

/**
 * After an update guarded by `version` matched no row: tells a stale version (CONFLICT, with the
 * current row so the UI can show what changed) from a row that is not there for this
 * organisation (NOT_FOUND).
 */
export function staleOrMissing<T extends { version: number }>(what: string, current: T | null, sentVersion: number): AppError {
  if (!current) return notFoundError(what);
  return new AppError(
    "CONFLICT",
    `Someone else saved this ${what.toLowerCase()} while you were editing (your copy: version ${sentVersion}, now: version ${current.version}). Review their changes, then apply yours again.`,
    { current },
  );
}
