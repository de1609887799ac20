// Dated readings, corrections and partial lifts: the catalogue's US restriction on Anthropic's
// models (estimated 2026-03-02) and its lifting for US key allies (estimated 2026-07-13), as the
// policy event list, the live score and the mutations see them, against a real database.
import { beforeEach, describe, expect, it } from "vitest";
import { createPolicyEvent, deletePolicyEvent, updatePolicyEvent } from "@/lib/policy-events/mutations";
import { getPolicyEvent, listPolicyEvents, type PolicyEventListItem } from "@/lib/policy-events/queries";
import { policyEventInputSchema, updatePolicyEventSchema } from "@/lib/policy-events/schemas";
import { scoreOrganisation } from "@/lib/scores/queries";
import type { OrgContext } from "@/lib/auth/org-context";
import { DEFAULT_POLICY_EVENTS } from "@/scoring/catalogue";
import type { ImposeEvent, LiftEvent, PolicyEvent } from "@/scoring/schema/policy-event";
import { buildOffice } from "@/prisma/factories";
import { db, twoOrganisations } from "@/lib/testing/db";

type World = Awaited<ReturnType<typeof twoOrganisations>>;

const RESTRICTION = "us-anthropic-model-export-restriction";
const EASED = "us-anthropic-model-export-restriction-eased-allies";
const catalogueRestriction = DEFAULT_POLICY_EVENTS.find((e) => e.key === RESTRICTION) as ImposeEvent;

/**
 * A contract-review assistant on Anthropic's API used in Berlin (a US key ally) and a support
 * chat on the same model used in Warsaw (not one), neither with a fallback.
 */
async function anthropicInventory(organisationId: string) {
  const berlin = await buildOffice(db(), organisationId, { name: "Berlin", country: "DE" });
  const warsaw = await buildOffice(db(), organisationId, { name: "Warsaw", country: "PL" });
  const anthropic = await db().vendor.create({ data: { organisationId, name: "Anthropic", catalogueKey: "anthropic", vendorType: "frontier_lab", hqCountry: "US" } });
  const claude = await db().model.create({ data: { organisationId, vendorId: anthropic.id, name: "Claude", family: "claude", weights: "closed", licence: "proprietary" } });
  for (const [name, office] of [["Contract review", berlin], ["Support chat", warsaw]] as const) {
    const system = await db().aiSystem.create({ data: { organisationId, name, owner: "Ops", criticality: "critical", toleratedDowntimeMinutes: 240 } });
    await db().aiSystemOffice.create({ data: { organisationId, aiSystemId: system.id, officeId: office.id } });
    await db().dependency.create({ data: { organisationId, aiSystemId: system.id, modelId: claude.id, accessPath: "direct_api" } });
  }
}

const item = (list: PolicyEventListItem[], key: string, origin: "catalogue" | "own" = "catalogue") => list.find((i) => i.event.key === key && i.origin === origin);

async function organisationScore(ctx: OrgContext, asOf: string): Promise<number> {
  const live = await scoreOrganisation(ctx, asOf);
  if (!live.ok) throw new Error(JSON.stringify(live.issues));
  return live.result.organisation.score;
}

/**
 * Claude switched off everywhere outside the United States from 2025-01-01 (an own event, dated
 * before the catalogue's restriction of Anthropic's models so that the two do not overlap).
 */
const OUTSIDE_US: ImposeEvent = {
  kind: "impose",
  key: "claude-outside-us",
  title: "Claude withdrawn outside the US",
  effectiveDate: "2025-01-01",
  source: "https://example.test/notice",
  type: "export-control",
  issuer: "US",
  scope: { vendors: ["anthropic"] },
  restrictions: [{ countries: { allExcept: ["US"] }, locus: "users", severity: "block" }],
};

/** Its partial lift for the US key allies, on an estimated date, with how it was read and what it rests on. */
const FOR_ALLIES: LiftEvent = {
  kind: "lift",
  key: "claude-back-for-allies",
  title: "Claude back for allied nations",
  effectiveDate: "2025-06-01",
  dateEstimated: true,
  dateNote: "The column is undated; it names the June summit.",
  source: "Press report, undated",
  references: [
    { title: "Allies regain Claude (opening words)", note: "Publisher not named in the copy held." },
    { publisher: "Example Gazette", title: "Commerce eases AI export curbs", url: "https://example.test/gazette" },
  ],
  lifts: "claude-outside-us",
  countries: { only: [], sets: ["us-key-allies"] },
};

describe("the policy landscape over time", () => {
  let w: World;
  beforeEach(async () => {
    w = await twoOrganisations();
    await anthropicInventory(w.a.organisation.id);
  });

  it("lists the catalogue's Anthropic restriction as not yet in force, in force, and in force but partly lifted for US key allies", async () => {
    const viewer = w.ctx(w.a, "viewer");
    expect(item(await listPolicyEvents(viewer, "2026-02-01"), RESTRICTION)).toMatchObject({ status: "not-yet" });

    const may = await listPolicyEvents(viewer, "2026-05-01");
    expect(item(may, RESTRICTION)).toMatchObject({ status: "in-force", correctedByOwn: false });
    expect(item(may, RESTRICTION)!.partialLifts).toBeUndefined();
    expect(item(may, RESTRICTION)!.event).toMatchObject({ dateEstimated: true, dateNote: expect.stringContaining("estimates"), references: expect.arrayContaining([expect.objectContaining({ publisher: "Review Nest (editorial team)" })]) });

    // Partly lifted: still in force (everyone outside the US but the 18 allies stays cut off); the list names the lift.
    const september = await listPolicyEvents(viewer, "2026-09-01");
    expect(item(september, RESTRICTION)).toMatchObject({
      status: "in-force",
      partialLifts: [{ key: EASED, title: "US lifts the Anthropic restriction for allied nations", effectiveDate: "2026-07-13", dateEstimated: true, countries: { only: [], sets: ["us-key-allies"] } }],
    });
    expect(item(september, RESTRICTION)!.liftedBy).toBeUndefined();
    expect(item(september, EASED)).toMatchObject({ status: "lift", event: { kind: "lift", countries: { only: [], sets: ["us-key-allies"] } } });
    // The licence term that withholds Llama 3.2's multimodal models from EU licensees.
    expect(item(september, "meta-llama-3.2-multimodal-eu-licensees")).toMatchObject({ status: "in-force", event: { type: "licence-term", restrictions: [{ locus: "licensee" }] } });
  });

  it("an organisation's correction of the restriction's date changes its status and the live score on the dates between", async () => {
    const analyst = w.ctx(w.a, "analyst");
    const baseline = await organisationScore(analyst, "2026-02-15");
    const catalogueMarch = await organisationScore(analyst, "2026-03-15");
    const catalogueMay = await organisationScore(analyst, "2026-05-01");
    expect(catalogueMarch).toBeLessThan(baseline); // the catalogue's restriction is in force from 2026-03-02
    expect(catalogueMay).toBe(catalogueMarch);

    // The analyst knows the date: 2026-04-01, from a notice (no longer an estimate).
    const { dateEstimated: _estimated, ...known } = catalogueRestriction;
    const correction = await createPolicyEvent(analyst, {
      ...known,
      effectiveDate: "2026-04-01",
      dateNote: "BIS notice dated 1 April 2026.",
      references: [{ publisher: "Bureau of Industry and Security", title: "Notice of export restriction", url: "https://example.test/bis-notice" }],
    });
    expect(correction.event).toMatchObject({ key: RESTRICTION, effectiveDate: "2026-04-01", dateNote: "BIS notice dated 1 April 2026." });
    expect(correction.event.dateEstimated).toBeUndefined();

    const march = await listPolicyEvents(analyst, "2026-03-15");
    expect(item(march, RESTRICTION)).toMatchObject({ correctedByOwn: true, status: "not-yet" });
    expect(item(march, RESTRICTION, "own")).toMatchObject({ id: correction.id, correctsCatalogue: true, status: "not-yet" });
    const may = await listPolicyEvents(analyst, "2026-05-01");
    expect(item(may, RESTRICTION, "own")).toMatchObject({ status: "in-force" });
    expect(await organisationScore(analyst, "2026-03-15")).toBe(baseline); // not in force yet, by the organisation's date
    expect(await organisationScore(analyst, "2026-05-01")).toBe(catalogueMay);

    // Removing the correction returns to the catalogue's version.
    await deletePolicyEvent(analyst, correction.id, correction.version);
    expect(item(await listPolicyEvents(analyst, "2026-03-15"), RESTRICTION)).toMatchObject({ correctedByOwn: false, status: "in-force" });
    expect(await organisationScore(analyst, "2026-03-15")).toBe(catalogueMarch);
  });

  it("keeps the estimated mark of a corrected event only while the form keeps 'estimated' ticked", async () => {
    const owner = w.ctx(w.a, "owner");
    // The form the "Correct for your organisation" action opens: the catalogue event's fields and key.
    const form = {
      key: RESTRICTION,
      kind: "impose",
      title: catalogueRestriction.title,
      effectiveDate: "2026-03-10",
      dateEstimated: "on",
      dateNote: "Our counsel's reading: the first client notices went out on 10 March.",
      source: catalogueRestriction.source,
      references: JSON.stringify(catalogueRestriction.references),
      summary: catalogueRestriction.summary,
      type: catalogueRestriction.type,
      issuer: catalogueRestriction.issuer,
      scope: JSON.stringify(catalogueRestriction.scope),
      restrictions: JSON.stringify(catalogueRestriction.restrictions),
    };
    const saved = await createPolicyEvent(owner, policyEventInputSchema.parse(form));
    expect(saved.event).toMatchObject({ key: RESTRICTION, effectiveDate: "2026-03-10", dateEstimated: true, references: catalogueRestriction.references });
    const { dateEstimated: _unticked, ...rest } = form; // an unticked checkbox is not sent
    const input = updatePolicyEventSchema.parse({ ...rest, id: saved.id, version: saved.version });
    const updated = await updatePolicyEvent(owner, input.id, input.version, input.event);
    expect(updated.event.dateEstimated).toBeUndefined();
    expect(await db().policyEvent.findUniqueOrThrow({ where: { id: saved.id }, select: { dateEstimated: true, version: true } })).toEqual({ dateEstimated: false, version: 2 });
  });

  it("writes a partial lift with a named set, an estimated date and references, reads it back, and narrows the restriction", async () => {
    const owner = w.ctx(w.a, "owner");
    const baseline = await organisationScore(owner, "2024-12-01");
    await createPolicyEvent(owner, OUTSIDE_US);
    const restricted = await organisationScore(owner, "2025-05-01");
    const lift = await createPolicyEvent(owner, FOR_ALLIES);
    expect(lift.event).toEqual(FOR_ALLIES);
    expect((await getPolicyEvent(owner, lift.id))!.event).toEqual(FOR_ALLIES);

    const july = await listPolicyEvents(owner, "2025-07-01");
    expect(item(july, "claude-outside-us", "own")).toMatchObject({ status: "in-force", partialLifts: [{ key: "claude-back-for-allies", effectiveDate: "2025-06-01", dateEstimated: true, countries: { only: [], sets: ["us-key-allies"] } }] });
    // Berlin is freed, Warsaw is not: better than before the lift, worse than without the restriction.
    const partly = await organisationScore(owner, "2025-07-01");
    expect(restricted).toBeLessThan(partly);
    expect(partly).toBeLessThan(baseline);
    const switchedOff = async (asOf: string) => {
      const live = await scoreOrganisation(owner, asOf);
      return live.ok ? live.result.organisation.activeRestrictions.find((r) => r.key === "claude-outside-us") : undefined;
    };
    expect(await switchedOff("2025-05-01")).toMatchObject({ switchedOffSystems: 2, partialLifts: [] });
    expect(await switchedOff("2025-07-01")).toMatchObject({ switchedOffSystems: 1, partialLifts: [{ key: "claude-back-for-allies", dateEstimated: true }] });

    // Widened to the EU (Poland among them), the lift frees both offices: the restriction no longer reaches the organisation.
    const widened = await updatePolicyEvent(owner, lift.id, lift.version, { ...FOR_ALLIES, countries: { only: [], sets: ["us-key-allies", "eu-member-states"] } });
    expect(widened.version).toBe(2);
    expect(await organisationScore(owner, "2025-07-01")).toBe(baseline);
    expect(item(await listPolicyEvents(owner, "2025-07-01"), "claude-outside-us", "own")).toMatchObject({ status: "in-force", partialLifts: [expect.objectContaining({ countries: { only: [], sets: ["us-key-allies", "eu-member-states"] } })] });

    // A stale version is refused, and the row keeps the newer countries.
    await expect(updatePolicyEvent(owner, lift.id, 1, { ...FOR_ALLIES, countries: { only: ["PL"] } })).rejects.toMatchObject({ code: "CONFLICT", details: { current: { version: 2, countries: { only: [], sets: ["us-key-allies", "eu-member-states"] } } } });
    expect((await getPolicyEvent(owner, lift.id))!.event).toMatchObject({ countries: { only: [], sets: ["us-key-allies", "eu-member-states"] } });

    // Without countries it is a full lift again.
    const { countries: _c, ...full } = FOR_ALLIES;
    await updatePolicyEvent(owner, lift.id, 2, full);
    expect(item(await listPolicyEvents(owner, "2025-07-01"), "claude-outside-us", "own")).toMatchObject({ status: "lifted", liftedBy: "Claude back for allied nations" });
    expect((await db().policyEvent.findUniqueOrThrow({ where: { id: lift.id }, select: { countries: true } })).countries).toBeNull();
  });

  it("takes a partial lift, a licence term and the licensee locus from the form", async () => {
    const owner = w.ctx(w.a, "owner");
    const licence = policyEventInputSchema.parse({
      kind: "impose",
      title: "Claude licence withheld from EU licensees",
      effectiveDate: "2026-01-01",
      source: "https://example.test/licence",
      type: "licence-term",
      issuer: "vendor",
      scope: JSON.stringify({ vendors: ["anthropic"] }),
      restrictions: JSON.stringify([{ countries: { only: [], sets: ["eu-member-states"] }, locus: "licensee", severity: "block" }]),
      references: "[]",
      dateEstimated: "",
    });
    expect(licence).toMatchObject({ type: "licence-term", restrictions: [{ locus: "licensee" }] });
    expect(licence).not.toHaveProperty("references");
    expect(licence).not.toHaveProperty("dateEstimated");
    const saved = await createPolicyEvent(owner, licence);
    expect((await db().policyEvent.findUniqueOrThrow({ where: { id: saved.id }, select: { type: true } })).type).toBe("licence_term");
    expect((await getPolicyEvent(owner, saved.id))!.event).toEqual(licence);

    const partial = policyEventInputSchema.parse({
      kind: "lift",
      title: "Licence granted in Ireland",
      effectiveDate: "2026-02-01",
      source: "https://example.test/ireland",
      lifts: licence.key,
      countries: JSON.stringify({ only: ["IE"] }),
      dateEstimated: "on",
      references: JSON.stringify([{ title: "Licence amendment" }]),
    });
    expect(partial).toMatchObject({ kind: "lift", countries: { only: ["IE"] }, dateEstimated: true, references: [{ title: "Licence amendment" }] });
    // The form sends an empty country set for a full lift.
    const fullLift = policyEventInputSchema.parse({ kind: "lift", title: "Licence granted everywhere", effectiveDate: "2026-03-01", source: "x", lifts: licence.key, countries: JSON.stringify({ only: [] }) });
    expect(fullLift).not.toHaveProperty("countries");
  });

  it("refuses a lift with an unknown country set, an estimated flag without a date, and a reference without a title, in words, and writes nothing", async () => {
    const owner = w.ctx(w.a, "owner");
    await createPolicyEvent(owner, OUTSIDE_US);
    const rowsBefore = await db().policyEvent.findMany({ where: { organisationId: w.a.organisation.id }, orderBy: { id: "asc" } });
    const auditBefore = await db().auditEvent.count({ where: { organisationId: w.a.organisation.id } });

    // Through the mutations (the public API's path and any other caller).
    const unknownSet = { ...FOR_ALLIES, countries: { only: [], sets: ["nato"] } } as PolicyEvent;
    const e1 = await createPolicyEvent(owner, unknownSet).catch((e: unknown) => e);
    expect(e1).toMatchObject({ code: "INVALID_INPUT", details: { fieldErrors: { countries: [expect.stringContaining(`"nato" is not one of the catalogue's country sets (US key allies and partners`)] } } });
    expect(JSON.stringify(e1)).not.toContain("us-key-allies");
    const noDate = { ...FOR_ALLIES, effectiveDate: undefined } as unknown as PolicyEvent;
    await expect(createPolicyEvent(owner, noDate)).rejects.toMatchObject({ code: "INVALID_INPUT", details: { fieldErrors: { effectiveDate: [expect.any(String)] } } });
    const untitled = { ...FOR_ALLIES, references: [{ publisher: "Example Gazette", url: "https://example.test/x" }] } as PolicyEvent;
    await expect(createPolicyEvent(owner, untitled)).rejects.toMatchObject({ code: "INVALID_INPUT", message: expect.stringContaining("Reference 1: enter the title of the text"), details: { fieldErrors: { references: ["Reference 1: enter the title of the text"] } } });
    const badUrl = { ...FOR_ALLIES, references: [{ title: "Notice", url: "javascript:alert(1)" }] } as PolicyEvent;
    await expect(createPolicyEvent(owner, badUrl)).rejects.toMatchObject({ details: { fieldErrors: { references: ["Reference 1: enter a web address starting with https:// or http://"] } } });
    // An update is checked the same way.
    const [outside] = rowsBefore;
    await expect(updatePolicyEvent(owner, outside!.id, outside!.version, { ...OUTSIDE_US, restrictions: [{ countries: { allExcept: ["US"], sets: ["atlantis"] }, locus: "users", severity: "block" }] })).rejects.toMatchObject({
      details: { fieldErrors: { restrictions: [expect.stringMatching(/^Restriction 1, countries, country set 1: "atlantis" is not one of the catalogue's country sets/)] } },
    });

    // Through the form, with the same words under the field.
    const form = { kind: "lift", title: "Claude back for allies", source: "x", lifts: "claude-outside-us" };
    const problems = (input: object) => policyEventInputSchema.safeParse({ ...form, ...input }).error?.issues.map((i) => [i.path.join("."), i.message]);
    expect(problems({ effectiveDate: "2025-06-01", countries: JSON.stringify({ only: [], sets: ["nato"] }) })).toEqual([["countries", expect.stringContaining(`Country set 1: "nato" is not one of the catalogue's country sets`)]]);
    expect(problems({ effectiveDate: "", dateEstimated: "on" })).toEqual([["effectiveDate", "Enter the date you estimate (YYYY-MM-DD): an estimated date is still a date"]]);
    expect(problems({ effectiveDate: "2025-06-01", references: JSON.stringify([{ title: "Fine" }, { publisher: "Example Gazette" }]) })).toEqual([["references", "Reference 2: enter the title of the text"]]);

    expect(await db().policyEvent.findMany({ where: { organisationId: w.a.organisation.id }, orderBy: { id: "asc" } })).toEqual(rowsBefore);
    expect(await db().auditEvent.count({ where: { organisationId: w.a.organisation.id } })).toBe(auditBefore);
  });
});
