// The audit log screen's data and its CSV download, against the real database. Only auth()
// (which needs an HTTP request) is replaced, for the download's route handler.
import { parse } from "csv-parse/sync";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { ROLES } from "@/lib/auth/permissions";
import { createOffice, updateOffice } from "@/lib/offices/mutations";
import { createApiToken } from "@/lib/api-tokens/mutations";
import { withRequestId } from "@/lib/log";
import { db, twoOrganisations } from "@/lib/testing/db";
import { AUDIT_CSV_HEADERS, exportAuditEventsCsv, MAX_AUDIT_EXPORT_ROWS } from "./export";
import { countAuditEvents, getAuditEvent, listAuditActors, listAuditEventsPage } from "./queries";

const session = vi.hoisted(() => ({ userId: null as string | null }));
vi.mock("@/lib/auth/auth", () => ({ auth: async () => (session.userId ? { user: { id: session.userId } } : null) }));
const download = await import("@/app/(app)/[org]/settings/audit/export/route");

const csvRows = (body: Uint8Array) => parse(new TextDecoder().decode(body).replace(/^\uFEFF/, ""), { relax_column_count: false }) as string[][];

describe("the audit log", () => {
  let w: Awaited<ReturnType<typeof twoOrganisations>>;
  let office: { id: string; version: number };
  beforeEach(async () => {
    w = await twoOrganisations();
    session.userId = null;
    const created = await createOffice(w.ctx(w.a, "editor"), { name: "=HYPERLINK(\"http://evil.example\",\"Lyon\")", country: "FR", city: "Lyon", headcount: 420, teams: [] });
    await updateOffice(w.ctx(w.a, "editor"), created.id, created.version, { name: "Lyon plant", country: "FR", city: "@SUM(1+1)", headcount: 500, teams: [] });
    office = { id: created.id, version: created.version + 1 };
    await createApiToken(w.ctx(w.a, "owner"), { name: "CI", role: "viewer" });
    await createOffice(w.ctx(w.b, "owner"), { name: "B's office", country: "DE", city: "Bonn", headcount: 1, teams: [] });
  });

  it("is read by owners and analysts only", async () => {
    for (const role of ROLES) {
      const read = listAuditEventsPage(w.ctx(w.a, role), {}, { page: 1, size: 25 });
      if (role === "owner" || role === "analyst") expect((await read).total).toBe(3);
      else await expect(read).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    for (const role of ["editor", "viewer"] as const) {
      await expect(exportAuditEventsCsv(w.ctx(w.a, role), {})).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(listAuditActors(w.ctx(w.a, role))).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(getAuditEvent(w.ctx(w.a, role), 1n)).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
  });

  it("records the id of the request that made the change, which its log lines carry too (docs/decisions/050)", async () => {
    const created = await withRequestId("req-audit-1", () => createOffice(w.ctx(w.a, "editor"), { name: "Porto", country: "PT", city: "Porto", headcount: 3, teams: [] }));
    const event = await db().auditEvent.findFirstOrThrow({ where: { organisationId: w.a.organisation.id, entityId: created.id }, select: { requestId: true } });
    expect(event.requestId).toBe("req-audit-1");
    // Outside a request (a script, a job without one) there is none.
    const other = await db().auditEvent.findFirstOrThrow({ where: { organisationId: w.a.organisation.id, entityId: office.id, action: "create" }, select: { requestId: true } });
    expect(other.requestId).toBeNull();
  });

  it("lists newest first (or oldest first), a page at a time, with what changed in words", async () => {
    const analyst = w.ctx(w.a, "analyst");
    const newest = await listAuditEventsPage(analyst, {}, { page: 1, size: 2 });
    expect(newest).toMatchObject({ total: 3, page: 1, size: 2 });
    expect(newest.rows.map((e) => [e.action, e.entityType])).toEqual([
      ["create", "api_token"],
      ["update", "office"],
    ]);
    expect(newest.rows[1]!.changes).toEqual([
      { field: "name", label: "Name", before: '=HYPERLINK("http://evil.example","Lyon")', after: "Lyon plant" },
      { field: "city", label: "City", before: "Lyon", after: "@SUM(1+1)" },
      { field: "headcount", label: "Headcount", before: "420", after: "500" },
    ]);
    const oldest = await listAuditEventsPage(analyst, {}, { page: 1, size: 1, desc: false });
    expect(oldest.rows[0]).toMatchObject({ action: "create", entityType: "office", actor: { id: w.a.users.editor.id } });
    // Past the last page: the last page.
    expect((await listAuditEventsPage(analyst, {}, { page: 9, size: 2 })).page).toBe(2);
  });

  it("opens one event by its number; another organisation's is not found", async () => {
    const [event] = (await listAuditEventsPage(w.ctx(w.a, "owner"), { action: "update" }, { page: 1, size: 1 })).rows;
    expect(await getAuditEvent(w.ctx(w.a, "analyst"), BigInt(event!.id))).toMatchObject({ id: event!.id, entityId: office.id, subject: "Lyon plant" });
    expect(await getAuditEvent(w.ctx(w.b, "owner"), BigInt(event!.id))).toBeNull();
  });

  it("never shows a secret-looking field of a snapshot, on screen, in the CSV or the API", async () => {
    await db().auditEvent.create({ data: { organisationId: w.a.organisation.id, actorId: w.a.users.owner.id, action: "create", entityType: "invitation", entityId: "x", after: { role: "viewer", tokenHash: "deadbeefcafe" } } });
    const [event] = (await listAuditEventsPage(w.ctx(w.a, "owner"), { entityType: "invitation" }, { page: 1, size: 5 })).rows;
    expect(event!.after).toEqual({ role: "viewer", tokenHash: "[redacted]" });
    expect(JSON.stringify(event)).not.toContain("deadbeefcafe");
    expect(new TextDecoder().decode((await exportAuditEventsCsv(w.ctx(w.a, "owner"), {})).body)).not.toContain("deadbeefcafe");
  });

  it("offers as actors everyone in the log, including people who have left, and no one from elsewhere", async () => {
    await db().membership.deleteMany({ where: { organisationId: w.a.organisation.id, userId: w.a.users.editor.id } });
    const actors = await listAuditActors(w.ctx(w.a, "owner"));
    expect(actors.map((u) => u.id).sort()).toEqual([w.a.users.editor.id, w.a.users.owner.id].sort());
    expect(await countAuditEvents(w.ctx(w.a, "owner"), { actorId: w.a.users.editor.id })).toBe(2);
  });

  describe("as CSV", () => {
    it("holds the filtered events with readable changes and the raw rows, every text cell safe from formula injection", async () => {
      const file = await exportAuditEventsCsv(w.ctx(w.a, "analyst"), { entityType: "office" }, new Date("2026-12-06T12:00:00Z"));
      expect(file).toMatchObject({ fileName: `sovra-${w.a.organisation.slug}-audit-log-2026-12-06.csv`, contentType: "text/csv; charset=utf-8" });
      const [header, ...rows] = csvRows(file.body);
      expect(header).toEqual(AUDIT_CSV_HEADERS);
      expect(rows.map((r) => r[3])).toEqual(["Changed", "Created"]);
      const [update] = rows;
      expect(update!.slice(1, 7)).toEqual([w.a.users.editor.name, w.a.users.editor.email, "Changed", "Office", "Lyon plant", office.id]);
      expect(update![7]).toBe("Name: =HYPERLINK(\"http://evil.example\",\"Lyon\") → Lyon plant; City: Lyon → @SUM(1+1); Headcount: 420 → 500");
      expect(JSON.parse(update![9]!)).toMatchObject({ name: "Lyon plant", city: "@SUM(1+1)", headcount: 500 });
      // Every cell a spreadsheet would evaluate starts with an apostrophe instead.
      for (const cell of rows.flat()) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
      expect(rows[1]![5]).toBe("'=HYPERLINK(\"http://evil.example\",\"Lyon\")");
    });

    it("is itself recorded: who exported which part of the log", async () => {
      await exportAuditEventsCsv(w.ctx(w.a, "analyst"), { action: "update", from: "2026-01-01" });
      const event = await db().auditEvent.findFirstOrThrow({ where: { organisationId: w.a.organisation.id, action: "export" } });
      expect(event).toMatchObject({ actorId: w.a.users.analyst.id, entityType: "audit_log", entityId: w.a.organisation.id, after: { rows: 1, filters: { action: "update", from: "2026-01-01" } } });
    });

    it(`refuses more than ${MAX_AUDIT_EXPORT_ROWS.toLocaleString("en")} events, asking for a narrower export`, async () => {
      await db().$executeRaw`
        INSERT INTO "AuditEvent" ("organisationId", "actorId", "action", "entityType", "entityId", "createdAt")
        SELECT ${w.a.organisation.id}::uuid, ${w.a.users.owner.id}::uuid, 'update', 'office', 'bulk-' || n, TIMESTAMP '2025-01-01' + n * INTERVAL '1 second'
        FROM generate_series(1, ${MAX_AUDIT_EXPORT_ROWS}) AS n`;
      await expect(exportAuditEventsCsv(w.ctx(w.a, "owner"), {})).rejects.toMatchObject({ code: "INVALID_INPUT", message: expect.stringContaining("Narrow the dates") });
      // Exactly the limit is fine (all of it falls on 2025-01-01), and batches join without gaps or repeats.
      const file = await exportAuditEventsCsv(w.ctx(w.a, "owner"), { from: "2025-01-01", to: "2025-01-01" });
      const ids = csvRows(file.body).slice(1).map((r) => r[6]);
      expect(ids).toHaveLength(MAX_AUDIT_EXPORT_ROWS);
      expect(new Set(ids).size).toBe(MAX_AUDIT_EXPORT_ROWS);
      expect(ids[0]).toBe(`bulk-${MAX_AUDIT_EXPORT_ROWS}`);
    });

    it("downloads through the screen's route with the screen's filters, for owners and analysts", async () => {
      const url = (query: string) => new Request(`http://localhost/${w.a.organisation.slug}/settings/audit/export${query}`);
      const params = { params: Promise.resolve({ org: w.a.organisation.slug }) };
      session.userId = w.a.users.analyst.id;
      const res = await download.GET(url(`?f.entityType=office&f.action=create&q=${office.id.slice(0, 8)}`), params);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
      expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="sovra-.+-audit-log-\d{4}-\d{2}-\d{2}\.csv"$/);
      expect(res.headers.get("cache-control")).toContain("no-store");
      const rows = csvRows(new Uint8Array(await res.arrayBuffer()));
      expect(rows.slice(1).map((r) => [r[3], r[6]])).toEqual([["Created", office.id]]);

      const bad = await download.GET(url("?f.from=yesterday"), params);
      expect(bad.status).toBe(422);
      expect((await bad.json()).message).toContain("yesterday");

      session.userId = w.a.users.editor.id;
      expect((await download.GET(url(""), params)).status).toBe(403);
      session.userId = w.b.users.owner.id;
      expect((await download.GET(url(""), params)).status).toBe(404);
      session.userId = null;
      expect((await download.GET(url(""), params)).status).toBe(401);
    });
  });
});
