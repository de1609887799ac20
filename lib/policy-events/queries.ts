import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import { assertCan, type OrgContext } from "@/lib/auth/org-context";
import { today } from "@/lib/scores/queries";
import { DEFAULT_POLICY_EVENTS } from "@/scoring/catalogue";
import { activePolicyEvents, landscapeEvents, type PartialLift } from "@/scoring/engine/landscape";
import type { LiftEvent, PolicyEvent } from "@/scoring/schema/policy-event";
import { policyEventFromRow } from "@/lib/policy-events/rows";

export { policyEventFromRow };

export const policyEventSelect = {
  id: true,
  key: true,
  kind: true,
  title: true,
  effectiveDate: true,
  dateEstimated: true,
  dateNote: true,
  source: true,
  summary: true,
  references: true,
  type: true,
  issuer: true,
  expires: true,
  scope: true,
  restrictions: true,
  lifts: true,
  countries: true,
  version: true,
  updatedAt: true,
} as const;

export type PolicyEventStatus = "in-force" | "lifted" | "expired" | "not-yet" | "lift";

export interface PolicyEventListItem {
  event: PolicyEvent;
  origin: "catalogue" | "own";
  /** Own events: the row's id and version. */
  id?: string;
  version?: number;
  /** A catalogue event the organisation corrected with its own event of the same key (the own one applies). */
  correctedByOwn?: boolean;
  /** An own event that replaces the catalogue's event of the same key. */
  correctsCatalogue?: boolean;
  /**
   * "in-force" also for an event that partial lifts have narrowed (it still restricts everyone
   * they did not free): `partialLifts` then names them, oldest first.
   */
  status: PolicyEventStatus;
  /** For a lifted event: the lifting event's title (the partial lifts' titles when together they freed every country). */
  liftedBy?: string;
  /** For an event in force: the partial lifts in force on the date, which freed some countries. */
  partialLifts?: PartialLift[];
}

/**
 * The policy landscape the organisation is scored against: the catalogue's dated events and the
 * organisation's own, each marked, with its status on `asOf`. The merge rule is the engine's
 * (`landscapeEvents`): an own event with a catalogue key replaces the catalogue's version, and so
 * the status of a corrected catalogue event is its correction's.
 */
export async function listPolicyEvents(ctx: OrgContext, asOf: string = today()): Promise<PolicyEventListItem[]> {
  assertCan(ctx, "scores:read");
  const rows = await db().policyEvent.findMany({ where: { organisationId: ctx.organisationId }, select: policyEventSelect, orderBy: [{ effectiveDate: "desc" }, { key: "asc" }] });
  const own = rows.map((r) => ({ row: r, event: policyEventFromRow(r) }));
  const ownKeys = new Set(own.map((o) => o.event.key));
  const merged = landscapeEvents(own.map((o) => o.event));
  const mergedByKey = new Map(merged.map((e) => [e.key, e]));
  const active = new Map(activePolicyEvents(merged, asOf).map((e) => [e.key, e]));
  const fullLifts = new Map<string, LiftEvent>();
  const partialLifts = new Map<string, LiftEvent[]>();
  for (const e of merged) {
    if (e.kind !== "lift" || e.effectiveDate > asOf) continue;
    if (e.countries === undefined) fullLifts.set(e.lifts, e);
    else partialLifts.set(e.lifts, [...(partialLifts.get(e.lifts) ?? []), e]);
  }
  const catalogueKeys = new Set(DEFAULT_POLICY_EVENTS.map((e) => e.key));
  const status = (e: PolicyEvent): Pick<PolicyEventListItem, "status" | "liftedBy" | "partialLifts"> => {
    if (e.kind === "lift") return { status: "lift" };
    const inForce = active.get(e.key);
    if (inForce) return { status: "in-force", ...(inForce.partialLifts ? { partialLifts: inForce.partialLifts } : {}) };
    if (e.effectiveDate > asOf) return { status: "not-yet" };
    const lift = fullLifts.get(e.key);
    if (lift) return { status: "lifted", liftedBy: lift.title };
    if (e.expires !== undefined && e.expires <= asOf) return { status: "expired" };
    const parts = partialLifts.get(e.key);
    if (parts) return { status: "lifted", liftedBy: parts.map((l) => l.title).join("; ") };
    return { status: "expired" };
  };
  const items: PolicyEventListItem[] = [
    ...own.map(({ row, event }) => ({ event, origin: "own" as const, id: row.id, version: row.version, correctsCatalogue: catalogueKeys.has(event.key), ...status(event) })),
    ...DEFAULT_POLICY_EVENTS.map((event) => ({ event, origin: "catalogue" as const, correctedByOwn: ownKeys.has(event.key), ...status(mergedByKey.get(event.key) ?? event) })),
  ];
  return items.sort((a, b) => (a.event.effectiveDate > b.event.effectiveDate ? -1 : a.event.effectiveDate < b.event.effectiveDate ? 1 : a.event.key < b.event.key ? -1 : a.event.key > b.event.key ? 1 : a.origin === "own" ? -1 : 1));
}

/** One of the organisation's own policy events, or null (also for another organisation's id). */
export async function getPolicyEvent(ctx: OrgContext, id: string) {
  assertCan(ctx, "scores:read");
  // `?edit=` comes from the address: anything but a UUID is no event (PostgreSQL would refuse it as a uuid).
  if (!z.uuid().safeParse(id).success) return null;
  const row = await db().policyEvent.findFirst({ where: { id, organisationId: ctx.organisationId }, select: policyEventSelect });
  return row ? { id: row.id, version: row.version, updatedAt: row.updatedAt, event: policyEventFromRow(row) } : null;
}
