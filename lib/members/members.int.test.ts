import { beforeEach, describe, expect, it } from "vitest";
import { acceptInvitation, acceptInvitationWithNewAccount, changeMemberRole, createInvitation, INVITATION_FAILURE, removeMember, revokeInvitation } from "./mutations";
import { findUsableInvitation, listMembers } from "./queries";
import { buildUser } from "@/prisma/factories";
import { contextFor, db, twoOrganisations } from "@/lib/testing/db";

let octet = 0;
/** A fresh client address per call site, so that these tests never share a throttling bucket. */
const ip = () => `198.18.${Math.floor(++octet / 250)}.${octet % 250}`;

describe("members and invitations", () => {
  let w: Awaited<ReturnType<typeof twoOrganisations>>;
  beforeEach(async () => {
    w = await twoOrganisations();
  });

  it("an invitation link lets a new person join with the invited role, once", async () => {
    const owner = w.ctx(w.a, "owner");
    const { token } = await createInvitation(owner, { role: "analyst" });
    expect(await findUsableInvitation(token)).toMatchObject({ role: "analyst", organisation: { slug: w.a.organisation.slug } });

    const joined = await acceptInvitationWithNewAccount(token, { name: "New Analyst", email: `new-${Date.now()}@example.test`, password: "a long enough password" }, ip());
    expect(joined).toEqual({ organisationSlug: w.a.organisation.slug, role: "analyst" });
    expect((await listMembers(owner)).filter((m) => m.role === "analyst")).toHaveLength(2);

    expect(await findUsableInvitation(token)).toBeNull();
    const someoneElse = await buildUser(db());
    await expect(acceptInvitation(someoneElse.id, token, ip())).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("an existing member who opens an invitation keeps the role they have", async () => {
    const { token } = await createInvitation(w.ctx(w.a, "owner"), { role: "viewer" });
    expect(await acceptInvitation(w.a.users.editor.id, token, ip())).toEqual({ organisationSlug: w.a.organisation.slug, role: "editor" });
  });

  it("a revoked or expired invitation no longer works", async () => {
    const owner = w.ctx(w.a, "owner");
    const revoked = await createInvitation(owner, { role: "viewer" });
    await revokeInvitation(owner, revoked.id);
    const user = await buildUser(db());
    await expect(acceptInvitation(user.id, revoked.token, ip())).rejects.toMatchObject({ code: "NOT_FOUND" });

    const expired = await createInvitation(owner, { role: "viewer" });
    await db().invitation.update({ where: { id: expired.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await expect(acceptInvitation(user.id, expired.token, ip())).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("creating an account for an invitation with a taken email is refused and joins nobody", async () => {
    const { token } = await createInvitation(w.ctx(w.a, "owner"), { role: "viewer" });
    // The same answer as for any other failure (decision 028): it must not confirm the account exists.
    await expect(acceptInvitationWithNewAccount(token, { name: "X", email: w.b.users.viewer.email, password: "a long enough password" }, ip())).rejects.toMatchObject({
      code: "NOT_FOUND",
      message: INVITATION_FAILURE,
    });
    expect(await findUsableInvitation(token)).not.toBeNull();
    expect((await listMembers(w.ctx(w.a, "owner"))).map((m) => m.user.id)).not.toContain(w.b.users.viewer.id);
  });

  it("the last owner can neither be demoted nor removed", async () => {
    const owner = w.ctx(w.a, "owner");
    const ownerMembership = (await listMembers(owner)).find((m) => m.role === "owner")!;
    await expect(changeMemberRole(owner, { membershipId: ownerMembership.id, role: "viewer", version: ownerMembership.version })).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(removeMember(owner, ownerMembership.id)).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("two owners demoting each other at once leave one owner: the changes take turns, and the second is refused", async () => {
    const owner = w.ctx(w.a, "owner");
    const find = async (userId: string) => (await listMembers(owner)).find((m) => m.user.id === userId)!;
    const editor = await find(w.a.users.editor.id);
    await changeMemberRole(owner, { membershipId: editor.id, role: "owner", version: editor.version });
    const secondOwner = contextFor(w.a.organisation, w.a.users.editor.id, "owner");
    const [first, second] = [await find(w.a.users.owner.id), await find(w.a.users.editor.id)];
    const results = await Promise.allSettled([
      changeMemberRole(owner, { membershipId: second.id, role: "viewer", version: second.version }),
      changeMemberRole(secondOwner, { membershipId: first.id, role: "viewer", version: first.version }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(results.find((r) => r.status === "rejected")).toMatchObject({ reason: { code: "CONFLICT", message: expect.stringContaining("at least one owner") } });
    expect(await db().membership.count({ where: { organisationId: w.a.organisation.id, role: "owner" } })).toBe(1);
  });

  it("a role change based on a stale version is refused with CONFLICT", async () => {
    const owner = w.ctx(w.a, "owner");
    const editor = (await listMembers(owner)).find((m) => m.role === "editor")!;
    await changeMemberRole(owner, { membershipId: editor.id, role: "analyst", version: editor.version });
    await expect(changeMemberRole(owner, { membershipId: editor.id, role: "viewer", version: editor.version })).rejects.toMatchObject({ code: "CONFLICT" });
    expect((await listMembers(owner)).find((m) => m.id === editor.id)?.role).toBe("analyst");
  });

  it("records invitations and role changes in the audit trail", async () => {
    const owner = w.ctx(w.a, "owner");
    await createInvitation(owner, { role: "viewer" });
    const editor = (await listMembers(owner)).find((m) => m.role === "editor")!;
    await changeMemberRole(owner, { membershipId: editor.id, role: "analyst", version: editor.version });
    const events = await db().auditEvent.findMany({ where: { organisationId: w.a.organisation.id }, orderBy: { id: "asc" } });
    expect(events.map((e) => e.action)).toEqual(["invite", "role_change"]);
    expect(events[1]).toMatchObject({ actorId: w.a.users.owner.id, before: { role: "editor" }, after: { role: "analyst" } });
  });
});
