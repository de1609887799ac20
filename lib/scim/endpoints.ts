import "server-only";
import { ScimError } from "@/lib/scim/errors";
import { GROUP_FILTER_ATTRIBUTES, parseFilter, USER_FILTER_ATTRIBUTES } from "@/lib/scim/filter";
import { etagOf, pageOf, parseScimBody, readScimBody, scimResponse } from "@/lib/scim/http";
import { groupChangesFromPatch, userChangesFromPatch } from "@/lib/scim/patch";
import { listResponse, membersExcluded, presentGroup, presentUser } from "@/lib/scim/present";
import { resourceType, resourceTypeList, schemaById, schemaList, SCIM_MAX_RESULTS, serviceProviderConfig } from "@/lib/scim/discovery";
import { scimRoute, type ScimRequest } from "@/lib/scim/route";
import { groupBodySchema, patchBodySchema, userBodySchema } from "@/lib/scim/schemas";
import { createScimUser, deleteScimUser, getScimUser, listScimUsers, patchScimUser, replaceScimUser } from "@/lib/scim/users";
import { changeScimGroup, createScimGroup, deleteScimGroup, getScimGroup, listScimGroups, replaceScimGroup, type ScimGroupWithMembers } from "@/lib/scim/groups";

// The SCIM 2.0 endpoint's operations (RFC 7644), one per exported handler; the route files under
// app/api/scim/v2/[organisation]/ only bind them to their paths.

const filterOf = (search: URLSearchParams, attributes: Readonly<Record<string, string>>) => {
  const filter = search.get("filter");
  return filter === null || filter.trim() === "" ? [] : parseFilter(filter, attributes);
};

const userAnswer = (row: Parameters<typeof presentUser>[0], base: string, status = 200) =>
  scimResponse(presentUser(row, base), { status, etag: etagOf(row.version), ...(status === 201 && { location: `${base}/Users/${row.id}` }) });

const groupAnswer = (group: ScimGroupWithMembers, { base, search }: ScimRequest, status = 200) =>
  scimResponse(presentGroup(group, base, membersExcluded(search) ? null : group.members), {
    status,
    etag: etagOf(group.version),
    ...(status === 201 && { location: `${base}/Groups/${group.id}` }),
  });

export const getServiceProviderConfig = scimRoute(async ({ base }) => scimResponse(serviceProviderConfig(base)));
export const listResourceTypes = scimRoute(async ({ base }) => scimResponse(resourceTypeList(base)));
export const getResourceType = scimRoute(async ({ base, id }) => {
  const found = resourceType(base, id);
  if (!found) throw new ScimError(404, `No resource type ${id}: this endpoint serves User and Group.`);
  return scimResponse(found);
});
export const listSchemas = scimRoute(async ({ base }) => scimResponse(schemaList(base)));
export const getSchema = scimRoute(async ({ base, id }) => {
  const found = schemaById(base, id);
  if (!found) throw new ScimError(404, `No schema ${id}.`);
  return scimResponse(found);
});

// ---- Users

export const listUsers = scimRoute(async ({ organisationId, base, search }) => {
  const clauses = filterOf(search, USER_FILTER_ATTRIBUTES);
  const page = pageOf(search, SCIM_MAX_RESULTS);
  const { total, rows } = await listScimUsers(organisationId, clauses, page);
  return scimResponse(listResponse(rows.map((r) => presentUser(r, base)), total, page.startIndex));
});

export const createUser = scimRoute(async ({ organisationId, base, request }) => {
  const body = parseScimBody(userBodySchema, await readScimBody(request));
  return userAnswer(await createScimUser(organisationId, body), base, 201);
});

export const getUser = scimRoute(async ({ organisationId, base, id }) => userAnswer(await getScimUser(organisationId, id), base));

export const replaceUser = scimRoute(async ({ organisationId, base, request, id }) => {
  const body = parseScimBody(userBodySchema, await readScimBody(request));
  return userAnswer(await replaceScimUser(request, organisationId, id, body), base);
});

export const patchUser = scimRoute(async ({ organisationId, base, request, id }) => {
  const { Operations } = parseScimBody(patchBodySchema, await readScimBody(request));
  return userAnswer(await patchScimUser(request, organisationId, id, userChangesFromPatch(Operations)), base);
});

export const deleteUser = scimRoute(async ({ organisationId, request, id }) => {
  await deleteScimUser(request, organisationId, id);
  return scimResponse(null, { status: 204 });
});

// ---- Groups

export const listGroups = scimRoute(async ({ organisationId, base, search }) => {
  const clauses = filterOf(search, GROUP_FILTER_ATTRIBUTES);
  const page = pageOf(search, SCIM_MAX_RESULTS);
  const withMembers = !membersExcluded(search);
  const { total, rows } = await listScimGroups(organisationId, clauses, page, withMembers);
  return scimResponse(listResponse(rows.map((g) => presentGroup(g, base, g.members)), total, page.startIndex));
});

export const createGroup = scimRoute(async (input) => {
  const body = parseScimBody(groupBodySchema, await readScimBody(input.request));
  return groupAnswer(await createScimGroup(input.organisationId, body), input, 201);
});

export const getGroup = scimRoute(async (input) => groupAnswer(await getScimGroup(input.organisationId, input.id, !membersExcluded(input.search)), input));

export const replaceGroup = scimRoute(async (input) => {
  const body = parseScimBody(groupBodySchema, await readScimBody(input.request));
  return groupAnswer(await replaceScimGroup(input.request, input.organisationId, input.id, body), input);
});

/**
 * Group PATCH answers 204 with the new ETag, as Entra ID's and Okta's documented exchanges show
 * (a group's member list can be long, and neither reads it back); with `attributes` or
 * `excludedAttributes` asked for, the group is returned (200).
 */
export const patchGroup = scimRoute(async (input) => {
  const { Operations } = parseScimBody(patchBodySchema, await readScimBody(input.request));
  const group = await changeScimGroup(input.request, input.organisationId, input.id, groupChangesFromPatch(Operations, input.id.toLowerCase()));
  if (input.search.has("attributes") || input.search.has("excludedAttributes")) return groupAnswer(group, input);
  return scimResponse(null, { status: 204, etag: etagOf(group.version) });
});

export const deleteGroup = scimRoute(async ({ organisationId, request, id }) => {
  await deleteScimGroup(request, organisationId, id);
  return scimResponse(null, { status: 204 });
});
