// Verifying an organisation's email domains by DNS (decision 049) against a real DNS server on
// loopback (e2e/support/dns-server.ts): the TXT record at _sovra-verification.{domain} must hold
// the token Sovra gave. Also: a domain verified by one organisation cannot be claimed by another,
// and SOVRA_DNS_SERVERS chooses the servers.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { db, twoOrganisations } from "@/lib/testing/db";
import { addSsoDomain, removeSsoDomain, verifySsoDomain } from "@/lib/sso/mutations";
import { getSsoSettings } from "@/lib/sso/queries";
import { dnsServers, lookupTxt } from "@/lib/sso/domains";
import { startDnsServer, type DnsServer } from "@/e2e/support/dns-server";

type World = Awaited<ReturnType<typeof twoOrganisations>>;

/** Domains are unique across organisations once verified, and the database is shared by a run's files: this file's own. */
const RUN = Math.random().toString(36).slice(2, 8);

describe("verified domains", () => {
  let dns: DnsServer;
  let w: World;
  const viaLoopback = () => ({ servers: [dns.address], timeoutMs: 2_000 });

  beforeAll(async () => {
    dns = await startDnsServer({ records: {} });
  });
  afterAll(async () => {
    await dns.close();
  });
  beforeEach(async () => {
    w = await twoOrganisations();
  });

  it("adds a domain (normalised) with a fresh token and the record to create", async () => {
    const added = await addSsoDomain(w.ctx(w.a, "owner"), `  Contoso.${RUN.toUpperCase()}.Example.TEST. `);
    expect(added).toMatchObject({ domain: `contoso.${RUN}.example.test`, recordName: `_sovra-verification.contoso.${RUN}.example.test` });
    expect(added.verificationToken).toMatch(/^sovra-verify=[0-9a-f]{32}$/);
    const again = await addSsoDomain(w.ctx(w.b, "owner"), `contoso.${RUN}.example.test`);
    expect(again.verificationToken).not.toBe(added.verificationToken);
    await expect(addSsoDomain(w.ctx(w.a, "owner"), `contoso.${RUN}.example.test`)).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("already in the list") });
    await expect(addSsoDomain(w.ctx(w.a, "owner"), "https://contoso.example.test")).rejects.toMatchObject({ code: "INVALID_INPUT", details: { fieldErrors: { domain: [expect.any(String)] } } });
  });

  it("verifies a domain whose TXT record holds the token (among other values)", async () => {
    const owner = w.ctx(w.a, "owner");
    const added = await addSsoDomain(owner, `verified.${RUN}.example.test`);
    dns.setTxt(added.recordName, ["v=spf1 -all", added.verificationToken]);
    const check = await verifySsoDomain(owner, added.id, viaLoopback());
    expect(check).toMatchObject({ verified: true, message: expect.stringContaining(`verified.${RUN}.example.test is verified`) });
    expect(dns.questions).toContain(`TXT _sovra-verification.verified.${RUN}.example.test`);
    const row = await db().ssoDomain.findUniqueOrThrow({ where: { id: added.id } });
    expect(row).toMatchObject({ verifiedDomain: `verified.${RUN}.example.test`, verifiedAt: expect.any(Date), lastCheckedAt: expect.any(Date) });
    expect((await getSsoSettings(owner)).domains).toMatchObject([{ id: added.id, verifiedAt: row.verifiedAt }]);
    expect(await db().auditEvent.findFirst({ where: { organisationId: w.a.organisation.id, entityType: "sso_domain", action: "update" } })).toMatchObject({ entityId: added.id });
  });

  it("says which record it looked up and what it found when the value is wrong", async () => {
    const owner = w.ctx(w.a, "owner");
    const added = await addSsoDomain(owner, `wrong.${RUN}.example.test`);
    dns.setTxt(added.recordName, ["sovra-verify=00000000000000000000000000000000"]);
    const check = await verifySsoDomain(owner, added.id, viaLoopback());
    expect(check.verified).toBe(false);
    expect(check.message).toContain(`_sovra-verification.wrong.${RUN}.example.test`);
    expect(check.message).toContain("found “sovra-verify=00000000000000000000000000000000”");
    expect(check.message).toContain(added.verificationToken);
    const row = await db().ssoDomain.findUniqueOrThrow({ where: { id: added.id } });
    expect(row).toMatchObject({ verifiedAt: null, verifiedDomain: null, lastCheckedAt: expect.any(Date) });
  });

  it("says so when there is no record at all", async () => {
    const owner = w.ctx(w.a, "owner");
    const added = await addSsoDomain(owner, `missing.${RUN}.example.test`);
    const check = await verifySsoDomain(owner, added.id, viaLoopback());
    expect(check).toEqual({ verified: false, message: expect.stringContaining(`Looked up the TXT record _sovra-verification.missing.${RUN}.example.test and found none`) });
    expect((await db().ssoDomain.findUniqueOrThrow({ where: { id: added.id } })).verifiedAt).toBeNull();
  });

  it("says the DNS did not answer when no server listens, within the timeout", async () => {
    const owner = w.ctx(w.a, "owner");
    const added = await addSsoDomain(owner, `silent.${RUN}.example.test`);
    const closed = await startDnsServer();
    const address = closed.address;
    await closed.close();
    const started = Date.now();
    const check = await verifySsoDomain(owner, added.id, { servers: [address], timeoutMs: 1_000 });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(check).toEqual({ verified: false, message: expect.stringMatching(/^Could not look up the TXT record _sovra-verification\.silent\.[a-z0-9]+\.example\.test: /) });
  });

  it("refuses a domain another organisation verified, at adding and at verifying, without naming it", async () => {
    const claimedByA = await addSsoDomain(w.ctx(w.a, "owner"), `shared.${RUN}.example.test`);
    const pendingAtB = await addSsoDomain(w.ctx(w.b, "owner"), `shared.${RUN}.example.test`);
    dns.setTxt(claimedByA.recordName, [claimedByA.verificationToken, pendingAtB.verificationToken]);
    expect((await verifySsoDomain(w.ctx(w.a, "owner"), claimedByA.id, viaLoopback())).verified).toBe(true);

    const verifying = verifySsoDomain(w.ctx(w.b, "owner"), pendingAtB.id, viaLoopback());
    await expect(verifying).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("already verified by another organisation") });
    await expect(verifying).rejects.toMatchObject({ message: expect.not.stringContaining(w.a.organisation.name) });
    expect(await db().ssoDomain.findUniqueOrThrow({ where: { id: pendingAtB.id } })).toMatchObject({ verifiedAt: null, verifiedDomain: null });
    await expect(addSsoDomain(w.ctx(w.b, "owner"), `other.shared.${RUN}.example.test`)).resolves.toMatchObject({ domain: `other.shared.${RUN}.example.test` });
    const third = await twoOrganisations();
    await expect(addSsoDomain(third.ctx(third.a, "owner"), `shared.${RUN}.example.test`)).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("already verified by another organisation") });
  });

  it("loses a race to verify the same domain with a plain CONFLICT (the verified domain is unique)", async () => {
    const atA = await addSsoDomain(w.ctx(w.a, "owner"), `race.${RUN}.example.test`);
    const atB = await addSsoDomain(w.ctx(w.b, "owner"), `race.${RUN}.example.test`);
    dns.setTxt(atA.recordName, [atA.verificationToken, atB.verificationToken]);
    const results = await Promise.allSettled([verifySsoDomain(w.ctx(w.a, "owner"), atA.id, viaLoopback()), verifySsoDomain(w.ctx(w.b, "owner"), atB.id, viaLoopback())]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(results.find((r) => r.status === "rejected")).toMatchObject({ reason: { code: "CONFLICT", message: expect.stringContaining("already verified by another organisation") } });
    expect(await db().ssoDomain.count({ where: { verifiedDomain: `race.${RUN}.example.test` } })).toBe(1);
  });

  it("another organisation's domain is neither verified nor removed", async () => {
    const added = await addSsoDomain(w.ctx(w.a, "owner"), `tenant.${RUN}.example.test`);
    dns.setTxt(added.recordName, [added.verificationToken]);
    await expect(verifySsoDomain(w.ctx(w.b, "owner"), added.id, viaLoopback())).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(removeSsoDomain(w.ctx(w.b, "owner"), added.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await db().ssoDomain.findUniqueOrThrow({ where: { id: added.id } })).toMatchObject({ verifiedAt: null, lastCheckedAt: null });
    await removeSsoDomain(w.ctx(w.a, "owner"), added.id);
    expect(await db().ssoDomain.count({ where: { id: added.id } })).toBe(0);
  });

  describe("SOVRA_DNS_SERVERS", () => {
    it("is read as a list of servers", () => {
      expect(dnsServers(undefined)).toEqual([]);
      expect(dnsServers(" 127.0.0.1:5353 , [::1]:53")).toEqual(["127.0.0.1:5353", "[::1]:53"]);
    });

    it("chooses the servers of a verification when the caller names none", async () => {
      const added = await addSsoDomain(w.ctx(w.a, "owner"), `env.${RUN}.example.test`);
      dns.setTxt(added.recordName, [added.verificationToken]);
      // A fresh module graph reads the environment anew (env() parses process.env once).
      const previous = process.env.SOVRA_DNS_SERVERS;
      process.env.SOVRA_DNS_SERVERS = dns.address;
      try {
        vi.resetModules();
        const fresh = await import("@/lib/sso/mutations");
        const asked = dns.questions.length;
        expect(await fresh.verifySsoDomain(w.ctx(w.a, "owner"), added.id)).toMatchObject({ verified: true });
        expect(dns.questions.slice(asked)).toContain(`TXT _sovra-verification.env.${RUN}.example.test`);
      } finally {
        if (previous === undefined) delete process.env.SOVRA_DNS_SERVERS;
        else process.env.SOVRA_DNS_SERVERS = previous;
      }
    });

    it("lookupTxt joins a record's strings and reads every record", async () => {
      dns.setTxt("_sovra-verification.multi.example.test", ["a", "b"]);
      expect(await lookupTxt("_sovra-verification.multi.example.test", viaLoopback())).toEqual({ ok: true, values: ["a", "b"] });
    });
  });
});
