import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { assertCan, type OrgContext } from "@/lib/auth/org-context";
import { AppError, notFoundError } from "@/lib/errors";
import { recordAudit } from "@/lib/audit/record";
import { staleWithChanges } from "@/lib/concurrency";
import { REGISTRATION_FIELD_LABELS } from "@/lib/ai-act-registrations/annex-viii";
import { registrationSelect } from "@/lib/ai-act-registrations/queries";
import type { AiActRegistrationInput } from "@/lib/ai-act-registrations/schemas";

const WHAT = "EU AI Act registration";

/** Someone created the registration after this form was opened empty: theirs stays, with what it holds. */
function createdMeanwhile(current: { version: number }): AppError {
  return new AppError(
    "CONFLICT",
    `Someone else saved this ${WHAT} while you were editing (your copy: none yet, now: version ${current.version}). Review their answers, then apply yours again.`,
    { current },
  );
}

/**
 * Saves the registration of one of the caller's AI systems (decision 046): the first save creates
 * it (`version` null: the form was opened with none), later ones update it if it is still at
 * `version`. A concurrent save is never overwritten: CONFLICT with the current row and the fields
 * changed meanwhile. Another organisation's AI system: NOT_FOUND, nothing written.
 */
export async function saveAiActRegistration(ctx: OrgContext, input: AiActRegistrationInput) {
  assertCan(ctx, "inventory:write");
  const { aiSystemId, version, ...changes } = input;
  const organisationId = ctx.organisationId;
  const current = (tx: Prisma.TransactionClient) => tx.aiActRegistration.findFirst({ where: { organisationId, aiSystemId }, select: registrationSelect });
  return db()
    .$transaction(async (tx) => {
      if (!(await tx.aiSystem.count({ where: { id: aiSystemId, organisationId } }))) throw notFoundError("AI system");
      const before = await current(tx);
      if (version === null) {
        if (before) throw createdMeanwhile(before);
        const created = await tx.aiActRegistration.create({ data: { organisationId, aiSystemId, ...changes }, select: registrationSelect });
        await recordAudit(tx, ctx, { action: "create", entityType: "ai_act_registration", entityId: created.id, after: created });
        return created;
      }
      const { count } = await tx.aiActRegistration.updateMany({ where: { organisationId, aiSystemId, version }, data: { ...changes, version: { increment: 1 } } });
      if (count === 0) {
        const scope = { organisationId, entityType: "ai_act_registration", entityId: before?.id ?? aiSystemId };
        throw await staleWithChanges(tx, scope, WHAT, before, version, REGISTRATION_FIELD_LABELS);
      }
      const after = (await current(tx))!;
      await recordAudit(tx, ctx, { action: "update", entityType: "ai_act_registration", entityId: after.id, before, after });
      return after;
    })
    .catch(async (e: unknown) => {
      // Two first saves at once: the unique (organisation, AI system) lets one through.
      if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002") {
        const theirs = await db().aiActRegistration.findFirst({ where: { organisationId, aiSystemId }, select: registrationSelect });
        if (theirs) throw createdMeanwhile(theirs);
      }
      throw e;
    });
}
