import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { assertCan, type OrgContext } from "@/lib/auth/org-context";
import { AppError, isAppError, notFoundError } from "@/lib/errors";
import { recordAudit } from "@/lib/audit/record";
import { staleOrMissing } from "@/lib/concurrency";
import { scoreOrganisation } from "@/lib/scores/queries";
import { freezeWorkshopAssessment } from "@/lib/assessments/mutations";
import { explainCaptureConflict, recordCapturedSystem } from "@/lib/workshops/capture";
import type { CaptureInput, VerifyInput } from "@/lib/workshops/schemas";

type Tx = Prisma.TransactionClient;

const row = { id: true, title: true, attendees: true, status: true, step: true, startedAt: true, endedAt: true, startScore: true, startRating: true, assessmentId: true, version: true } as const;

/**
 * Starts a workshop and notes the organisation's score and rating at that moment, for the reveal.
 * One runs at a time per organisation: a second start is a CONFLICT naming the running one.
 */
export async function startWorkshop(ctx: OrgContext, input: { title: string; attendees: string[] }) {
  assertCan(ctx, "workshops:run");
  const live = await scoreOrganisation(ctx);
  const start = live.ok ? { startScore: Math.round(live.result.organisation.score * 100) / 100, startRating: live.result.organisation.rating } : { startScore: null, startRating: null };
  try {
    return await db().$transaction(async (tx) => {
      const w = await tx.workshop.create({ data: { organisationId: ctx.organisationId, title: input.title, attendees: input.attendees, createdById: ctx.userId, ...start }, select: row });
      await recordAudit(tx, ctx, { action: "create", entityType: "workshop", entityId: w.id, after: w });
      return w;
    });
  } catch (e) {
    if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002") {
      const running = await db().workshop.findFirst({ where: { organisationId: ctx.organisationId, status: "running" }, select: { id: true, title: true } });
      throw new AppError("CONFLICT", `The workshop "${running?.title ?? "another workshop"}" is still running: end it before starting another.`, { workshopId: running?.id });
    }
    throw e;
  }
}

export async function setWorkshopStep(ctx: OrgContext, id: string, version: number, step: number) {
  return changeRunning(ctx, id, version, { step });
}

export async function updateWorkshopAttendees(ctx: OrgContext, id: string, version: number, attendees: string[]) {
  return changeRunning(ctx, id, version, { attendees });
}

/** Changes a running workshop (its agenda step, its attendees), guarded by the version read. */
async function changeRunning(ctx: OrgContext, id: string, version: number, data: { step?: number; attendees?: string[] }) {
  assertCan(ctx, "workshops:run");
  return db().$transaction(async (tx) => {
    const before = await tx.workshop.findFirst({ where: { id, organisationId: ctx.organisationId }, select: row });
    if (before?.status === "ended") throw new AppError("CONFLICT", `The workshop "${before.title}" has ended.`);
    const { count } = await tx.workshop.updateMany({ where: { id, organisationId: ctx.organisationId, version, status: "running" }, data: { ...data, version: { increment: 1 } } });
    if (count === 0) throw staleOrMissing("Workshop", before, version);
    const after = await tx.workshop.findFirstOrThrow({ where: { id, organisationId: ctx.organisationId }, select: row });
    await recordAudit(tx, ctx, { action: "update", entityType: "workshop", entityId: id, before, after });
    return after;
  });
}

async function runningWorkshop(tx: Tx, ctx: OrgContext, id: string) {
  const w = await tx.workshop.findFirst({ where: { id, organisationId: ctx.organisationId }, select: { id: true, title: true, status: true } });
  if (!w) throw notFoundError("Workshop");
  if (w.status !== "running") throw new AppError("CONFLICT", `The workshop "${w.title}" has ended: capture in the inventory instead.`);
  return w;
}

/**
 * The workshop's one-step capture: an AI system with its model, access path and (optionally) its
 * fallback, adding catalogue vendors and models on the way, and a fact to verify when the room is
 * unsure, all in one transaction: either everything is recorded or nothing is.
 */
export async function captureSystem(ctx: OrgContext, input: CaptureInput) {
  assertCan(ctx, "inventory:write");
  return db()
    .$transaction(async (tx) => {
      await runningWorkshop(tx, ctx, input.workshopId);
      const { system, dependency, fallback } = await recordCapturedSystem(tx, ctx, input);
      let verify: { id: string } | null = null;
      if (input.unsure && input.verifyOwner) {
        verify = await tx.verifyItem.create({
          data: {
            organisationId: ctx.organisationId,
            workshopId: input.workshopId,
            subjectType: "ai_system",
            subjectId: system.id,
            subjectLabel: system.name,
            question: input.verifyQuestion ?? "Confirm the model, access path and fallback captured in the workshop.",
            owner: input.verifyOwner,
          },
          select: { id: true, subjectLabel: true, question: true, owner: true, version: true },
        });
        await recordAudit(tx, ctx, { action: "create", entityType: "verify_item", entityId: verify.id, after: verify });
      }
      return { system, dependency, fallback, verify };
    })
    .catch((e: unknown) => explainCaptureConflict(e, input.name));
}

const SUBJECT_TABLES = {
  office: (tx: Tx, where: { id: string; organisationId: string }) => tx.office.findFirst({ where, select: { name: true } }),
  vendor: (tx: Tx, where: { id: string; organisationId: string }) => tx.vendor.findFirst({ where, select: { name: true } }),
  model: (tx: Tx, where: { id: string; organisationId: string }) => tx.model.findFirst({ where, select: { name: true } }),
  ai_system: (tx: Tx, where: { id: string; organisationId: string }) => tx.aiSystem.findFirst({ where, select: { name: true } }),
  dependency: async (tx: Tx, where: { id: string; organisationId: string }) => {
    const d = await tx.dependency.findFirst({ where, select: { aiSystem: { select: { name: true } }, model: { select: { name: true } } } });
    return d && { name: `${d.aiSystem.name} on ${d.model.name}` };
  },
  fallback: async (tx: Tx, where: { id: string; organisationId: string }) => {
    const f = await tx.fallback.findFirst({ where, select: { model: { select: { name: true } }, dependency: { select: { aiSystem: { select: { name: true } } } } } });
    return f && { name: `${f.dependency.aiSystem.name}: fallback to ${f.model.name}` };
  },
  data_flow: async (tx: Tx, where: { id: string; organisationId: string }) => {
    const d = await tx.dataFlow.findFirst({ where, select: { name: true } });
    return d && { name: d.name };
  },
} as const;

/** Flags a fact on one of the organisation's rows as "to verify", with who will verify it. */
export async function flagToVerify(ctx: OrgContext, input: VerifyInput) {
  assertCan(ctx, "workshops:run");
  return db().$transaction(async (tx) => {
    if (input.workshopId) await runningWorkshop(tx, ctx, input.workshopId);
    const subject = await SUBJECT_TABLES[input.subjectType](tx, { id: input.subjectId, organisationId: ctx.organisationId });
    if (!subject) throw new AppError("INVALID_INPUT", "Choose something in your inventory.", { fieldErrors: { subjectId: ["Choose something in your inventory"] } });
    const item = await tx.verifyItem.create({
      data: { organisationId: ctx.organisationId, workshopId: input.workshopId ?? null, subjectType: input.subjectType, subjectId: input.subjectId, subjectLabel: subject.name, question: input.question, owner: input.owner },
      select: { id: true, subjectType: true, subjectLabel: true, question: true, owner: true, version: true },
    });
    await recordAudit(tx, ctx, { action: "create", entityType: "verify_item", entityId: item.id, after: item });
    return item;
  });
}

/** Confirms a fact to verify: it leaves the open list, with who confirmed it and when. */
export async function confirmVerifyItem(ctx: OrgContext, id: string, version: number) {
  assertCan(ctx, "workshops:run");
  const user = await db().user.findUnique({ where: { id: ctx.userId }, select: { name: true } });
  return db().$transaction(async (tx) => {
    const before = await tx.verifyItem.findFirst({ where: { id, organisationId: ctx.organisationId }, select: { id: true, question: true, confirmedAt: true, confirmedBy: true, version: true } });
    if (before?.confirmedAt) throw new AppError("CONFLICT", `${before.confirmedBy ?? "Someone"} confirmed this already.`, { current: before });
    const { count } = await tx.verifyItem.updateMany({ where: { id, organisationId: ctx.organisationId, version, confirmedAt: null }, data: { confirmedAt: new Date(), confirmedBy: user?.name ?? "a member", version: { increment: 1 } } });
    if (count === 0) throw staleOrMissing("Fact to verify", before, version);
    const after = await tx.verifyItem.findFirstOrThrow({ where: { id, organisationId: ctx.organisationId }, select: { id: true, question: true, confirmedAt: true, confirmedBy: true, version: true } });
    await recordAudit(tx, ctx, { action: "update", entityType: "verify_item", entityId: id, before, after });
    return after;
  });
}

/**
 * Ends a running workshop and freezes an assessment labelled with it. An inventory the engine
 * cannot read yet ends the workshop without one (`frozen: "unscoreable"`), and so does one too
 * large to freeze (`frozen: "too_large"`, decision 053); an inventory that the latest assessment
 * already records links to that one (`frozen: "unchanged"`).
 */
export async function endWorkshop(ctx: OrgContext, id: string, version: number) {
  assertCan(ctx, "workshops:run");
  const current = await db().workshop.findFirst({ where: { id, organisationId: ctx.organisationId }, select: row });
  if (!current || current.version !== version) throw staleOrMissing("Workshop", current, version);
  if (current.status !== "running") throw new AppError("CONFLICT", `The workshop "${current.title}" has ended already.`);
  let assessmentId: string | null = null;
  let frozen: "new" | "unchanged" | "unscoreable" | "too_large" = "new";
  try {
    assessmentId = (await freezeWorkshopAssessment(ctx, { note: `Workshop: ${current.title}` })).id;
  } catch (e) {
    if (isAppError(e) && e.code === "CONFLICT" && typeof e.details?.assessmentId === "string") {
      assessmentId = e.details.assessmentId;
      frozen = "unchanged";
    } else if (isAppError(e) && e.code === "INVALID_INPUT") {
      frozen = e.details?.tooLarge ? "too_large" : "unscoreable";
    } else throw e;
  }
  return db().$transaction(async (tx) => {
    const { count } = await tx.workshop.updateMany({ where: { id, organisationId: ctx.organisationId, version, status: "running" }, data: { status: "ended", endedAt: new Date(), assessmentId, version: { increment: 1 } } });
    if (count === 0) throw staleOrMissing("Workshop", await tx.workshop.findFirst({ where: { id, organisationId: ctx.organisationId }, select: row }), version);
    const after = await tx.workshop.findFirstOrThrow({ where: { id, organisationId: ctx.organisationId }, select: row });
    await recordAudit(tx, ctx, { action: "update", entityType: "workshop", entityId: id, before: current, after });
    return { workshop: after, frozen };
  });
}
