// Changing one's password and the owner-issued reset link, against the real database.
import { createServer, type Server } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { buildMembership, buildOrganisationWithMembers, buildUser, TEST_PASSWORD } from "@/prisma/factories";
import { db } from "@/lib/testing/db";
import { verifyPassword } from "@/lib/auth/password";
import { PASSWORD_MESSAGES } from "@/lib/auth/password-policy";
import { reserveAttempt, THROTTLE, throttleKey } from "@/lib/auth/throttle";
import { changePassword, RESET_LINK_FAILURE, resetPasswordWithLink } from "./mutations";
import { findUsablePasswordReset } from "./queries";
import { createPasswordReset } from "@/lib/members/mutations";
import { hashToken } from "@/lib/members/tokens";
import { contextFor } from "@/lib/testing/db";

let octet = 0;
const ip = () => `198.21.${Math.floor(++octet / 250)}.${octet % 250}`;
const STRONG = "lilac otter quarry tuesday";
type Org = Awaited<ReturnType<typeof buildOrganisationWithMembers>>;
const owner = (org: Org) => contextFor(org.organisation, org.users.owner.id, "owner");
const membershipOf = (org: Org, userId: string) => db().membership.findFirstOrThrow({ where: { organisationId: org.organisation.id, userId }, select: { id: true } });
const openSession = (userId: string) => db().session.create({ data: { userId, expiresAt: new Date(Date.now() + 3_600_000) } });
const isOpen = async (id: string) => (await db().session.findUniqueOrThrow({ where: { id } })).revokedAt === null;

describe("changing one's password", () => {
  let org: Org;
  beforeEach(async () => {
    org = await buildOrganisationWithMembers(db());
  });

  it("needs the current password, and counts wrong ones with the sign-in throttle", async () => {
    const userId = org.users.editor.id;
    const address = ip();
    for (let i = 0; i < THROTTLE.account.free; i++) {
      await expect(changePassword({ userId, sessionId: null, address }, { currentPassword: "not my password at all", newPassword: STRONG })).rejects.toMatchObject({ code: "INVALID_INPUT" });
    }
    await expect(changePassword({ userId, sessionId: null, address }, { currentPassword: TEST_PASSWORD, newPassword: STRONG })).rejects.toMatchObject({ code: "RATE_LIMITED" });
    const { passwordHash } = await db().user.findUniqueOrThrow({ where: { id: userId } });
    expect(await verifyPassword(TEST_PASSWORD, passwordHash)).toBe(true);
  });

  it("applies the password policy to the new password", async () => {
    await expect(changePassword({ userId: org.users.viewer.id, sessionId: null, address: ip() }, { currentPassword: TEST_PASSWORD, newPassword: "password1234" })).rejects.toMatchObject({
      code: "INVALID_INPUT",
      details: { fieldErrors: { newPassword: [PASSWORD_MESSAGES.breached] } },
    });
  });
});

describe("password reset links", () => {
  let org: Org;
  beforeEach(async () => {
    org = await buildOrganisationWithMembers(db());
  });

  it("an owner's link lets the member set a new password once; it ends their sessions and earlier links", async () => {
    const member = org.users.analyst;
    const { id: membershipId } = await membershipOf(org, member.id);
    const earlier = await createPasswordReset(owner(org), { membershipId });
    const reset = await createPasswordReset(owner(org), { membershipId });
    expect(reset.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await findUsablePasswordReset(earlier.token)).toBeNull();
    expect(await findUsablePasswordReset(reset.token)).toMatchObject({ user: { email: member.email } });
    const session = await openSession(member.id);

    await resetPasswordWithLink(reset.token, STRONG, ip());

    const { passwordHash } = await db().user.findUniqueOrThrow({ where: { id: member.id } });
    expect(await verifyPassword(STRONG, passwordHash)).toBe(true);
    expect(await isOpen(session.id)).toBe(false);
    await expect(resetPasswordWithLink(reset.token, "another fine passphrase here", ip())).rejects.toMatchObject({ code: "NOT_FOUND", message: RESET_LINK_FAILURE });
    const audit = await db().auditEvent.findMany({ where: { organisationId: org.organisation.id, entityType: "password_reset" }, orderBy: { id: "asc" } });
    expect(audit.map((e) => [e.action, e.actorId])).toEqual([
      ["create", org.users.owner.id],
      ["create", org.users.owner.id],
      ["update", member.id],
    ]);
  });

  it("a link expires 24 hours after it is issued, and is stored only as the SHA-256 of its 256-bit token", async () => {
    const before = Date.now();
    const reset = await createPasswordReset(owner(org), { membershipId: (await membershipOf(org, org.users.editor.id)).id });
    const after = Date.now();
    const day = 24 * 3600 * 1000;
    expect(reset.expiresAt.getTime()).toBeGreaterThanOrEqual(before + day);
    expect(reset.expiresAt.getTime()).toBeLessThanOrEqual(after + day);
    const row = await db().passwordReset.findUniqueOrThrow({ where: { id: reset.id } });
    expect(row.expiresAt).toEqual(reset.expiresAt);
    expect(Buffer.from(reset.token, "base64url")).toHaveLength(32);
    expect(row.tokenHash).toBe(hashToken(reset.token));
    expect(JSON.stringify(row)).not.toContain(reset.token);
  });

  it("a reset clears the account's sign-in throttle", async () => {
    const member = org.users.viewer;
    const key = { key: throttleKey.account(member.email), rule: THROTTLE.account };
    for (let i = 0; i < THROTTLE.account.free + 1; i++) await reserveAttempt(db(), [key]);
    const reset = await createPasswordReset(owner(org), { membershipId: (await membershipOf(org, member.id)).id });
    await resetPasswordWithLink(reset.token, STRONG, ip());
    expect(await db().authThrottle.count({ where: { key: key.key } })).toBe(0);
  });

  it("answers an unknown, expired or used link alike, and throttles by address", async () => {
    const reset = await createPasswordReset(owner(org), { membershipId: (await membershipOf(org, org.users.editor.id)).id });
    await db().passwordReset.update({ where: { id: reset.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await expect(resetPasswordWithLink(reset.token, STRONG, ip())).rejects.toMatchObject({ code: "NOT_FOUND", message: RESET_LINK_FAILURE });
    const address = ip();
    for (let i = 0; i < THROTTLE.linkAddress.free; i++) {
      await expect(resetPasswordWithLink("B".repeat(43), STRONG, address)).rejects.toMatchObject({ code: "NOT_FOUND", message: RESET_LINK_FAILURE });
    }
    await expect(resetPasswordWithLink("B".repeat(43), STRONG, address)).rejects.toMatchObject({ code: "RATE_LIMITED" });
  });

  it("applies the password policy, with the member's own name and email", async () => {
    const member = await buildUser(db(), { name: "Dana Schmidt", email: `dana.schmidt.${Date.now()}@example.test` });
    const m = await buildMembership(db(), org.organisation.id, member.id, "viewer");
    const reset = await createPasswordReset(owner(org), { membershipId: m.id });
    await expect(resetPasswordWithLink(reset.token, "dana.schmidt!2026", ip())).rejects.toMatchObject({ details: { fieldErrors: { newPassword: [PASSWORD_MESSAGES.context] } } });
    expect(await findUsablePasswordReset(reset.token)).not.toBeNull();
  });

  it("is refused for oneself, and for a member who also belongs to an organisation the owner does not own", async () => {
    await expect(createPasswordReset(owner(org), { membershipId: (await membershipOf(org, org.users.owner.id)).id })).rejects.toMatchObject({ code: "CONFLICT" });
    const other = await buildOrganisationWithMembers(db());
    await buildMembership(db(), other.organisation.id, org.users.editor.id, "viewer");
    await expect(createPasswordReset(owner(org), { membershipId: (await membershipOf(org, org.users.editor.id)).id })).rejects.toMatchObject({ code: "CONFLICT" });
    // Owning both organisations, the owner may.
    await buildMembership(db(), other.organisation.id, org.users.owner.id, "owner");
    await expect(createPasswordReset(owner(org), { membershipId: (await membershipOf(org, org.users.editor.id)).id })).resolves.toMatchObject({ userId: org.users.editor.id });
  });

  it("is refused to roles other than owner", async () => {
    const editor = contextFor(org.organisation, org.users.editor.id, "editor");
    await expect(createPasswordReset(editor, { membershipId: (await membershipOf(org, org.users.viewer.id)).id })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

// A few lines of SMTP, enough for nodemailer to deliver one plain mail to 127.0.0.1.
function fakeSmtpServer(received: string[]): Promise<{ server: Server; port: number }> {
  const server = createServer((socket) => {
    let data = false;
    let buffer = "";
    socket.write("220 fake ESMTP\r\n");
    socket.on("data", (chunk) => {
      buffer += chunk.toString("utf8");
      let end: number;
      while ((end = buffer.indexOf("\r\n")) >= 0) {
        const line = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (data) {
          if (line === ".") {
            data = false;
            socket.write("250 queued\r\n");
          } else received.push(line);
          continue;
        }
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === "EHLO" || verb === "HELO") socket.write("250 fake\r\n");
        else if (verb === "DATA") {
          data = true;
          socket.write("354 go ahead\r\n");
        } else if (verb === "QUIT") socket.end("221 bye\r\n");
        else socket.write("250 ok\r\n");
      }
    });
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve({ server, port: (server.address() as { port: number }).port })));
}

describe("mailing a reset link where SMTP is configured", () => {
  const received: string[] = [];
  let smtp: { server: Server; port: number };
  beforeAll(async () => {
    smtp = await fakeSmtpServer(received);
  });
  afterAll(() => smtp.server.close());

  it("sends the link built from SOVRA_PUBLIC_URL to the member, and still shows it to the owner", async () => {
    vi.stubEnv("SOVRA_SMTP_URL", `smtp://127.0.0.1:${smtp.port}`);
    vi.stubEnv("SOVRA_MAIL_FROM", "Sovra <sovra@example.test>");
    vi.stubEnv("SOVRA_PUBLIC_URL", "https://sovra.example.test");
    vi.resetModules();
    vi.doMock("next/cache", () => ({ revalidatePath: () => undefined }));
    const org = await buildOrganisationWithMembers(db());
    const session = { userId: org.users.owner.id };
    vi.doMock("@/lib/auth/auth", () => ({ auth: async () => ({ user: { id: session.userId }, sessionId: "" }) }));
    const { createPasswordResetAction } = await import("@/lib/members/actions");
    const fd = new FormData();
    fd.append("org", org.organisation.slug);
    fd.append("membershipId", (await membershipOf(org, org.users.viewer.id)).id);
    try {
      const result = await createPasswordResetAction({ status: "idle" }, fd);
      expect(result).toMatchObject({ status: "success", data: { mailed: true } });
      const token = (result as { data: { token: string } }).data.token;
      const mail = received.join("\n").replace(/=\r?\n/g, "");
      expect(mail).toContain(`To: ${org.users.viewer.email}`);
      expect(mail).toContain(`https://sovra.example.test/sign-in/reset/${token}`);
    } finally {
      vi.unstubAllEnvs();
      vi.doUnmock("@/lib/auth/auth");
      vi.resetModules();
    }
  });
});
