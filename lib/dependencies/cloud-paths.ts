// In a file without zod: the route form imports it in the browser.
import type { AccessPath } from "@/lib/generated/prisma/enums";

/** The access paths that run on someone else's cloud, and so name its operator. */
export const CLOUD_PATHS: readonly AccessPath[] = ["cloud_marketplace", "third_party_hosted"];
