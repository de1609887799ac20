// SCIM 2.0 (RFC 7644) for one organisation; the operations are in lib/scim/endpoints.ts.
import { getUser, replaceUser, patchUser, deleteUser } from "@/lib/scim/endpoints";

export const GET = getUser;
export const PUT = replaceUser;
export const PATCH = patchUser;
export const DELETE = deleteUser;
