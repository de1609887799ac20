// SCIM 2.0 (RFC 7644) for one organisation; the operations are in lib/scim/endpoints.ts.
import { listGroups, createGroup } from "@/lib/scim/endpoints";

export const GET = listGroups;
export const POST = createGroup;
