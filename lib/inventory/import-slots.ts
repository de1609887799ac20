import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";

// How many imports one web process runs at once (docs/decisions/031). Reading, checking and
// applying an inventory file takes memory and CPU in proportion to the file; a handful at once
// could starve the process, its health check included. So a process runs at most
// SOVRA_IMPORT_CONCURRENCY imports (previews and dry runs count: they read and plan the same) and
// refuses one more AT ONCE with RATE_LIMITED (429) and a Retry-After. A queue was not chosen: it
// would hold waiting uploads (up to 25 MB each) in memory and answer late, where "busy, try again
// in a few seconds" is clear and costs nothing. Slots are re-entrant: an import that plans inside
// its own slot does not take a second one.

/** What a busy answer tells the client to wait, in seconds (the Retry-After header). */
export const IMPORT_RETRY_AFTER_SECONDS = 10;

const inSlot = new AsyncLocalStorage<true>();
let running = 0;

/** Imports running in this process now. */
export const importsRunning = () => running;

function busyError(limit: number): AppError {
  return new AppError(
    "RATE_LIMITED",
    `The server is busy with other imports (it runs ${limit} at once). Try again in ${IMPORT_RETRY_AFTER_SECONDS} seconds; nothing was imported.`,
    { retryAfterSeconds: IMPORT_RETRY_AFTER_SECONDS },
  );
}

/** Refuses at once when every slot is taken: lets an upload route answer before receiving the file. */
export function assertImportSlotFree(): void {
  const limit = env().SOVRA_IMPORT_CONCURRENCY;
  if (!inSlot.getStore() && running >= limit) throw busyError(limit);
}

/** Runs `work` in one of this process's import slots, or throws RATE_LIMITED when none is free. */
export async function withImportSlot<T>(work: () => Promise<T>): Promise<T> {
  if (inSlot.getStore()) return work();
  assertImportSlotFree();
  running++;
  try {
    return await inSlot.run(true, work);
  } finally {
    running--;
  }
}
