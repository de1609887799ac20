import { GROUP_SCHEMA, LIST_SCHEMA, USER_SCHEMA } from "@/lib/scim/present";

// The endpoint describing itself (RFC 7644 §4, RFC 7643 §5–7): what it supports, its two
// resource types, and the attributes of each that it keeps. Static but for the addresses.

export const SCIM_MAX_RESULTS = 200;

const SPC_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig";
const RESOURCE_TYPE_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:ResourceType";
const SCHEMA_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Schema";

/** ServiceProviderConfig: PATCH, filters (up to 200 results a page) and ETags; no bulk, sorting or password changes. */
export function serviceProviderConfig(base: string) {
  return {
    schemas: [SPC_SCHEMA],
    patch: { supported: true },
    bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
    filter: { supported: true, maxResults: SCIM_MAX_RESULTS },
    changePassword: { supported: false },
    sort: { supported: false },
    etag: { supported: true },
    authenticationSchemes: [
      {
        type: "oauthbearertoken",
        name: "OAuth Bearer Token",
        description: "A SCIM token of the organisation (sovra_scim_…), created by an owner in Settings → Single sign-on, sent as 'Authorization: Bearer'.",
        primary: true,
      },
    ],
    meta: { resourceType: "ServiceProviderConfig", location: `${base}/ServiceProviderConfig` },
  };
}

const resourceTypes = (base: string) => [
  {
    schemas: [RESOURCE_TYPE_SCHEMA],
    id: "User",
    name: "User",
    endpoint: "/Users",
    description: "A person with access to the organisation",
    schema: USER_SCHEMA,
    meta: { resourceType: "ResourceType", location: `${base}/ResourceTypes/User` },
  },
  {
    schemas: [RESOURCE_TYPE_SCHEMA],
    id: "Group",
    name: "Group",
    endpoint: "/Groups",
    description: "A group whose name or external id is mapped to a role",
    schema: GROUP_SCHEMA,
    meta: { resourceType: "ResourceType", location: `${base}/ResourceTypes/Group` },
  },
];

type Attribute = { name: string; type: "string" | "boolean" | "complex" | "reference"; description: string; required?: boolean; caseExact?: boolean; mutability?: "readOnly" | "readWrite" | "immutable"; uniqueness?: "none" | "server"; multiValued?: boolean; subAttributes?: Attribute[]; referenceTypes?: string[] };

/** RFC 7643's attribute characteristics, with its defaults filled in. */
function attribute(a: Attribute): Record<string, unknown> {
  return {
    name: a.name,
    type: a.type,
    multiValued: a.multiValued ?? false,
    description: a.description,
    required: a.required ?? false,
    caseExact: a.caseExact ?? false,
    mutability: a.mutability ?? "readWrite",
    returned: "default",
    uniqueness: a.uniqueness ?? "none",
    ...(a.referenceTypes && { referenceTypes: a.referenceTypes }),
    ...(a.subAttributes && { subAttributes: a.subAttributes.map(attribute) }),
  };
}

const schemas = (base: string) => [
  {
    schemas: [SCHEMA_SCHEMA],
    id: USER_SCHEMA,
    name: "User",
    description: "A person; userName is their email address",
    attributes: [
      { name: "userName", type: "string", description: "The person's email address, in lower case; unique in the organisation", required: true, uniqueness: "server" },
      { name: "externalId", type: "string", description: "The identity provider's id for the person", caseExact: true },
      { name: "displayName", type: "string", description: "The name to show" },
      {
        name: "name",
        type: "complex",
        description: "The person's name",
        subAttributes: [
          { name: "givenName", type: "string", description: "Given name" },
          { name: "familyName", type: "string", description: "Family name" },
          { name: "formatted", type: "string", description: "Given and family name", mutability: "readOnly" },
        ],
      },
      {
        name: "emails",
        type: "complex",
        multiValued: true,
        description: "The person's email: always userName (other values sent are not kept)",
        subAttributes: [
          { name: "value", type: "string", description: "The email address" },
          { name: "type", type: "string", description: "work" },
          { name: "primary", type: "boolean", description: "Always true" },
        ],
      },
      { name: "active", type: "boolean", description: "False: the person has no access to the organisation (their sessions end and their API tokens are revoked)" },
    ].map((a) => attribute(a as Attribute)),
    meta: { resourceType: "Schema", location: `${base}/Schemas/${USER_SCHEMA}` },
  },
  {
    schemas: [SCHEMA_SCHEMA],
    id: GROUP_SCHEMA,
    name: "Group",
    description: "A group; its displayName or externalId is mapped to a role in Settings → Single sign-on",
    attributes: [
      { name: "displayName", type: "string", description: "The group's name; unique in the organisation", required: true, uniqueness: "server" },
      { name: "externalId", type: "string", description: "The identity provider's id for the group (Entra ID: its object id)", caseExact: true },
      {
        name: "members",
        type: "complex",
        multiValued: true,
        description: "The group's users",
        subAttributes: [
          { name: "value", type: "string", description: "The id of a User", mutability: "immutable" },
          { name: "$ref", type: "reference", description: "The User's address", mutability: "immutable", referenceTypes: ["User"] },
          { name: "display", type: "string", description: "The User's userName", mutability: "readOnly" },
          { name: "type", type: "string", description: "User", mutability: "immutable" },
        ],
      },
    ].map((a) => attribute(a as Attribute)),
    meta: { resourceType: "Schema", location: `${base}/Schemas/${GROUP_SCHEMA}` },
  },
];

const list = (resources: unknown[]) => ({ schemas: [LIST_SCHEMA], totalResults: resources.length, startIndex: 1, itemsPerPage: resources.length, Resources: resources });

export const resourceTypeList = (base: string) => list(resourceTypes(base));
export const resourceType = (base: string, id: string) => resourceTypes(base).find((r) => r.id.toLowerCase() === id.toLowerCase()) ?? null;
export const schemaList = (base: string) => list(schemas(base));
export const schemaById = (base: string, id: string) => schemas(base).find((s) => s.id.toLowerCase() === id.toLowerCase()) ?? null;
