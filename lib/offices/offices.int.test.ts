import { beforeEach, describe, expect, it } from "vitest";
import { createOffice, deleteOffice, updateOffice } from "./mutations";
import { getOffice, listOffices } from "./queries";
import { db, twoOrganisations } from "@/lib/testing/db";

const lyon = { name: "Lyon plant", country: "FR", city: "Lyon", headcount: 420, teams: ["Quality", "Maintenance"] };

describe("offices", () => {
  let w: Awaited<ReturnType<typeof twoOrganisations>>;
  beforeEach(async () => {
    w = await twoOrganisations();
  });

  it("the second of two concurrent edits is refused with what the first one saved", async () => {
    const editor = w.ctx(w.a, "editor");
    const office = await createOffice(editor, lyon);
    await updateOffice(editor, office.id, office.version, { ...lyon, headcount: 450 });
    const second = updateOffice(w.ctx(w.a, "owner"), office.id, office.version, { ...lyon, city: "Villeurbanne" });
    await expect(second).rejects.toMatchObject({ code: "CONFLICT", details: { current: { headcount: 450, version: 2 } } });
    expect(await getOffice(editor, office.id)).toMatchObject({ city: "Lyon", headcount: 450, version: 2 });
  });

  it("a duplicate name in the same organisation is a field error, in another organisation it is fine", async () => {
    await createOffice(w.ctx(w.a, "editor"), lyon);
    await expect(createOffice(w.ctx(w.a, "editor"), lyon)).rejects.toMatchObject({ code: "INVALID_INPUT", details: { fieldErrors: { name: [expect.any(String)] } } });
    await expect(createOffice(w.ctx(w.b, "editor"), lyon)).resolves.toMatchObject({ name: lyon.name });
  });

  it("deleting with a stale version is refused and deletes nothing", async () => {
    const editor = w.ctx(w.a, "editor");
    const office = await createOffice(editor, lyon);
    await updateOffice(editor, office.id, office.version, { ...lyon, headcount: 1 });
    await expect(deleteOffice(editor, office.id, office.version)).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await listOffices(editor)).toHaveLength(1);
  });

  it("every create, update and delete leaves an audit event with before and after", async () => {
    const editor = w.ctx(w.a, "editor");
    const office = await createOffice(editor, lyon);
    await updateOffice(editor, office.id, 1, { ...lyon, headcount: 500 });
    await deleteOffice(editor, office.id, 2);
    const events = await db().auditEvent.findMany({ where: { organisationId: w.a.organisation.id, entityId: office.id }, orderBy: { id: "asc" } });
    expect(events.map((e) => [e.action, e.actorId])).toEqual([
      ["create", w.a.users.editor.id],
      ["update", w.a.users.editor.id],
      ["delete", w.a.users.editor.id],
    ]);
    expect(events[1]).toMatchObject({ before: { headcount: 420 }, after: { headcount: 500 } });
    expect(events[2]?.after).toBeNull();
  });

  it("audit events cannot be rewritten", async () => {
    const office = await createOffice(w.ctx(w.a, "editor"), lyon);
    const event = await db().auditEvent.findFirstOrThrow({ where: { entityId: office.id } });
    await expect(db().auditEvent.update({ where: { id: event.id }, data: { action: "nothing happened" } })).rejects.toThrow(/append-only/);
  });
});
