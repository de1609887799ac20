"use client";
import { useActionState } from "react";
import { idle, submitted } from "@/lib/action-state";
import { startReportRunAction } from "@/lib/reports/run-actions";
import { Alert } from "@/components/ui/alert";
import { SelectField } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";

export interface AssessmentChoice {
  id: string;
  label: string;
}

/** Generate: which assessment (the latest by default), which paper; the run then shows its progress below. */
export function ReportGenerator({ orgSlug, assessments, disabled }: { orgSlug: string; assessments: AssessmentChoice[]; disabled?: boolean }) {
  const [state, formAction] = useActionState(startReportRunAction, idle);
  const errors = state.status === "error" ? state.fieldErrors : undefined;
  const paper = submitted(state, "paper") ?? "a4";
  return (
    <form action={formAction} className="space-y-4">
      <input type="hidden" name="org" value={orgSlug} />
      <div className="flex flex-wrap items-end gap-4">
        <SelectField
          label="Assessment"
          name="assessmentId"
          options={assessments.map((a) => ({ value: a.id, label: a.label }))}
          defaultValue={submitted(state, "assessmentId") ?? assessments[0]?.id}
          errors={errors?.assessmentId}
          className="min-w-72"
        />
        <fieldset>
          <legend className="block text-sm font-medium text-slate-800">Paper</legend>
          <div className="mt-2 flex gap-4 text-sm">
            <label className="flex items-center gap-1.5">
              <input type="radio" name="paper" value="a4" defaultChecked={paper === "a4"} /> A4
            </label>
            <label className="flex items-center gap-1.5">
              <input type="radio" name="paper" value="letter" defaultChecked={paper === "letter"} /> US Letter
            </label>
          </div>
          {errors?.paper && <p className="mt-1 text-xs text-red-700">{errors.paper.join(" ")}</p>}
        </fieldset>
        {disabled ? (
          <button type="button" disabled className="inline-flex cursor-not-allowed items-center rounded-md bg-brand-600/60 px-3.5 py-2 text-sm font-medium text-white">
            Generate PDF
          </button>
        ) : (
          <SubmitButton pendingText="Starting…">Generate PDF</SubmitButton>
        )}
      </div>
      {state.status === "error" && <Alert tone="error">{state.message}</Alert>}
      {state.status === "success" && <Alert tone="success">{state.message}</Alert>}
    </form>
  );
}
