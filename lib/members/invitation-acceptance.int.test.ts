// Accepting an invitation must not tell a stranger whether an email address has an account
// (the issue: the email was checked before the token, with its own answer, unthrottled).
import { beforeEach, describe, expect, it } from "vitest";
import { acceptInvitation, acceptInvitationWithNewAccount, createInvitation, INVITATION_FAILURE, revokeInvitation } from "./mutations";
import { findUsableInvitation } from "./queries";
import { hashToken, newToken } from "./tokens";
import { THROTTLE } from "@/lib/auth/throttle";
import { PASSWORD_MESSAGES } from "@/lib/auth/password-policy";
import { buildUser } from "@/prisma/factories";
import { db, twoOrganisations } from "@/lib/testing/db";

let octet = 0;
const ip = () => `198.20.${Math.floor(++octet / 250)}.${octet % 250}`;
const STRONG = "lilac otter quarry tuesday";
const fresh = () => `new-${Math.random().toString(36).slice(2)}@example.test`;

/** What a failed acceptance answers: the code and message a browser would see. */
async function answerTo(promise: Promise<unknown>) {
  try {
    await promise;
    return "accepted";
  } catch (e) {
    const { code, message } = e as { code?: string; message: string };
    return { code, message };
  }
}

describe("accepting an invitation", () => {
  let w: Awaited<ReturnType<typeof twoOrganisations>>;
  beforeEach(async () => {
    w = await twoOrganisations();
  });

  it("checks the token first: with an unknown token a taken email gets the same answer as a new one", async () => {
    const bogus = newToken().token;
    const taken = await answerTo(acceptInvitationWithNewAccount(bogus, { name: "X", email: w.b.users.viewer.email, password: STRONG }, ip()));
    const free = await answerTo(acceptInvitationWithNewAccount(bogus, { name: "X", email: fresh(), password: STRONG }, ip()));
    expect(taken).toEqual({ code: "NOT_FOUND", message: INVITATION_FAILURE });
    expect(free).toEqual(taken);
  });

  it("gives one answer to every failure: unknown, used, expired, revoked, another email, a taken email", async () => {
    const owner = w.ctx(w.a, "owner");
    const used = await createInvitation(owner, { role: "viewer" });
    await acceptInvitationWithNewAccount(used.token, { name: "First", email: fresh(), password: STRONG }, ip());
    const expired = await createInvitation(owner, { role: "viewer" });
    await db().invitation.update({ where: { id: expired.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const revoked = await createInvitation(owner, { role: "viewer" });
    await revokeInvitation(owner, revoked.id);
    const forDana = await createInvitation(owner, { role: "viewer", email: "dana@example.test" });
    const open = await createInvitation(owner, { role: "viewer" });

    const answers = [
      await answerTo(acceptInvitationWithNewAccount(newToken().token, { name: "X", email: fresh(), password: STRONG }, ip())),
      await answerTo(acceptInvitationWithNewAccount(used.token, { name: "X", email: fresh(), password: STRONG }, ip())),
      await answerTo(acceptInvitationWithNewAccount(expired.token, { name: "X", email: fresh(), password: STRONG }, ip())),
      await answerTo(acceptInvitationWithNewAccount(revoked.token, { name: "X", email: fresh(), password: STRONG }, ip())),
      await answerTo(acceptInvitationWithNewAccount(forDana.token, { name: "X", email: fresh(), password: STRONG }, ip())),
      await answerTo(acceptInvitationWithNewAccount(open.token, { name: "X", email: w.b.users.owner.email, password: STRONG }, ip())),
      await answerTo(acceptInvitation(w.b.users.editor.id, forDana.token, ip())),
      await answerTo(acceptInvitation(w.b.users.editor.id, used.token, ip())),
    ];
    for (const answer of answers) expect(answer).toEqual({ code: "NOT_FOUND", message: INVITATION_FAILURE });
    // None of them used up the invitations that were still open.
    expect(await findUsableInvitation(open.token)).not.toBeNull();
    expect(await findUsableInvitation(forDana.token)).not.toBeNull();
  });

  it("is made to expire 7 days after it is created, and is stored only as the SHA-256 of its 256-bit token", async () => {
    const before = Date.now();
    const { id, token, expiresAt } = await createInvitation(w.ctx(w.a, "owner"), { role: "viewer" });
    const after = Date.now();
    const week = 7 * 24 * 3600 * 1000;
    expect(expiresAt.getTime()).toBeGreaterThanOrEqual(before + week);
    expect(expiresAt.getTime()).toBeLessThanOrEqual(after + week);
    const row = await db().invitation.findUniqueOrThrow({ where: { id } });
    expect(row.expiresAt).toEqual(expiresAt);
    expect(Buffer.from(token, "base64url")).toHaveLength(32);
    expect(row.tokenHash).toBe(hashToken(token));
    expect(JSON.stringify(row)).not.toContain(token);
  });

  it("an invitation made out to an address is accepted by that address", async () => {
    const { token } = await createInvitation(w.ctx(w.a, "owner"), { role: "editor", email: "Dana.Invited@example.test" });
    expect(await acceptInvitationWithNewAccount(token, { name: "Dana Invited", email: "dana.invited@example.test", password: STRONG }, ip())).toEqual({ organisationSlug: w.a.organisation.slug, role: "editor" });
  });

  it("throttles attempts per client address, valid link or not, and leaves other addresses alone", async () => {
    const address = ip();
    for (let i = 0; i < THROTTLE.linkAddress.free; i++) {
      expect(await answerTo(acceptInvitationWithNewAccount(newToken().token, { name: "X", email: fresh(), password: STRONG }, address))).toMatchObject({ code: "NOT_FOUND" });
    }
    const { token } = await createInvitation(w.ctx(w.a, "owner"), { role: "viewer" });
    expect(await answerTo(acceptInvitationWithNewAccount(token, { name: "X", email: w.b.users.viewer.email, password: STRONG }, address))).toMatchObject({ code: "RATE_LIMITED" });
    expect(await answerTo(acceptInvitationWithNewAccount(token, { name: "New Person", email: fresh(), password: STRONG }, ip()))).toBe("accepted");
  });

  it("throttles one invitation link tried with address after address", async () => {
    const { token } = await createInvitation(w.ctx(w.a, "owner"), { role: "viewer" });
    const others = await Promise.all(Array.from({ length: THROTTLE.invitation.free }, () => buildUser(db())));
    for (const other of others) {
      expect(await answerTo(acceptInvitationWithNewAccount(token, { name: "X", email: other.email, password: STRONG }, ip()))).toMatchObject({ code: "NOT_FOUND" });
    }
    expect(await answerTo(acceptInvitationWithNewAccount(token, { name: "X", email: w.b.users.viewer.email, password: STRONG }, ip()))).toMatchObject({ code: "RATE_LIMITED" });
  });

  it("of parallel attempts from one address, no more than the allowance are evaluated", async () => {
    const address = ip();
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => answerTo(acceptInvitationWithNewAccount(newToken().token, { name: "X", email: fresh(), password: STRONG }, address))),
    );
    expect(answers.filter((a) => typeof a === "object" && a.code === "NOT_FOUND")).toHaveLength(THROTTLE.linkAddress.free);
  });

  it("refuses a breached password for the new account, without counting it as a guess", async () => {
    const { token } = await createInvitation(w.ctx(w.a, "owner"), { role: "viewer" });
    const address = ip();
    for (let i = 0; i < THROTTLE.linkAddress.free + 2; i++) {
      await expect(acceptInvitationWithNewAccount(token, { name: "Weak Willy", email: fresh(), password: "password1234" }, address)).rejects.toMatchObject({
        code: "INVALID_INPUT",
        details: { fieldErrors: { password: [PASSWORD_MESSAGES.breached] } },
      });
    }
    expect(await answerTo(acceptInvitationWithNewAccount(token, { name: "Strong Sam", email: fresh(), password: STRONG }, address))).toBe("accepted");
  });
});
