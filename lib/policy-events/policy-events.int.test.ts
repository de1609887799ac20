import { beforeEach, describe, expect, it } from "vitest";
import { createPolicyEvent, deletePolicyEvent, updatePolicyEvent } from "@/lib/policy-events/mutations";
import { getPolicyEvent, listPolicyEvents } from "@/lib/policy-events/queries";
import { policyEventInputSchema, updatePolicyEventSchema } from "@/lib/policy-events/schemas";
import { scoreOrganisation, today } from "@/lib/scores/queries";
import { ROLES } from "@/lib/auth/permissions";
import { DEFAULT_POLICY_EVENTS } from "@/scoring/catalogue";
import { buildOffice } from "@/prisma/factories";
import { db, twoOrganisations } from "@/lib/testing/db";

type World = Awaited<ReturnType<typeof twoOrganisations>>;

/** A critical support chat in Berlin on a US frontier lab's API, no fallback. */
async function inventory(organisationId: string) {
  const berlin = await buildOffice(db(), organisationId, { name: "Berlin", country: "DE" });
  const frontier = await db().vendor.create({ data: { organisationId, name: "Frontier Labs", vendorType: "frontier_lab", hqCountry: "US" } });
  const closed = await db().model.create({ data: { organisationId, vendorId: frontier.id, name: "Big Model", family: "big", weights: "closed", licence: "proprietary" } });
  const chat = await db().aiSystem.create({ data: { organisationId, name: "Support chat", owner: "Ops", criticality: "critical", toleratedDowntimeMinutes: 240 } });
  await db().aiSystemOffice.create({ data: { organisationId, aiSystemId: chat.id, officeId: berlin.id } });
  await db().dependency.create({ data: { organisationId, aiSystemId: chat.id, modelId: closed.id, accessPath: "direct_api" } });
}

/** The form's fields for "the US bans Frontier Labs for German users from 2025-06-01". */
const banForm = {
  kind: "impose",
  title: "Frontier Labs withdrawn from Germany",
  effectiveDate: "2025-06-01",
  source: "https://example.test/notice",
  type: "vendor-restriction",
  issuer: "us",
  scope: JSON.stringify({ vendors: ["frontier-labs"] }),
  restrictions: JSON.stringify([{ countries: { only: ["DE"] }, locus: "users", severity: "block" }]),
};

describe("policy events", () => {
  let w: World;
  beforeEach(async () => {
    w = await twoOrganisations();
    await inventory(w.a.organisation.id);
  });

  it("lists the catalogue's events with the organisation's own, each marked with its status", async () => {
    const analyst = w.ctx(w.a, "analyst");
    const own = await createPolicyEvent(analyst, policyEventInputSchema.parse(banForm));
    const list = await listPolicyEvents(analyst);
    expect(list.filter((i) => i.origin === "catalogue")).toHaveLength(DEFAULT_POLICY_EVENTS.length);
    expect(list.find((i) => i.origin === "own")).toMatchObject({ id: own.id, version: 1, status: "in-force", event: { key: "frontier-labs-withdrawn-from-germany", issuer: "US" } });
    expect(list.find((i) => i.event.key === "us-ai-diffusion-rule-2025")).toMatchObject({ origin: "catalogue", status: "lifted" });
  });

  it("imposing an event answers what changed for the organisation, and the live score uses it", async () => {
    const analyst = w.ctx(w.a, "analyst");
    const before = await scoreOrganisation(analyst);
    const { impact, event } = await createPolicyEvent(analyst, policyEventInputSchema.parse(banForm));
    expect(event.kind).toBe("impose");
    expect(impact.ok).toBe(true);
    if (!impact.ok) return;
    expect(impact.asOf).toBe(today());
    expect(impact.landscape.imposed).toEqual([{ key: "frontier-labs-withdrawn-from-germany", title: "Frontier Labs withdrawn from Germany" }]);
    expect(impact.organisation.after).toBeLessThan(impact.organisation.before);
    expect(impact.systems.map((s) => s.name)).toEqual(["Support chat"]);
    expect(impact.vendors.map((v) => v.key)).toEqual(["frontier-labs"]);
    const after = await scoreOrganisation(analyst);
    expect(before.ok && after.ok && after.result.organisation.score).toBe(impact.organisation.after);
    const audit = await db().auditEvent.findFirstOrThrow({ where: { organisationId: w.a.organisation.id, entityType: "policy_event" } });
    expect(audit).toMatchObject({ action: "create", actorId: analyst.userId });
  });

  it("lifting the event restores the score; an event in the future is scored on its effective date", async () => {
    const analyst = w.ctx(w.a, "analyst");
    const ban = await createPolicyEvent(analyst, policyEventInputSchema.parse(banForm));
    const lift = await createPolicyEvent(analyst, policyEventInputSchema.parse({ kind: "lift", title: "Frontier Labs back in Germany", effectiveDate: "2025-09-01", source: "https://example.test/lift", lifts: "frontier-labs-withdrawn-from-germany" }));
    expect(lift.impact.ok && lift.impact.landscape.lifted.map((e) => e.key)).toEqual(["frontier-labs-withdrawn-from-germany"]);
    expect(lift.impact.ok && lift.impact.organisation.after).toBe(ban.impact.ok && ban.impact.organisation.before);
    expect((await listPolicyEvents(analyst)).find((i) => i.id === ban.id)).toMatchObject({ status: "lifted", liftedBy: "Frontier Labs back in Germany" });

    const future = await createPolicyEvent(analyst, policyEventInputSchema.parse({ ...banForm, title: "Later ban", effectiveDate: "2099-01-01" }));
    expect(future.impact).toMatchObject({ ok: true, asOf: "2099-01-01" });
    expect(future.impact.ok && future.impact.organisation.delta).toBeLessThan(0);
  });

  it("refuses invalid events with the engine's messages, and lifts of unknown events", async () => {
    const bad = policyEventInputSchema.safeParse({ ...banForm, issuer: "", type: "", restrictions: JSON.stringify([{ countries: { only: ["ZZ"] }, locus: "users", severity: "block" }]) });
    expect(bad.success).toBe(false);
    const paths = bad.error!.issues.map((i) => i.path[0]);
    expect(paths).toEqual(expect.arrayContaining(["issuer", "type", "restrictions"]));
    expect(policyEventInputSchema.safeParse({ ...banForm, scope: JSON.stringify({ planets: ["mars"] }) }).error?.issues[0]?.path).toEqual(["scope"]);
    expect(policyEventInputSchema.safeParse({ ...banForm, expires: "2025-01-01" }).error?.issues[0]).toMatchObject({ path: ["expires"] });
    const liftNothing = policyEventInputSchema.parse({ kind: "lift", title: "Lift", effectiveDate: "2025-01-01", source: "x", lifts: "no-such-event" });
    await expect(createPolicyEvent(w.ctx(w.a, "owner"), liftNothing)).rejects.toMatchObject({ code: "INVALID_INPUT", details: { fieldErrors: { lifts: expect.any(Array) } } });
    expect(await db().policyEvent.count({ where: { organisationId: w.a.organisation.id } })).toBe(0);
  });

  it("corrects a catalogue event by its key, updates with a version check, and deletes (the catalogue's version applies again)", async () => {
    const owner = w.ctx(w.a, "owner");
    const catalogue = DEFAULT_POLICY_EVENTS.find((e) => e.key === "openai-unsupported-countries-2024")!;
    const corrected = await createPolicyEvent(owner, { ...catalogue, title: "OpenAI unsupported countries (our reading)" });
    expect((await listPolicyEvents(owner)).find((i) => i.origin === "catalogue" && i.event.key === catalogue.key)).toMatchObject({ correctedByOwn: true });
    const input = updatePolicyEventSchema.parse({ ...banForm, id: corrected.id, version: 1, key: catalogue.key, title: "Renamed" });
    const updated = await updatePolicyEvent(owner, input.id, input.version, input.event);
    expect(updated.version).toBe(2);
    await expect(updatePolicyEvent(owner, corrected.id, 1, input.event)).rejects.toMatchObject({ code: "CONFLICT", details: { current: { title: "Renamed", version: 2 } } });
    await expect(createPolicyEvent(owner, { ...input.event, title: "Dup" })).rejects.toMatchObject({ code: "INVALID_INPUT" });
    await deletePolicyEvent(owner, corrected.id, 2);
    expect(await getPolicyEvent(owner, corrected.id)).toBeNull();
    expect((await listPolicyEvents(owner)).find((i) => i.event.key === catalogue.key)).toMatchObject({ origin: "catalogue", correctedByOwn: false });
  });

  it("refuses deleting an own event that an own lift still ends", async () => {
    const owner = w.ctx(w.a, "owner");
    const ban = await createPolicyEvent(owner, policyEventInputSchema.parse(banForm));
    await createPolicyEvent(owner, policyEventInputSchema.parse({ kind: "lift", title: "Lifted", effectiveDate: "2025-09-01", source: "x", lifts: ban.event.key }));
    await expect(deletePolicyEvent(owner, ban.id, 1)).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("keeps organisations apart and lets only owners and analysts manage events", async () => {
    const own = await createPolicyEvent(w.ctx(w.a, "analyst"), policyEventInputSchema.parse(banForm));
    const ownerB = w.ctx(w.b, "owner");
    expect(await getPolicyEvent(ownerB, own.id)).toBeNull();
    expect((await listPolicyEvents(ownerB)).filter((i) => i.origin === "own")).toEqual([]);
    await expect(updatePolicyEvent(ownerB, own.id, 1, own.event)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(deletePolicyEvent(ownerB, own.id, 1)).rejects.toMatchObject({ code: "NOT_FOUND" });
    for (const role of ROLES) {
      const ctx = w.ctx(w.a, role);
      expect((await listPolicyEvents(ctx)).some((i) => i.id === own.id)).toBe(true);
      if (role === "editor" || role === "viewer") {
        await expect(createPolicyEvent(ctx, { ...own.event, key: `by-${role}` })).rejects.toMatchObject({ code: "FORBIDDEN" });
      }
    }
  });
});
