import "server-only";
import { db } from "@/lib/db";
import { assertCan, type OrgContext } from "@/lib/auth/org-context";
import { today } from "@/lib/scores/queries";
import { DEFAULT_POLICY_EVENTS } from "@/scoring/catalogue";
import { activePolicyEvents, landscapeEvents } from "@/scoring/engine/landscape";
import type { ImposeEvent, PolicyEvent, PolicyScope, Restriction } from "@/scoring/schema/policy-event";

export const policyEventSelect = {
  id: true,
  key: true,
  kind: true,
  title: true,
  effectiveDate: true,
  source: true,
  summary: true,
  type: true,
  issuer: true,
  expires: true,
  scope: true,
  restrictions: true,
  lifts: true,
  version: true,
  updatedAt: true,
} as const;

type PolicyEventRow = {
  key: string;
  kind: "impose" | "lift";
  title: string;
  effectiveDate: Date;
  source: string;
  summary: string | null;
  type: string | null;
  issuer: string | null;
  expires: Date | null;
  scope: unknown;
  restrictions: unknown;
  lifts: string | null;
};

const isoDate = (d: Date) => d.toISOString().slice(0, 10);

/** A stored row as the engine's policy event (the same translation as the inventory document's). */
export function policyEventFromRow(e: PolicyEventRow): PolicyEvent {
  const base = { key: e.key, title: e.title, effectiveDate: isoDate(e.effectiveDate), source: e.source, ...(e.summary ? { summary: e.summary } : {}) };
  if (e.kind === "lift") return { ...base, kind: "lift", lifts: e.lifts ?? "" };
  return {
    ...base,
    kind: "impose",
    type: (e.type ?? "ban").replaceAll("_", "-") as ImposeEvent["type"],
    issuer: (e.issuer ?? "vendor") as ImposeEvent["issuer"],
    ...(e.expires ? { expires: isoDate(e.expires) } : {}),
    scope: (e.scope ?? {}) as PolicyScope,
    restrictions: (e.restrictions ?? []) as Restriction[],
  };
}

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
  status: PolicyEventStatus;
  /** For a lifted event: the lifting event's title. */
  liftedBy?: string;
}

/**
 * The policy landscape the organisation is scored against: the catalogue's dated events and the
 * organisation's own, each marked, with its status on `asOf`. The merge rule is the engine's
 * (`landscapeEvents`): an own event with a catalogue key replaces the catalogue's version.
 */
export async function listPolicyEvents(ctx: OrgContext, asOf: string = today()): Promise<PolicyEventListItem[]> {
  assertCan(ctx, "scores:read");
  const rows = await db().policyEvent.findMany({ where: { organisationId: ctx.organisationId }, select: policyEventSelect, orderBy: [{ effectiveDate: "desc" }, { key: "asc" }] });
  const own = rows.map((r) => ({ row: r, event: policyEventFromRow(r) }));
  const ownKeys = new Set(own.map((o) => o.event.key));
  const merged = landscapeEvents(own.map((o) => o.event));
  const active = new Set(activePolicyEvents(merged, asOf).map((e) => e.key));
  const lifts = new Map<string, PolicyEvent>();
  for (const e of merged) if (e.kind === "lift" && e.effectiveDate <= asOf) lifts.set(e.lifts, e);
  const catalogueKeys = new Set(DEFAULT_POLICY_EVENTS.map((e) => e.key));
  const status = (e: PolicyEvent): Pick<PolicyEventListItem, "status" | "liftedBy"> => {
    if (e.kind === "lift") return { status: "lift" };
    if (active.has(e.key)) return { status: "in-force" };
    if (e.effectiveDate > asOf) return { status: "not-yet" };
    const lift = lifts.get(e.key);
    if (lift) return { status: "lifted", liftedBy: lift.title };
    return { status: "expired" };
  };
  const items: PolicyEventListItem[] = [
    ...own.map(({ row, event }) => ({ event, origin: "own" as const, id: row.id, version: row.version, correctsCatalogue: catalogueKeys.has(event.key), ...status(event) })),
    ...DEFAULT_POLICY_EVENTS.map((event) => ({ event, origin: "catalogue" as const, correctedByOwn: ownKeys.has(event.key), ...status(ownKeys.has(event.key) ? merged.find((m) => m.key === event.key)! : event) })),
  ];
  return items.sort((a, b) => (a.event.effectiveDate > b.event.effectiveDate ? -1 : a.event.effectiveDate < b.event.effectiveDate ? 1 : a.event.key < b.event.key ? -1 : 1));
}

/** One of the organisation's own policy events, or null (also for another organisation's id). */
export async function getPolicyEvent(ctx: OrgContext, id: string) {
  assertCan(ctx, "scores:read");
  const row = await db().policyEvent.findFirst({ where: { id, organisationId: ctx.organisationId }, select: policyEventSelect });
  return row ? { id: row.id, version: row.version, updatedAt: row.updatedAt, event: policyEventFromRow(row) } : null;
}
