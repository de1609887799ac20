// SCIM 2.0 (RFC 7644) for one organisation; the operations are in lib/scim/endpoints.ts.
import { getGroup, replaceGroup, patchGroup, deleteGroup } from "@/lib/scim/endpoints";

export const GET = getGroup;
export const PUT = replaceGroup;
export const PATCH = patchGroup;
export const DELETE = deleteGroup;
