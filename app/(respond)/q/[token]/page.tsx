import { findUsableQuestionnaire } from "@/lib/questionnaires/queries";
import { questionnaireTokenSchema } from "@/lib/questionnaires/schemas";
import { formatDay } from "@/lib/dates";
import { AnswerForm } from "@/components/questionnaires/answer-form";

export const metadata = { title: "Questionnaire", robots: { index: false, follow: false } };

/** The pre-workshop questionnaire, for the client's staff: no account, the link is the key (decision 039). */
export default async function QuestionnairePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const link = questionnaireTokenSchema.safeParse(token).success ? await findUsableQuestionnaire(token) : null;
  if (!link) {
    return (
      <>
        <h1 className="text-xl font-semibold text-slate-900">This questionnaire link does not work</h1>
        <p className="mt-2 text-sm text-slate-600">It may have expired or been withdrawn. Ask whoever sent it to you for a new one.</p>
      </>
    );
  }
  return (
    <>
      <h1 className="text-2xl font-semibold text-slate-900">{link.title}</h1>
      <p className="mt-2 max-w-prose text-sm text-slate-700">
        {link.organisationName} is listing the AI its people depend on, to know what would stop if a vendor or a government cut access to a model. Tell us which AI systems and tools you use at work and what for. It takes five minutes; you need no account.
      </p>
      <p className="mb-6 mt-1 text-xs text-slate-500">This link works until {formatDay(link.expiresAt)}.</p>
      <AnswerForm token={token} organisationName={link.organisationName} />
    </>
  );
}
