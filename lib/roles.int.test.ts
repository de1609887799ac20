// Role checks for every server action: each action is called as a member of each role, with
// the real session lookup, membership resolution and database; only auth() (which needs an
// HTTP request) and Next's cache invalidation are replaced.
import { beforeEach, describe, expect, it, vi } from "vitest";
import { PERMISSIONS, ROLES, type Permission, type Role } from "@/lib/auth/permissions";
import type { ActionState } from "@/lib/action-state";
import { buildOffice, buildOrganisationWithMembers, buildUser, buildMembership } from "@/prisma/factories";
import { db } from "@/lib/testing/db";

const session = vi.hoisted(() => ({ userId: null as string | null }));
vi.mock("@/lib/auth/auth", () => ({
  auth: async () => (session.userId ? { user: { id: session.userId } } : null),
  signIn: async () => undefined,
  signOut: async () => undefined,
}));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

const { createOfficeAction, updateOfficeAction, deleteOfficeAction } = await import("@/lib/offices/actions");
const { createInvitationAction, revokeInvitationAction, changeRoleAction, removeMemberAction } = await import("@/lib/members/actions");
const { updateOrganisationAction } = await import("@/lib/organisations/actions");
const { createApiTokenAction, revokeApiTokenAction } = await import("@/lib/api-tokens/actions");

type Org = Awaited<ReturnType<typeof buildOrganisationWithMembers>>;
type Action = (prev: ActionState, fd: FormData) => Promise<ActionState>;

function form(fields: Record<string, string | number | string[]>): FormData {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) for (const item of [v].flat()) fd.append(k, String(item));
  return fd;
}

/** Runs an action; a redirect (Next's way to finish a successful form) counts as success. */
async function call(action: Action, fields: Record<string, string | number | string[]>): Promise<ActionState> {
  try {
    return await action({ status: "idle" }, form(fields));
  } catch (e) {
    if (String((e as { digest?: string }).digest ?? "").startsWith("NEXT_REDIRECT")) return { status: "success" };
    throw e;
  }
}

/** Each action with its permission and fresh valid input for the given organisation. */
const ACTIONS: { name: string; permission: Permission; action: Action; input: (org: Org) => Promise<Record<string, string | number | string[]>> }[] = [
  {
    name: "createOfficeAction",
    permission: "inventory:write",
    action: createOfficeAction,
    input: async (org) => ({ org: org.organisation.slug, name: `Office ${Math.random()}`, country: "DE", city: "Bonn", headcount: 3, teams: "Ops" }),
  },
  {
    name: "updateOfficeAction",
    permission: "inventory:write",
    action: updateOfficeAction,
    input: async (org) => {
      const office = await buildOffice(db(), org.organisation.id);
      return { org: org.organisation.slug, id: office.id, version: office.version, name: office.name, country: "FR", city: "Lyon", headcount: 5, teams: "" };
    },
  },
  {
    name: "deleteOfficeAction",
    permission: "inventory:write",
    action: deleteOfficeAction,
    input: async (org) => {
      const office = await buildOffice(db(), org.organisation.id);
      return { org: org.organisation.slug, id: office.id, version: office.version };
    },
  },
  {
    name: "updateOrganisationAction",
    permission: "organisation:update",
    action: updateOrganisationAction,
    input: async (org) => {
      const { version } = await db().organisation.findUniqueOrThrow({ where: { id: org.organisation.id }, select: { version: true } });
      return { org: org.organisation.slug, name: org.organisation.name, hqCountry: "DE", sector: "Manufacturing", regimes: ["gdpr", "dora"], version };
    },
  },
  { name: "createInvitationAction", permission: "members:manage", action: createInvitationAction, input: async (org) => ({ org: org.organisation.slug, role: "viewer", email: "" }) },
  {
    name: "revokeInvitationAction",
    permission: "members:manage",
    action: revokeInvitationAction,
    input: async (org) => {
      const invitation = await db().invitation.create({
        data: { organisationId: org.organisation.id, tokenHash: `h-${Math.random()}`, role: "viewer", createdById: org.users.owner.id, expiresAt: new Date(Date.now() + 86_400_000) },
      });
      return { org: org.organisation.slug, invitationId: invitation.id };
    },
  },
  {
    name: "changeRoleAction",
    permission: "members:manage",
    action: changeRoleAction,
    input: async (org) => {
      const m = await buildMembership(db(), org.organisation.id, (await buildUser(db())).id, "viewer");
      return { org: org.organisation.slug, membershipId: m.id, role: "editor", version: m.version };
    },
  },
  {
    name: "removeMemberAction",
    permission: "members:manage",
    action: removeMemberAction,
    input: async (org) => {
      const m = await buildMembership(db(), org.organisation.id, (await buildUser(db())).id, "viewer");
      return { org: org.organisation.slug, membershipId: m.id };
    },
  },
  { name: "createApiTokenAction", permission: "api_tokens:manage", action: createApiTokenAction, input: async (org) => ({ org: org.organisation.slug, name: "Release gate", role: "viewer" }) },
  {
    name: "revokeApiTokenAction",
    permission: "api_tokens:manage",
    action: revokeApiTokenAction,
    input: async (org) => {
      const token = await db().apiToken.create({
        data: { organisationId: org.organisation.id, name: "CI", tokenHash: `h-${Math.random()}`, role: "viewer", createdById: org.users.owner.id },
      });
      return { org: org.organisation.slug, tokenId: token.id };
    },
  },
];

describe("server actions check the session and the role themselves", () => {
  let org: Org;
  beforeEach(async () => {
    org = await buildOrganisationWithMembers(db());
  });

  for (const { name, permission, action, input } of ACTIONS) {
    for (const role of ROLES) {
      const allowed = (PERMISSIONS[permission] as readonly Role[]).includes(role);
      it(`${name} ${allowed ? "succeeds" : "is refused"} for ${role}`, async () => {
        session.userId = org.users[role].id;
        const result = await call(action, await input(org));
        if (allowed) expect(result).toMatchObject({ status: "success" });
        else expect(result).toMatchObject({ status: "error", code: "FORBIDDEN" });
      });
    }

    it(`${name} is refused without a session`, async () => {
      session.userId = null;
      expect(await call(action, await input(org))).toMatchObject({ status: "error", code: "UNAUTHENTICATED" });
    });

    it(`${name} answers NOT_FOUND to an owner of another organisation`, async () => {
      const other = await buildOrganisationWithMembers(db());
      session.userId = other.users.owner.id;
      expect(await call(action, await input(org))).toMatchObject({ status: "error", code: "NOT_FOUND" });
    });
  }

  it("refuses invalid input with field errors and keeps the typed values", async () => {
    session.userId = org.users.editor.id;
    const result = await call(createOfficeAction, { org: org.organisation.slug, name: "", country: "XX", city: "Lyon", headcount: -3 });
    expect(result).toMatchObject({ status: "error", code: "INVALID_INPUT", values: { city: "Lyon" } });
    expect(Object.keys((result as { fieldErrors: object }).fieldErrors).sort()).toEqual(["country", "headcount", "name"]);
    expect(await db().office.count({ where: { organisationId: org.organisation.id } })).toBe(0);
  });
});
