import { z } from "zod";
import { multiLineText, singleLineText } from "@/lib/text";
import { orgParamsSchema, pageQuerySchema, requestComponents, responseComponents } from "@/lib/api/schemas";
import { PRIORITIES, REMEDIATION_STATUSES } from "@/lib/remediation/schemas";

// The public API's remediation schemas. Request bodies are JSON-typed and refuse unknown fields;
// the handler then applies the app's own form schemas (lib/remediation/schemas.ts) to them.

const isoDate = z.iso.date("Expected a date (YYYY-MM-DD)").nullable().meta({ description: "YYYY-MM-DD" });
const ownerId = z.uuid("Expected a member's user id").nullable().meta({ description: "The owner: a member's user id (another organisation's user answers 422); null for nobody" });
const priority = z.enum(PRIORITIES, "Expected low, medium, high or critical");

export const remediationParamsSchema = orgParamsSchema.extend({ id: z.uuid().meta({ description: "The action's id" }) });
export const remediationListQuerySchema = pageQuerySchema;
export const remediationDeleteQuerySchema = z.object({ version: z.coerce.number("Send ?version= with the version you read").int().positive().meta({ description: "The version you read" }) });

/**
 * A new action: either one of the engine's current suggestions (`findingKey`, as the scores'
 * suggestions name it; title, description and expected gain come from the engine) or one written
 * by hand (`title`, and optionally your own `expectedGain`).
 */
export const remediationCreateSchema = z
  .strictObject({
    findingKey: z.string().min(1).max(300).superRefine(singleLineText).optional().meta({ description: "An engine suggestion's id (e.g. `test-fallback:support-chat-big-model-direct-api`); adding one already in the plan creates nothing and answers the existing action" }),
    title: z.string().max(300).superRefine(singleLineText).optional().meta({ description: "Required for an action written by hand; not allowed with findingKey" }),
    description: z.string().max(4000).superRefine(multiLineText).optional(),
    ownerId: ownerId.optional(),
    dueDate: isoDate.optional(),
    priority: priority.default("medium"),
    expectedGain: z.number("Expected a number").min(0).max(100).optional().meta({ description: "Your estimate in organisation score points (by hand only)" }),
  })
  .superRefine((v, ctx) => {
    if (v.findingKey === undefined && v.title === undefined) ctx.addIssue({ code: "custom", path: ["title"], message: "Send a title, or a findingKey to add an engine suggestion" });
    if (v.findingKey !== undefined) {
      for (const k of ["title", "description", "expectedGain"] as const) if (v[k] !== undefined) ctx.addIssue({ code: "custom", path: [k], message: "Comes from the engine when findingKey is sent" });
    }
  })
  .register(requestComponents, { id: "RemediationActionCreate" });

/** Changes to an action, and the version they were made against; status `done` closes it (re-scored, achieved gain recorded). */
export const remediationUpdateSchema = z
  .strictObject({
    title: z.string().max(300).superRefine(singleLineText).optional(),
    description: z.string().max(4000).superRefine(multiLineText).optional(),
    ownerId: ownerId.optional(),
    dueDate: isoDate.optional(),
    priority: priority.optional(),
    status: z.enum(REMEDIATION_STATUSES, "Expected open, in_progress, done or wont_do").optional(),
    version: z.number("Send the version you read").int().positive().meta({ description: "The version you read; a newer one on the server answers 409 with the current row" }),
  })
  .register(requestComponents, { id: "RemediationActionUpdate" });

export const remediationResourceSchema = z
  .object({
    id: z.uuid(),
    title: z.string(),
    description: z.string(),
    origin: z.enum(["engine", "manual"]),
    findingKey: z.string().nullable(),
    targetType: z.string().nullable().meta({ description: "What the action is about (`ai_system`), for engine suggestions" }),
    targetId: z.uuid().nullable(),
    owner: z.object({ id: z.uuid(), name: z.string().nullable(), email: z.string() }).nullable(),
    dueDate: isoDate,
    overdueDays: z.number().int().positive().nullable().meta({ description: "Days past the due date for an open or in-progress action; null when not overdue" }),
    status: z.enum(REMEDIATION_STATUSES),
    priority,
    expectedGain: z.number().meta({ description: "Expected organisation score gain in points" }),
    achievedGain: z.number().nullable().meta({ description: "For a done action: the organisation score at close minus the score when the action entered the plan" }),
    scoreAtCreation: z.number().nullable(),
    scoreAtClose: z.number().nullable(),
    closedAt: z.string().nullable().meta({ description: "ISO 8601" }),
    createdAt: z.string().meta({ description: "ISO 8601" }),
    version: z.number().int().positive(),
  })
  .register(responseComponents, { id: "RemediationAction" });

export const remediationPageSchema = z
  .object({
    items: z.array(remediationResourceSchema).meta({ description: "By value: open work by expected gain, priority and due date; closed actions last" }),
    page: z.number().int().positive(),
    size: z.number().int().positive(),
    total: z.number().int().nonnegative(),
  })
  .register(responseComponents, { id: "RemediationActionPage" });

type Row = {
  id: string;
  title: string;
  description: string;
  origin: "engine" | "manual";
  findingKey: string | null;
  targetType: string | null;
  targetId: string | null;
  owner: { id: string; name: string | null; email: string } | null;
  dueDate: Date | null;
  status: (typeof REMEDIATION_STATUSES)[number];
  priority: (typeof PRIORITIES)[number];
  expectedGain: number;
  achievedGain: number | null;
  scoreAtCreation: number | null;
  scoreAtClose: number | null;
  closedAt: Date | null;
  createdAt: Date;
  version: number;
};

/** A stored action as the API answers it. */
export function presentRemediation(r: Row, overdueDays: number | null): z.input<typeof remediationResourceSchema> {
  return {
    id: r.id,
    title: r.title,
    description: r.description,
    origin: r.origin,
    findingKey: r.findingKey,
    targetType: r.targetType,
    targetId: r.targetId,
    owner: r.owner,
    dueDate: r.dueDate ? r.dueDate.toISOString().slice(0, 10) : null,
    overdueDays,
    status: r.status,
    priority: r.priority,
    expectedGain: r.expectedGain,
    achievedGain: r.achievedGain,
    scoreAtCreation: r.scoreAtCreation,
    scoreAtClose: r.scoreAtClose,
    closedAt: r.closedAt ? r.closedAt.toISOString() : null,
    createdAt: r.createdAt.toISOString(),
    version: r.version,
  };
}
