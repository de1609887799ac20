import type { Prisma } from "@/lib/generated/prisma/client";
import { AUDIT_ACTIONS, AUDIT_ENTITY_TYPES } from "@/lib/audit/labels";
import { contains, type ListSpec, type ListState } from "@/lib/list-params";

// What the audit log can be narrowed by, for the screen (URL state), its CSV export and the API
// alike. Days are calendar days in UTC, as every time on the screen is shown in UTC.

/** The audit log screen's list: newest first, filters in the URL (`f.actor`, `f.from`, ...); the search box matches entity ids. */
export const auditListSpec = {
  columns: ["when", "actor", "action", "entityType", "subject", "changes", "entityId"],
  defaultColumns: ["when", "actor", "action", "entityType", "subject", "changes"],
  alwaysShown: ["when"],
  sortable: ["when"],
  defaultSort: { id: "when", desc: true },
  filters: {
    actor: { kind: "uuid" },
    entityType: { kind: "enum", values: AUDIT_ENTITY_TYPES },
    action: { kind: "enum", values: AUDIT_ACTIONS },
    from: { kind: "date" },
    to: { kind: "date" },
  },
} as const satisfies ListSpec;

export type AuditSort = (typeof auditListSpec.sortable)[number];
export type AuditFilterId = keyof typeof auditListSpec.filters;
export type AuditListState = ListState<AuditSort, AuditFilterId>;

export interface AuditFilters {
  actorId?: string;
  entityType?: string;
  action?: string;
  /** First day included, YYYY-MM-DD (UTC). */
  from?: string;
  /** Last day included, YYYY-MM-DD (UTC). */
  to?: string;
  /** A part of the entity's id, any case. */
  entityId?: string;
}

/** The filters a list state (the screen's URL) stands for. */
export function auditFiltersFromList(state: Pick<AuditListState, "q" | "filters">): AuditFilters {
  const f = state.filters;
  return { actorId: f.actor, entityType: f.entityType, action: f.action, from: f.from, to: f.to, entityId: state.q || undefined };
}

const DAY_MS = 86_400_000;
const dayStart = (day: string) => new Date(`${day}T00:00:00.000Z`);

/**
 * The `where` of the organisation's events matching the filters; the organisation is always in it.
 * @example auditWhere("org-id", { from: "2026-12-01", to: "2026-12-01" })
 *   // { organisationId: "org-id", createdAt: { gte: 2026-12-01T00:00Z, lt: 2026-12-02T00:00Z } }
 */
export function auditWhere(organisationId: string, f: AuditFilters): Prisma.AuditEventWhereInput {
  return {
    organisationId,
    ...(f.actorId && { actorId: f.actorId }),
    ...(f.entityType && { entityType: f.entityType }),
    ...(f.action && { action: f.action }),
    ...(f.entityId && { entityId: contains(f.entityId) }),
    ...((f.from || f.to) && {
      createdAt: { ...(f.from && { gte: dayStart(f.from) }), ...(f.to && { lt: new Date(dayStart(f.to).getTime() + DAY_MS) }) },
    }),
  };
}
