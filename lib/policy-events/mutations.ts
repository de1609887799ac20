import "server-only";
import { db } from "@/lib/db";
import { Prisma, type PolicyEventType } from "@/lib/generated/prisma/client";
import { assertCan, type OrgContext } from "@/lib/auth/org-context";
import { AppError, notFoundError } from "@/lib/errors";
import { recordAudit } from "@/lib/audit/record";
import { staleOrMissing } from "@/lib/concurrency";
import { loadInventoryDocument } from "@/lib/inventory/document";
import { today } from "@/lib/scores/queries";
import { policyEventFromRow, policyEventSelect } from "@/lib/policy-events/queries";
import { checkPolicyEvent, problemsInOneLine } from "@/lib/policy-events/rules";
import { DEFAULT_POLICY_EVENTS } from "@/scoring/catalogue";
import { compareResults } from "@/scoring/compare";
import { parseInventoryDocument } from "@/scoring/parse";
import { scoreInventory } from "@/scoring/score-inventory";
import type { Issue } from "@/scoring/schema/issues";
import type { InventoryDocumentInput } from "@/scoring/schema/inventory";
import type { PolicyEvent } from "@/scoring/schema/policy-event";
import type { Rating } from "@/scoring/ratings";

type Change = { key: string; name: string; before: number; after: number; delta: number; ratingBefore: Rating; ratingAfter: Rating };

/** What a policy event change did to this organisation's score, on the day it bites. */
export type PolicyEventImpact =
  | {
      ok: true;
      /** Today, or the event's effective date when that is later (a future event changes nothing today). */
      asOf: string;
      organisation: Change;
      landscape: { imposed: { key: string; title: string }[]; lifted: { key: string; title: string }[] };
      systems: Change[];
      vendors: Change[];
    }
  | { ok: false; asOf: string; issues: Issue[] };

const pick = ({ key, name, before, after, delta, ratingBefore, ratingAfter }: Change): Change => ({ key, name, before, after, delta, ratingBefore, ratingAfter });

function impactOf(before: InventoryDocumentInput, after: InventoryDocumentInput, asOf: string): PolicyEventImpact {
  const a = parseInventoryDocument(before);
  const b = parseInventoryDocument(after);
  if (!a.ok || !b.ok) return { ok: false, asOf, issues: a.ok ? (b as { issues: Issue[] }).issues : a.issues };
  const c = compareResults(scoreInventory(a.value, { asOf }), scoreInventory(b.value, { asOf }));
  return { ok: true, asOf, organisation: pick(c.organisation), landscape: c.landscape, systems: c.systems.map(pick), vendors: c.vendors.map(pick) };
}

const laterOf = (...dates: string[]) => dates.sort().at(-1)!;

/** The row's columns of an event; columns the event's kind does not use are emptied. */
function data(e: PolicyEvent) {
  const json = (v: unknown) => (v === undefined ? Prisma.DbNull : (v as Prisma.InputJsonValue));
  const base = {
    key: e.key,
    kind: e.kind,
    title: e.title,
    effectiveDate: new Date(`${e.effectiveDate}T00:00:00Z`),
    dateEstimated: e.dateEstimated ?? false,
    dateNote: e.dateNote || null,
    source: e.source,
    summary: e.summary ?? null,
    references: json(e.references),
  };
  if (e.kind === "lift") return { ...base, lifts: e.lifts, countries: json(e.countries), type: null, issuer: null, expires: null, scope: Prisma.DbNull, restrictions: Prisma.DbNull };
  return {
    ...base,
    lifts: null,
    countries: Prisma.DbNull,
    type: e.type.replaceAll("-", "_") as PolicyEventType,
    issuer: e.issuer,
    expires: e.expires ? new Date(`${e.expires}T00:00:00Z`) : null,
    scope: e.scope as Prisma.InputJsonValue,
    restrictions: e.restrictions as unknown as Prisma.InputJsonValue,
  };
}

/**
 * The event as the engine reads it, or INVALID_INPUT with the problems in words by field. The
 * form and the API check it before, with the same rules; checking again here means no caller
 * (an import, a script) can store an event the engine would refuse.
 */
function checked(event: PolicyEvent): PolicyEvent {
  const result = checkPolicyEvent(event);
  if (!result.ok) throw new AppError("INVALID_INPUT", `The policy event is not valid: ${problemsInOneLine(result.problems)}.`, { fieldErrors: result.problems });
  return result.event;
}

function duplicateKey(e: unknown, key: string): never {
  if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002") {
    throw new AppError("INVALID_INPUT", `Your organisation already has a policy event with the key "${key}"`, { fieldErrors: { key: ["Already used by another of your events; choose another key or edit that event"] } });
  }
  throw e;
}

/** A lift must end an event that exists: a catalogue event or one of the organisation's own impositions. */
async function assertLiftable(tx: Prisma.TransactionClient, ctx: OrgContext, e: PolicyEvent) {
  if (e.kind !== "lift") return;
  if (DEFAULT_POLICY_EVENTS.some((c) => c.key === e.lifts && c.kind === "impose")) return;
  const own = await tx.policyEvent.count({ where: { organisationId: ctx.organisationId, key: e.lifts, kind: "impose" } });
  if (own === 0) throw new AppError("INVALID_INPUT", `There is no imposed event with the key "${e.lifts}" to lift`, { fieldErrors: { lifts: ["Choose an imposed event from the catalogue or your own"] } });
}

/**
 * Adds an organisation's own policy event (imposing or lifting a restriction; with a catalogue
 * event's key it corrects that event) and answers what changed for the organisation.
 */
export async function createPolicyEvent(ctx: OrgContext, input: PolicyEvent) {
  assertCan(ctx, "policy_events:manage");
  const event = checked(input);
  const { document: before } = await loadInventoryDocument(ctx);
  const row = await db()
    .$transaction(async (tx) => {
      await assertLiftable(tx, ctx, event);
      const created = await tx.policyEvent.create({ data: { ...data(event), organisationId: ctx.organisationId }, select: policyEventSelect });
      await recordAudit(tx, ctx, { action: "create", entityType: "policy_event", entityId: created.id, after: created });
      return created;
    })
    .catch((e) => duplicateKey(e, event.key));
  const { document: after } = await loadInventoryDocument(ctx);
  return { id: row.id, version: row.version, event: policyEventFromRow(row), impact: impactOf(before, after, laterOf(today(), event.effectiveDate)) };
}

export async function updatePolicyEvent(ctx: OrgContext, id: string, version: number, input: PolicyEvent) {
  assertCan(ctx, "policy_events:manage");
  const event = checked(input);
  const { document: before } = await loadInventoryDocument(ctx);
  const row = await db()
    .$transaction(async (tx) => {
      const current = await tx.policyEvent.findFirst({ where: { id, organisationId: ctx.organisationId }, select: policyEventSelect });
      await assertLiftable(tx, ctx, event);
      const { count } = await tx.policyEvent.updateMany({ where: { id, organisationId: ctx.organisationId, version }, data: { ...data(event), version: { increment: 1 } } });
      if (count === 0) throw staleOrMissing("Policy event", current && { ...policyEventFromRow(current), version: current.version }, version);
      const updated = await tx.policyEvent.findFirstOrThrow({ where: { id, organisationId: ctx.organisationId }, select: policyEventSelect });
      await recordAudit(tx, ctx, { action: "update", entityType: "policy_event", entityId: id, before: current, after: updated });
      return updated;
    })
    .catch((e) => duplicateKey(e, event.key));
  const { document: after } = await loadInventoryDocument(ctx);
  return { id: row.id, version: row.version, event: policyEventFromRow(row), impact: impactOf(before, after, laterOf(today(), event.effectiveDate)) };
}

/** Deletes an own event; a catalogue event it corrected applies again. Own lifts of it are refused first. */
export async function deletePolicyEvent(ctx: OrgContext, id: string, version: number) {
  assertCan(ctx, "policy_events:manage");
  const { document: before } = await loadInventoryDocument(ctx);
  const removed = await db().$transaction(async (tx) => {
    const current = await tx.policyEvent.findFirst({ where: { id, organisationId: ctx.organisationId }, select: policyEventSelect });
    if (!current) throw notFoundError("Policy event");
    if (current.kind === "impose" && !DEFAULT_POLICY_EVENTS.some((c) => c.key === current.key)) {
      const lifts = await tx.policyEvent.findMany({ where: { organisationId: ctx.organisationId, kind: "lift", lifts: current.key }, select: { title: true } });
      if (lifts.length > 0) throw new AppError("CONFLICT", `"${current.title}" is lifted by ${lifts.map((l) => `"${l.title}"`).join(", ")}; delete the lift first.`);
    }
    const { count } = await tx.policyEvent.deleteMany({ where: { id, organisationId: ctx.organisationId, version } });
    if (count === 0) throw staleOrMissing("Policy event", { ...policyEventFromRow(current), version: current.version }, version);
    await recordAudit(tx, ctx, { action: "delete", entityType: "policy_event", entityId: id, before: current });
    return policyEventFromRow(current);
  });
  const { document: after } = await loadInventoryDocument(ctx);
  return { event: removed, impact: impactOf(before, after, laterOf(today(), removed.effectiveDate)) };
}
