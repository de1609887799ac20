// The Reports page's download route: the session and the role are checked by the route itself.
import { beforeEach, describe, expect, it, vi } from "vitest";
import { freezeAssessment } from "@/lib/assessments/mutations";
import { db, twoOrganisations } from "@/lib/testing/db";
import { exportInventory } from "./test-inventory";
import { downloadResponse } from "@/lib/inventory/file-routes";

const session = vi.hoisted(() => ({ userId: null as string | null }));
vi.mock("@/lib/auth/auth", () => ({ auth: async () => (session.userId ? { user: { id: session.userId } } : null) }));

const route = await import("@/app/(app)/[org]/reports/exports/[kind]/route");

async function get(org: string, kind: string, query = "") {
  const response = await route.GET(new Request(`http://localhost/${org}/reports/exports/${kind}${query}`), { params: Promise.resolve({ org, kind }) });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

describe("the exports download route", () => {
  let w: Awaited<ReturnType<typeof twoOrganisations>>;
  beforeEach(async () => {
    w = await twoOrganisations();
    await exportInventory(w.a.organisation.id);
    session.userId = null;
  });

  it("answers 401 without a session, 403 to editors and viewers, 404 for another organisation or an unknown export", async () => {
    await freezeAssessment(w.ctx(w.a, "analyst"), {});
    const a = w.a.organisation.slug;
    expect((await get(a, "ai-act.csv")).status).toBe(401);
    for (const role of ["editor", "viewer"] as const) {
      session.userId = w.a.users[role].id;
      const res = await get(a, "dora-b_05.01.csv");
      expect(res.status).toBe(403);
      expect(JSON.parse(res.text)).toMatchObject({ code: "FORBIDDEN" });
    }
    session.userId = w.b.users.owner.id;
    expect((await get(a, "assessment.xlsx")).status).toBe(404);
    session.userId = w.a.users.owner.id;
    expect((await get(a, "b_99.01.csv")).status).toBe(404);
    expect((await get(a, "ai-act.csv", "?assessmentId=nope")).status).toBe(422);
  });

  it("serves an analyst each file of the chosen assessment as a download, and says to freeze one first when there is none", async () => {
    const a = w.a.organisation.slug;
    session.userId = w.a.users.analyst.id;
    const none = await get(a, "dora-b_07.01.csv");
    expect(none.status).toBe(409);
    expect(JSON.parse(none.text).message).toMatch(/freeze one first/);
    const frozen = await freezeAssessment(w.ctx(w.a, "analyst"), {});
    for (const kind of ["assessment.xlsx", "dora-b_05.01.csv", "dora-b_02.02.csv", "dora-b_07.01.csv", "dora-gaps.csv", "ai-act.csv"]) {
      const res = await get(a, kind, `?assessmentId=${frozen.id}`);
      expect(res.status, kind).toBe(200);
      expect(res.headers.get("content-disposition"), kind).toMatch(/^attachment; filename="sovra-[\w.-]+"$/);
      expect(res.headers.get("content-type"), kind).toBe(kind.endsWith(".csv") ? "text/csv; charset=utf-8" : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
      expect(res.headers.get("cache-control"), kind).toBe("private, no-store");
      expect(res.headers.get("x-content-type-options"), kind).toBe("nosniff");
    }
    expect(await db().auditEvent.count({ where: { organisationId: w.a.organisation.id, action: "export", entityId: frozen.id } })).toBe(6);
  });

  it("serves the AI-BOM of the live inventory without any assessment, in CycloneDX 1.6 or 1.7, to analysts only", async () => {
    const a = w.a.organisation.slug;
    session.userId = w.a.users.viewer.id;
    expect((await get(a, "cyclonedx.json")).status).toBe(403);
    session.userId = w.a.users.analyst.id;
    const res = await get(a, "cyclonedx.json");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/vnd.cyclonedx+json");
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="sovra-[\w-]+-\d{4}-\d{2}-\d{2}-ai-bom\.cdx\.json"$/);
    expect(JSON.parse(res.text)).toMatchObject({ bomFormat: "CycloneDX", specVersion: "1.6" });
    expect(JSON.parse((await get(a, "cyclonedx.json", "?specVersion=1.7")).text).specVersion).toBe("1.7");
    const bad = await get(a, "cyclonedx.json", "?specVersion=2.0");
    expect(bad.status).toBe(422);
    expect(JSON.parse(bad.text).message).toMatch(/specVersion must be 1\.6 or 1\.7/);
  });

  it("puts only ASCII letters, digits, '.', '_' and '-' of a file name into the quoted filename", () => {
    const res = downloadResponse({ fileName: 'Zürich "Q4"\r\nSet-Cookie: x=1; a/b\\c.csv', contentType: "text/csv; charset=utf-8", body: new Uint8Array() });
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="Z_rich__Q4___Set-Cookie__x_1__a_b_c.csv"');
    expect(res.headers.get("set-cookie")).toBeNull();
  });
});
