import { z } from "zod";
import { pageQuerySchema, responseComponents } from "@/lib/api/schemas";
import { AUDIT_ACTIONS, AUDIT_ENTITY_TYPES, auditActionLabel, auditEntityTypeLabel } from "@/lib/audit/labels";
import type { AuditFilters } from "@/lib/audit/filters";
import type { AuditEventView } from "@/lib/audit/queries";

// The public API's audit log: a page of events, newest first, narrowed by the same filters as the
// audit log screen (docs/decisions/029). Unknown query parameters are refused: a misspelt filter
// must not silently answer the whole log.

const day = (what: string) => z.iso.date(`Expected a date as YYYY-MM-DD`).optional().meta({ description: `${what} (UTC), YYYY-MM-DD` });

export const auditEventQuerySchema = z
  .strictObject({
    ...pageQuerySchema.shape,
    actorId: z.uuid("Expected a user's id (a UUID)").optional().meta({ description: "Only what this user did (for an API token: its creator)" }),
    entityType: z.enum(AUDIT_ENTITY_TYPES, `Expected one of: ${AUDIT_ENTITY_TYPES.join(", ")}`).optional().meta({ description: "Only events about this kind of thing" }),
    action: z.enum(AUDIT_ACTIONS, `Expected one of: ${AUDIT_ACTIONS.join(", ")}`).optional().meta({ description: "Only this action" }),
    entityId: z.string().trim().min(1, "Expected part of an id").max(100, "At most 100 characters").optional().meta({ description: "Only events whose entity id contains this text (any case)" }),
    from: day("First day included"),
    to: day("Last day included"),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { path: ["to"], message: "The last day cannot be before the first" });

const changeSchema = z.object({
  field: z.string().meta({ description: "The field's name in the recorded row" }),
  label: z.string().meta({ description: "The field in words" }),
  before: z.string().nullable().meta({ description: "Its value before, in words (null: none)" }),
  after: z.string().nullable().meta({ description: "Its value after, in words (null: none)" }),
});

export const auditEventResourceSchema = z
  .object({
    id: z.string().regex(/^\d+$/).meta({ description: "The event's number; later events have larger numbers" }),
    createdAt: z.string().meta({ description: "When, ISO 8601 (UTC)" }),
    actor: z
      .object({ id: z.uuid(), name: z.string(), email: z.string() })
      .nullable()
      .meta({ description: "Who acted (for a request with an API token: the token's creator); null when the account no longer exists, or when nobody signed in (action `answer`: an answer through a questionnaire link)" }),
    action: z.string().meta({ description: `What was done: ${AUDIT_ACTIONS.join(", ")}` }),
    actionLabel: z.string().meta({ description: "The action in words" }),
    entityType: z.string().meta({ description: `What kind of thing: ${AUDIT_ENTITY_TYPES.join(", ")}` }),
    entityTypeLabel: z.string().meta({ description: "The kind of thing in words" }),
    entityId: z.string(),
    subject: z.string().nullable().meta({ description: "The thing's name or title as recorded, when it has one" }),
    changes: z.array(changeSchema).meta({ description: "The fields that changed (or, for a creation or deletion, that held a value), in words" }),
    before: z.unknown().meta({ description: "The recorded row before the change, as stored (null: none)" }),
    after: z.unknown().meta({ description: "The recorded row after the change, as stored (null: none)" }),
  })
  .register(responseComponents, { id: "AuditEvent" });

export const auditEventPageSchema = z
  .object({
    items: z.array(auditEventResourceSchema).meta({ description: "Newest first" }),
    page: z.number().int().positive(),
    size: z.number().int().positive(),
    total: z.number().int().nonnegative().meta({ description: "Events matching the filters, over all pages" }),
  })
  .register(responseComponents, { id: "AuditEventPage" });

/** The filters a validated query names. */
export function auditFiltersFromQuery(q: z.output<typeof auditEventQuerySchema>): AuditFilters {
  return { actorId: q.actorId, entityType: q.entityType, action: q.action, entityId: q.entityId, from: q.from, to: q.to };
}

/** An event as the API answers it. */
export function presentAuditEvent(e: AuditEventView): z.input<typeof auditEventResourceSchema> {
  return {
    id: e.id,
    createdAt: e.createdAt.toISOString(),
    actor: e.actor,
    action: e.action,
    actionLabel: auditActionLabel(e.action),
    entityType: e.entityType,
    entityTypeLabel: auditEntityTypeLabel(e.entityType),
    entityId: e.entityId,
    subject: e.subject,
    changes: e.changes,
    before: e.before,
    after: e.after,
  };
}
