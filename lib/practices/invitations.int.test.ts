// Invitation links to a practice (issue 15), against a real PostgreSQL: what is stored and
// audited, who may make and revoke them, that every failed acceptance gets the one answer and
// changes nothing, email-bound links, existing members, concurrent acceptances, the throttle.
import { beforeEach, describe, expect, it } from "vitest";
import {
  acceptPracticeInvitation,
  acceptPracticeInvitationWithNewAccount,
  createPracticeInvitation,
  revokePracticeInvitation,
} from "./invitation-mutations";
import { findUsablePracticeInvitation, listPendingPracticeInvitations } from "./invitation-queries";
import { INVITATION_FAILURE, createInvitation } from "@/lib/members/mutations";
import { hashToken, newToken } from "@/lib/members/tokens";
import { THROTTLE } from "@/lib/auth/throttle";
import { verifyPassword } from "@/lib/auth/password";
import { PASSWORD_MESSAGES } from "@/lib/auth/password-policy";
import type { PracticeContext } from "@/lib/auth/practice-context";
import type { PracticeRole } from "@/lib/auth/practice-permissions";
import { buildOrganisationWithMembers, buildPracticeWithMembers, buildUser } from "@/prisma/factories";
import { contextFor, db } from "@/lib/testing/db";

type Practice = Awaited<ReturnType<typeof buildPracticeWithMembers>>;

const ctxOf = (p: Practice, role: PracticeRole): PracticeContext => ({ practiceId: p.practice.id, practiceSlug: p.practice.slug, practiceName: p.practice.name, userId: p.users[role].id, role });

let octet = 0;
/** A fresh client address per call, so that only the throttle tests share a bucket. */
const ip = () => `198.22.${Math.floor(++octet / 250)}.${octet % 250}`;
const STRONG = "lilac otter quarry tuesday";
const fresh = () => `joiner-${Math.random().toString(36).slice(2)}@example.test`;
const FAILURE = { code: "NOT_FOUND", message: INVITATION_FAILURE };

/** What an acceptance answers: "accepted", or the code and message a browser would see. */
async function answerTo(promise: Promise<unknown>) {
  try {
    await promise;
    return "accepted";
  } catch (e) {
    const { code, message } = e as { code?: string; message: string };
    return { code, message };
  }
}

/** Everything an invitation or an acceptance could write for the practice, for "nothing changed". */
async function snapshot(practiceId: string) {
  const p = db();
  return JSON.stringify(
    await Promise.all([
      p.practiceMember.findMany({ where: { practiceId }, orderBy: { id: "asc" } }),
      p.practiceInvitation.findMany({ where: { practiceId }, orderBy: { id: "asc" } }),
      p.practiceAuditEvent.findMany({ where: { practiceId }, orderBy: { id: "asc" } }),
      p.user.count(),
    ]),
    (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v),
  );
}

const auditOf = (practiceId: string) =>
  db().practiceAuditEvent.findMany({ where: { practiceId }, orderBy: { id: "asc" }, select: { action: true, entityType: true, entityId: true, actorId: true, before: true, after: true } });

describe("practice invitation links", () => {
  let p: Practice;
  beforeEach(async () => {
    p = await buildPracticeWithMembers(db());
  });

  it("a partner makes a link: only the SHA-256 of its 256-bit token is stored, it works for 7 days, and the practice's audit trail records it", async () => {
    const before = Date.now();
    const invitation = await createPracticeInvitation(ctxOf(p, "partner"), { role: "consultant", email: "ana@example.test" });
    const week = 7 * 24 * 3600 * 1000;
    expect(invitation.expiresAt.getTime()).toBeGreaterThanOrEqual(before + week);
    expect(invitation.expiresAt.getTime()).toBeLessThanOrEqual(Date.now() + week);

    const row = await db().practiceInvitation.findUniqueOrThrow({ where: { id: invitation.id } });
    expect(Buffer.from(invitation.token, "base64url")).toHaveLength(32);
    expect(row).toMatchObject({ practiceId: p.practice.id, tokenHash: hashToken(invitation.token), role: "consultant", email: "ana@example.test", createdById: p.users.partner.id, acceptedAt: null, revokedAt: null });
    expect(JSON.stringify(row)).not.toContain(invitation.token);

    const events = await auditOf(p.practice.id);
    expect(events).toEqual([
      { action: "invite", entityType: "practice_invitation", entityId: invitation.id, actorId: p.users.partner.id, before: null, after: expect.objectContaining({ role: "consultant", email: "ana@example.test" }) },
    ]);
    expect(JSON.stringify(events)).not.toContain(invitation.token);
    expect(JSON.stringify(events)).not.toContain(row.tokenHash);

    expect(await findUsablePracticeInvitation(invitation.token)).toEqual({ role: "consultant", email: "ana@example.test", expiresAt: invitation.expiresAt, practice: { name: p.practice.name, slug: p.practice.slug } });
    expect(await listPendingPracticeInvitations(ctxOf(p, "partner"))).toEqual([
      { id: invitation.id, role: "consultant", email: "ana@example.test", createdAt: row.createdAt, expiresAt: invitation.expiresAt, createdBy: { name: p.users.partner.name } },
    ]);
  });

  it("lists only pending links, newest first: not accepted, revoked or expired ones", async () => {
    const partner = ctxOf(p, "partner");
    const older = await createPracticeInvitation(partner, { role: "consultant" });
    const accepted = await createPracticeInvitation(partner, { role: "consultant" });
    await acceptPracticeInvitation((await buildUser(db())).id, accepted.token, ip());
    const revoked = await createPracticeInvitation(partner, { role: "consultant" });
    await revokePracticeInvitation(partner, revoked.id);
    const expired = await createPracticeInvitation(partner, { role: "consultant" });
    await db().practiceInvitation.update({ where: { id: expired.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const newer = await createPracticeInvitation(partner, { role: "partner" });
    expect((await listPendingPracticeInvitations(partner)).map((i) => i.id)).toEqual([newer.id, older.id]);
  });

  it("revoking stops the link at once and is audited; revoking it again is NOT_FOUND", async () => {
    const partner = ctxOf(p, "partner");
    const invitation = await createPracticeInvitation(partner, { role: "partner" });
    await revokePracticeInvitation(partner, invitation.id);
    expect((await db().practiceInvitation.findUniqueOrThrow({ where: { id: invitation.id } })).revokedAt).toBeInstanceOf(Date);
    expect(await findUsablePracticeInvitation(invitation.token)).toBeNull();
    expect((await auditOf(p.practice.id)).map((e) => [e.action, e.entityType, e.entityId, e.actorId])).toEqual([
      ["invite", "practice_invitation", invitation.id, p.users.partner.id],
      ["revoke_invite", "practice_invitation", invitation.id, p.users.partner.id],
    ]);
    await expect(revokePracticeInvitation(partner, invitation.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await answerTo(acceptPracticeInvitation((await buildUser(db())).id, invitation.token, ip()))).toEqual(FAILURE);
  });

  it("a signed-in person accepts: they join with the invited role, the link is used up, and the trail records the join", async () => {
    const invitation = await createPracticeInvitation(ctxOf(p, "partner"), { role: "consultant" });
    const joiner = await buildUser(db());
    expect(await acceptPracticeInvitation(joiner.id, invitation.token, ip())).toEqual({ practiceSlug: p.practice.slug, role: "consultant" });

    const member = await db().practiceMember.findUniqueOrThrow({ where: { practiceId_userId: { practiceId: p.practice.id, userId: joiner.id } } });
    expect(member.role).toBe("consultant");
    expect(await db().practiceInvitation.findUniqueOrThrow({ where: { id: invitation.id } })).toMatchObject({ acceptedById: joiner.id, acceptedAt: expect.any(Date) });
    expect((await auditOf(p.practice.id)).at(-1)).toEqual({ action: "join", entityType: "practice_member", entityId: member.id, actorId: joiner.id, before: null, after: { role: "consultant", invitationId: invitation.id } });

    expect(await findUsablePracticeInvitation(invitation.token)).toBeNull();
    const second = await buildUser(db());
    expect(await answerTo(acceptPracticeInvitation(second.id, invitation.token, ip()))).toEqual(FAILURE);
    expect(await db().practiceMember.count({ where: { practiceId: p.practice.id, userId: second.id } })).toBe(0);
  });

  it("someone without an account creates one and joins as partner; the password is stored hashed", async () => {
    const invitation = await createPracticeInvitation(ctxOf(p, "partner"), { role: "partner" });
    const email = fresh();
    expect(await acceptPracticeInvitationWithNewAccount(invitation.token, { name: "Nia New", email, password: STRONG }, ip())).toEqual({ practiceSlug: p.practice.slug, role: "partner" });
    const user = await db().user.findUniqueOrThrow({ where: { email }, select: { id: true, name: true, passwordHash: true, practiceMemberships: { select: { practiceId: true, role: true } } } });
    expect(user).toMatchObject({ name: "Nia New", practiceMemberships: [{ practiceId: p.practice.id, role: "partner" }] });
    expect(user.passwordHash).not.toContain(STRONG);
    expect(await verifyPassword(STRONG, user.passwordHash)).toBe(true);
    expect((await auditOf(p.practice.id)).at(-1)).toMatchObject({ action: "join", entityType: "practice_member", actorId: user.id, after: { role: "partner" } });
  });

  it("refuses unknown, used, expired and revoked links, another address than the invited one and a taken email, all with the one answer, and changes nothing", async () => {
    const partner = ctxOf(p, "partner");
    const used = await createPracticeInvitation(partner, { role: "consultant" });
    await acceptPracticeInvitation((await buildUser(db())).id, used.token, ip());
    const expired = await createPracticeInvitation(partner, { role: "consultant" });
    await db().practiceInvitation.update({ where: { id: expired.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const revoked = await createPracticeInvitation(partner, { role: "consultant" });
    await revokePracticeInvitation(partner, revoked.id);
    const forDana = await createPracticeInvitation(partner, { role: "consultant", email: "dana@example.test" });
    const open = await createPracticeInvitation(partner, { role: "partner" });
    // An organisation's invitation token is no practice invitation.
    const org = await buildOrganisationWithMembers(db());
    const orgInvitation = await createInvitation(contextFor(org.organisation, org.users.owner.id, "owner"), { role: "viewer" });
    const someone = await buildUser(db());
    const taken = await buildUser(db());
    const before = await snapshot(p.practice.id);

    const answers = [
      await answerTo(acceptPracticeInvitationWithNewAccount(newToken().token, { name: "X", email: fresh(), password: STRONG }, ip())),
      await answerTo(acceptPracticeInvitationWithNewAccount(used.token, { name: "X", email: fresh(), password: STRONG }, ip())),
      await answerTo(acceptPracticeInvitationWithNewAccount(expired.token, { name: "X", email: fresh(), password: STRONG }, ip())),
      await answerTo(acceptPracticeInvitationWithNewAccount(revoked.token, { name: "X", email: fresh(), password: STRONG }, ip())),
      await answerTo(acceptPracticeInvitationWithNewAccount(forDana.token, { name: "X", email: fresh(), password: STRONG }, ip())),
      await answerTo(acceptPracticeInvitationWithNewAccount(open.token, { name: "X", email: taken.email, password: STRONG }, ip())),
      await answerTo(acceptPracticeInvitationWithNewAccount(orgInvitation.token, { name: "X", email: fresh(), password: STRONG }, ip())),
      await answerTo(acceptPracticeInvitation(someone.id, newToken().token, ip())),
      await answerTo(acceptPracticeInvitation(someone.id, used.token, ip())),
      await answerTo(acceptPracticeInvitation(someone.id, expired.token, ip())),
      await answerTo(acceptPracticeInvitation(someone.id, revoked.token, ip())),
      await answerTo(acceptPracticeInvitation(someone.id, forDana.token, ip())),
      await answerTo(acceptPracticeInvitation(someone.id, orgInvitation.token, ip())),
    ];
    expect(answers).toEqual(answers.map(() => FAILURE));
    expect(await snapshot(p.practice.id)).toBe(before);
    expect(await findUsablePracticeInvitation(open.token)).not.toBeNull();
    expect(await findUsablePracticeInvitation(forDana.token)).not.toBeNull();
    expect(await findUsablePracticeInvitation(orgInvitation.token)).toBeNull();
  });

  it("a link made out to an address is accepted by that address only, whatever its capitals, signed in or with a new account", async () => {
    const partner = ctxOf(p, "partner");
    const forNew = await createPracticeInvitation(partner, { role: "consultant", email: "Nora.Invited@example.test" });
    expect(await acceptPracticeInvitationWithNewAccount(forNew.token, { name: "Nora", email: "nora.invited@example.test", password: STRONG }, ip())).toEqual({ practiceSlug: p.practice.slug, role: "consultant" });

    const owen = await buildUser(db());
    const forOwen = await createPracticeInvitation(partner, { role: "consultant", email: owen.email.toUpperCase() });
    const other = await buildUser(db());
    expect(await answerTo(acceptPracticeInvitation(other.id, forOwen.token, ip()))).toEqual(FAILURE);
    expect(await acceptPracticeInvitation(owen.id, forOwen.token, ip())).toEqual({ practiceSlug: p.practice.slug, role: "consultant" });
    expect(await db().practiceMember.count({ where: { practiceId: p.practice.id, userId: other.id } })).toBe(0);
  });

  it("a member who opens a link keeps the role they have; the link is used up", async () => {
    const invitation = await createPracticeInvitation(ctxOf(p, "partner"), { role: "partner" });
    expect(await acceptPracticeInvitation(p.users.consultant.id, invitation.token, ip())).toEqual({ practiceSlug: p.practice.slug, role: "consultant" });
    const members = await db().practiceMember.findMany({ where: { practiceId: p.practice.id }, select: { userId: true, role: true, version: true } });
    expect(members).toHaveLength(2);
    expect(members.find((m) => m.userId === p.users.consultant.id)).toEqual({ userId: p.users.consultant.id, role: "consultant", version: p.members.consultant.version });
    expect(await findUsablePracticeInvitation(invitation.token)).toBeNull();
    expect((await auditOf(p.practice.id)).at(-1)).toMatchObject({ action: "join", entityId: p.members.consultant.id, after: { role: "consultant", invitedAs: "partner", alreadyMember: true } });
  });

  it("of two acceptances of one link at once, exactly one joins (10 rounds, signed in and with new accounts)", async () => {
    for (let round = 0; round < 10; round++) {
      const invitation = await createPracticeInvitation(ctxOf(p, "partner"), { role: "consultant" });
      const [first, second] = [await buildUser(db()), await buildUser(db())];
      const emails = [fresh(), fresh()];
      const attempts =
        round % 2 === 0
          ? [acceptPracticeInvitation(first.id, invitation.token, ip()), acceptPracticeInvitation(second.id, invitation.token, ip())]
          : emails.map((email) => acceptPracticeInvitationWithNewAccount(invitation.token, { name: "Racer", email, password: STRONG }, ip()));
      const results = await Promise.allSettled(attempts);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      expect(results.find((r) => r.status === "rejected")).toMatchObject({ reason: FAILURE });
      const joined = await db().practiceMember.count({ where: { practiceId: p.practice.id, OR: [{ userId: { in: [first.id, second.id] } }, { user: { email: { in: emails } } }] } });
      expect(joined).toBe(1);
      // The losing new account is not left behind either.
      if (round % 2 === 1) expect(await db().user.count({ where: { email: { in: emails } } })).toBe(1);
      await db().practiceMember.deleteMany({ where: { practiceId: p.practice.id, userId: { notIn: [p.users.partner.id, p.users.consultant.id] } } });
    }
  });

  it("a consultant may neither make, revoke nor list links (FORBIDDEN, nothing written)", async () => {
    const invitation = await createPracticeInvitation(ctxOf(p, "partner"), { role: "consultant" });
    const before = await snapshot(p.practice.id);
    const consultant = ctxOf(p, "consultant");
    await expect(createPracticeInvitation(consultant, { role: "partner" })).rejects.toMatchObject({ name: "AppError", code: "FORBIDDEN" });
    await expect(revokePracticeInvitation(consultant, invitation.id)).rejects.toMatchObject({ name: "AppError", code: "FORBIDDEN" });
    await expect(listPendingPracticeInvitations(consultant)).rejects.toMatchObject({ name: "AppError", code: "FORBIDDEN" });
    await expect(createPracticeInvitation({ ...ctxOf(p, "partner"), role: "auditor" as PracticeRole }, { role: "partner" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await snapshot(p.practice.id)).toBe(before);
  });

  it("a partner of another practice can neither revoke nor see this practice's links", async () => {
    const invitation = await createPracticeInvitation(ctxOf(p, "partner"), { role: "consultant" });
    const other = await buildPracticeWithMembers(db());
    const joiner = await buildUser(db());
    const before = await snapshot(p.practice.id);
    await expect(revokePracticeInvitation(ctxOf(other, "partner"), invitation.id)).rejects.toMatchObject({ name: "AppError", code: "NOT_FOUND" });
    expect(await listPendingPracticeInvitations(ctxOf(other, "partner"))).toEqual([]);
    expect(await snapshot(p.practice.id)).toBe(before);
    expect(await findUsablePracticeInvitation(invitation.token)).not.toBeNull();
    // Their own link goes to their own practice, not this one.
    const theirs = await createPracticeInvitation(ctxOf(other, "partner"), { role: "consultant" });
    expect(await acceptPracticeInvitation(joiner.id, theirs.token, ip())).toEqual({ practiceSlug: other.practice.slug, role: "consultant" });
    expect(await snapshot(p.practice.id)).toBe(before);
  });

  it("throttles one link tried address after address: past its allowance even the right details wait", async () => {
    const invitation = await createPracticeInvitation(ctxOf(p, "partner"), { role: "consultant", email: "right@example.test" });
    for (let i = 0; i < THROTTLE.invitation.free; i++) {
      expect(await answerTo(acceptPracticeInvitationWithNewAccount(invitation.token, { name: "X", email: fresh(), password: STRONG }, ip()))).toEqual(FAILURE);
    }
    expect(await answerTo(acceptPracticeInvitationWithNewAccount(invitation.token, { name: "Right", email: "right@example.test", password: STRONG }, ip()))).toMatchObject({ code: "RATE_LIMITED" });
    expect(await db().user.count({ where: { email: "right@example.test" } })).toBe(0);
  });

  it("throttles one client address trying link after link, and leaves other addresses alone", async () => {
    const address = ip();
    for (let i = 0; i < THROTTLE.linkAddress.free; i++) {
      expect(await answerTo(acceptPracticeInvitation(p.users.consultant.id, newToken().token, address))).toEqual(FAILURE);
    }
    const invitation = await createPracticeInvitation(ctxOf(p, "partner"), { role: "consultant" });
    const joiner = await buildUser(db());
    expect(await answerTo(acceptPracticeInvitation(joiner.id, invitation.token, address))).toMatchObject({ code: "RATE_LIMITED" });
    expect(await acceptPracticeInvitation(joiner.id, invitation.token, ip())).toEqual({ practiceSlug: p.practice.slug, role: "consultant" });
  });

  it("refuses a breached password for the new account without counting it as a guess, and joins nobody", async () => {
    const invitation = await createPracticeInvitation(ctxOf(p, "partner"), { role: "consultant" });
    const address = ip();
    const before = await snapshot(p.practice.id);
    for (let i = 0; i < THROTTLE.invitation.free + 2; i++) {
      await expect(acceptPracticeInvitationWithNewAccount(invitation.token, { name: "Weak Willy", email: fresh(), password: "password1234" }, address)).rejects.toMatchObject({
        code: "INVALID_INPUT",
        details: { fieldErrors: { password: [PASSWORD_MESSAGES.breached] } },
      });
    }
    expect(await snapshot(p.practice.id)).toBe(before);
    expect(await answerTo(acceptPracticeInvitationWithNewAccount(invitation.token, { name: "Strong Sam", email: fresh(), password: STRONG }, address))).toBe("accepted");
  });
});
