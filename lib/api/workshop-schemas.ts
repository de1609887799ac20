import { z } from "zod";
import { orgParamsSchema, responseComponents } from "@/lib/api/schemas";
import { AGENDA, LAST_STEP } from "@/lib/workshops/agenda";
import type { listVerifyItems, listWorkshops } from "@/lib/workshops/queries";
import { RATINGS, type Rating } from "@/scoring/ratings";

// The public API's workshops (docs/decisions/038, 041): read-only, what the Workshops page and a
// workshop's page show: who was in the room, where the agenda stands, the score when it began, the
// assessment it froze, and the facts still to verify. Starting, capturing and ending stay in the
// app (a facilitated session on a projector, not something to script).

const iso = z.iso.datetime().meta({ description: "ISO 8601 (UTC)" });
const STEP_KEYS = AGENDA.map((s) => s.key) as [AgendaKey, ...AgendaKey[]];
type AgendaKey = (typeof AGENDA)[number]["key"];

export const workshopParamsSchema = orgParamsSchema.extend({ id: z.uuid().meta({ description: "The workshop's id" }) });

const stepSchema = z
  .object({
    index: z.number().int().min(0).max(LAST_STEP).meta({ description: `0-based, 0-${LAST_STEP}` }),
    key: z.enum(STEP_KEYS),
    title: z.string().meta({ description: "The step as the workshop screen names it" }),
  })
  .meta({ description: `The agenda step on screen (for an ended workshop: the last one shown). The agenda: ${AGENDA.map((s) => `${s.key} (${s.title})`).join(", ")}` });

const workshopFields = {
  id: z.uuid(),
  title: z.string(),
  status: z.enum(["running", "ended"]).meta({ description: "At most one workshop of an organisation is running" }),
  attendees: z.array(z.string()).meta({ description: "Who was in the room, as the facilitator wrote them" }),
  step: stepSchema,
  startedAt: iso,
  endedAt: iso.nullable().meta({ description: "null while it runs" }),
  startScore: z.number().min(0).max(100).nullable().meta({ description: "The organisation's live score when it began (null: the inventory could not be scored then)" }),
  startRating: z.enum(RATINGS).nullable().meta({ description: "The rating when it began, for the reveal" }),
  assessmentId: z.uuid().nullable().meta({ description: "The assessment frozen when it ended (GET …/assessments/{id}); null while it runs, or when the inventory could not be scored at the end" }),
  facilitator: z.string().nullable().meta({ description: "The member who started it (null once that account is gone)" }),
  version: z.number().int().positive(),
};

export const workshopListItemSchema = z.object(workshopFields).register(responseComponents, { id: "WorkshopListItem" });

export const workshopListSchema = z
  .object({ items: z.array(workshopListItemSchema).meta({ description: "The running workshop first, then the latest started; at most 100" }) })
  .register(responseComponents, { id: "WorkshopList" });

export const verifyItemSchema = z
  .object({
    id: z.uuid(),
    subjectType: z.string().meta({ description: "What the fact is about: ai_system, dependency, fallback, vendor, model, office or data_flow" }),
    subjectId: z.uuid().nullable(),
    subjectLabel: z.string().meta({ description: "The subject's name when it was flagged (kept if the row is renamed or deleted since)" }),
    question: z.string(),
    owner: z.string().meta({ description: "Who will verify it" }),
    confirmedAt: iso.nullable().meta({ description: "null: still open" }),
    confirmedBy: z.string().nullable(),
    createdAt: iso,
    version: z.number().int().positive(),
  })
  .register(responseComponents, { id: "VerifyItem" });

export const workshopSchema = z
  .object({
    ...workshopFields,
    verifyItems: z.array(verifyItemSchema).meta({ description: "Facts flagged \"to verify\" in this workshop: open ones first, oldest first, then the confirmed ones, latest first; at most 500" }),
  })
  .register(responseComponents, { id: "Workshop" });

type WorkshopRow = Awaited<ReturnType<typeof listWorkshops>>[number];
type VerifyRow = Awaited<ReturnType<typeof listVerifyItems>>[number];

/** The agenda step a stored index names; an index beyond today's agenda shows its last step, as the screen cannot go further. */
export function presentStep(index: number): z.input<typeof stepSchema> {
  const i = Math.min(Math.max(0, index), LAST_STEP);
  const step = AGENDA[i]!;
  return { index: i, key: step.key, title: step.title };
}

/** A stored workshop as the API answers it. */
export function presentWorkshop(w: WorkshopRow): z.input<typeof workshopListItemSchema> {
  return {
    id: w.id,
    title: w.title,
    status: w.status,
    attendees: w.attendees,
    step: presentStep(w.step),
    startedAt: w.startedAt.toISOString(),
    endedAt: w.endedAt?.toISOString() ?? null,
    startScore: w.startScore,
    // Stored from the engine's own rating (startWorkshop); the response schema checks it on the way out.
    startRating: w.startRating as Rating | null,
    assessmentId: w.assessmentId,
    facilitator: w.createdBy?.name ?? null,
    version: w.version,
  };
}

export function presentVerifyItem(v: VerifyRow): z.input<typeof verifyItemSchema> {
  return {
    id: v.id,
    subjectType: v.subjectType,
    subjectId: v.subjectId,
    subjectLabel: v.subjectLabel,
    question: v.question,
    owner: v.owner,
    confirmedAt: v.confirmedAt?.toISOString() ?? null,
    confirmedBy: v.confirmedBy,
    createdAt: v.createdAt.toISOString(),
    version: v.version,
  };
}
