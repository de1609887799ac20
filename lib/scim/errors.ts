// SCIM's error shape (RFC 7644 §3.12): `{ schemas: [Error], status: "409", scimType?, detail }`.
// Identity providers log `detail` for their administrators, so it is written for a person.

export const SCIM_ERROR_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:Error";

/** The scimType values of RFC 7644 §3.12 that this endpoint answers with. */
export type ScimType = "invalidFilter" | "tooMany" | "uniqueness" | "mutability" | "invalidSyntax" | "invalidPath" | "noTarget" | "invalidValue";

export interface ScimErrorBody {
  schemas: [typeof SCIM_ERROR_SCHEMA];
  status: string;
  scimType?: ScimType;
  detail: string;
}

/** A refusal the SCIM client caused or can act on; anything else thrown is a 500. */
export class ScimError extends Error {
  override name = "ScimError";
  constructor(
    readonly status: number,
    message: string,
    readonly scimType?: ScimType,
  ) {
    super(message);
  }

  body(): ScimErrorBody {
    return { schemas: [SCIM_ERROR_SCHEMA], status: String(this.status), ...(this.scimType && { scimType: this.scimType }), detail: this.message };
  }
}

/** 401 for every credential problem and for an organisation that does not exist: the answer must not tell them apart. */
export const unauthenticated = () =>
  new ScimError(401, "Send this organisation's SCIM token as 'Authorization: Bearer sovra_scim_…' (an owner creates one in Settings → Single sign-on). The token is missing, unknown, revoked, or belongs to another organisation.");

export const resourceNotFound = (what: "User" | "Group", id: string) => new ScimError(404, `${what} ${id} not found.`);

export const versionMismatch = () => new ScimError(412, "The resource changed since the version named in If-Match. Read it again, then retry.");
