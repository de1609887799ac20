"use server";
import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { orgAction } from "@/lib/actions";
import { freezeAssessmentSchema } from "@/lib/assessments/schemas";
import { freezeAssessment } from "@/lib/assessments/mutations";

const scoresPath = (slug: string) => `/${slug}/scores`;

/** Freezes the inventory as it stands and opens the new assessment. */
export const freezeAssessmentAction = orgAction("assessments:write", freezeAssessmentSchema, async (ctx, input) => {
  const assessment = await freezeAssessment(ctx, input);
  revalidatePath(scoresPath(ctx.organisationSlug), "layout");
  redirect(`${scoresPath(ctx.organisationSlug)}/assessments/${assessment.id}`);
});
