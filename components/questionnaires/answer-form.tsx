"use client";
import { useActionState, useEffect, useRef, useState } from "react";
import { idle, type ActionState } from "@/lib/action-state";
import { answerQuestionnaireAction } from "@/lib/questionnaires/actions";
import { Alert } from "@/components/ui/alert";
import { TextField } from "@/components/ui/field";
import { Button } from "@/components/ui/button";
import { SubmitButton } from "@/components/ui/submit-button";

const ITEM_FIELDS = ["systemName", "purpose", "vendorName", "modelName", "dataNote"] as const;
type Row = Record<(typeof ITEM_FIELDS)[number], string>;
const blankRow = (): Row => ({ systemName: "", purpose: "", vendorName: "", modelName: "", dataNote: "" });
const MAX_ROWS = 25;

/** The rows as sent, after a refusal: every row sends all five fields, so row i is the i-th of each. */
function rowsSent(state: ActionState): Row[] | null {
  if (state.status !== "error" || !state.values) return null;
  const column = (f: string) => {
    const v = state.values?.[f];
    return Array.isArray(v) ? v : v === undefined ? [] : [v];
  };
  const count = Math.max(...ITEM_FIELDS.map((f) => column(f).length));
  return count > 0 ? Array.from({ length: count }, (_, i) => Object.fromEntries(ITEM_FIELDS.map((f) => [f, column(f)[i] ?? ""])) as Row) : null;
}

/**
 * The questionnaire for someone without an account: who they are, then one row per AI system or
 * tool they use. Rows are added and removed in the browser; after a refusal the rows come back as
 * they were sent, each error under its field; after an answer, an empty form for the next person.
 */
export function AnswerForm({ token, organisationName }: { token: string; organisationName: string }) {
  const [state, action] = useActionState(answerQuestionnaireAction, idle);
  const [rows, setRows] = useState<Row[]>([blankRow(), blankRow()]);
  const [round, setRound] = useState(0);
  const [seen, setSeen] = useState(state);
  const focusRow = useRef<number | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  if (state !== seen) {
    setSeen(state);
    if (state.status === "success") {
      setRows([blankRow(), blankRow()]);
      setRound((r) => r + 1);
    } else setRows(rowsSent(state) ?? rows);
  }
  useEffect(() => {
    if (focusRow.current === null) return;
    formRef.current?.querySelectorAll<HTMLInputElement>("input[name=systemName]")[focusRow.current]?.focus();
    focusRow.current = null;
  });
  const errors = state.status === "error" ? state.fieldErrors : undefined;
  const value = (name: string) => (state.status === "error" && typeof state.values?.[name] === "string" ? (state.values[name] as string) : undefined);
  const setField = (i: number, field: keyof Row, v: string) => setRows((rs) => rs.map((r, j) => (j === i ? { ...r, [field]: v } : r)));
  const rowError = (i: number, field: string) => errors?.[`items.${i}.${field}`];
  return (
    <form key={round} ref={formRef} action={action} noValidate className="space-y-6" aria-label={`Questionnaire of ${organisationName}`}>
      {state.status === "error" && <Alert tone="error">{state.message}</Alert>}
      {state.status === "success" && (
        <Alert tone="success" title="Answer sent">
          {state.message} Someone else can answer on this page now, or you can send more.
        </Alert>
      )}
      <input type="hidden" name="token" value={token} />
      <fieldset className="grid gap-4 sm:grid-cols-3">
        <legend className="mb-2 text-base font-semibold text-slate-900">About you</legend>
        <TextField label="Your name" name="respondentName" required maxLength={120} autoComplete="name" defaultValue={value("respondentName")} errors={errors?.respondentName} />
        <TextField label="Email (optional)" name="respondentEmail" type="email" maxLength={200} autoComplete="email" defaultValue={value("respondentEmail")} errors={errors?.respondentEmail} hint="In case of a question" />
        <TextField label="Team (optional)" name="team" maxLength={120} defaultValue={value("team")} errors={errors?.team} />
      </fieldset>
      <fieldset>
        <legend className="mb-1 text-base font-semibold text-slate-900">The AI systems and tools you use</legend>
        <p className="mb-3 text-sm text-slate-600">One per row: chat assistants, coding assistants, features of other software, anything your team built on an AI model. If you are unsure of the vendor or the model, leave them empty.</p>
        {errors?.items && (
          <p className="mb-3 text-sm text-red-700" role="alert">
            {errors.items.join(" ")}
          </p>
        )}
        <ol className="space-y-4">
          {rows.map((row, i) => (
            <li key={i} className="rounded-lg bg-slate-50 p-4 ring-1 ring-slate-200">
              <div className="mb-2 flex items-center justify-between gap-3">
                <h3 className="text-sm font-semibold text-slate-800">AI system or tool {i + 1}</h3>
                {rows.length > 1 && (
                  <button type="button" onClick={() => setRows((rs) => rs.filter((_, j) => j !== i))} className="text-sm font-medium text-slate-600 hover:text-red-700 hover:underline" aria-label={`Remove AI system or tool ${i + 1}`}>
                    Remove
                  </button>
                )}
              </div>
              <div className="grid gap-3 md:grid-cols-2">
                <TextField label="Name" name="systemName" maxLength={120} value={row.systemName} onChange={(e) => setField(i, "systemName", e.target.value)} errors={rowError(i, "systemName")} placeholder="e.g. ChatGPT, GitHub Copilot" />
                <TextField label="What you use it for" name="purpose" maxLength={500} value={row.purpose} onChange={(e) => setField(i, "purpose", e.target.value)} errors={rowError(i, "purpose")} placeholder="e.g. drafting replies to customers" />
                <div className="grid grid-cols-2 gap-3">
                  <TextField label="Vendor (if known)" name="vendorName" maxLength={120} value={row.vendorName} onChange={(e) => setField(i, "vendorName", e.target.value)} errors={rowError(i, "vendorName")} placeholder="e.g. OpenAI" />
                  <TextField label="Model (if known)" name="modelName" maxLength={120} value={row.modelName} onChange={(e) => setField(i, "modelName", e.target.value)} errors={rowError(i, "modelName")} placeholder="e.g. GPT-4o" />
                </div>
                <TextField label="What goes into it (optional)" name="dataNote" maxLength={300} value={row.dataNote} onChange={(e) => setField(i, "dataNote", e.target.value)} errors={rowError(i, "dataNote")} placeholder="e.g. customer emails, source code" />
              </div>
            </li>
          ))}
        </ol>
        {rows.length < MAX_ROWS && (
          <Button
            type="button"
            variant="secondary"
            className="mt-3"
            onClick={() => {
              focusRow.current = rows.length;
              setRows((rs) => [...rs, blankRow()]);
            }}
          >
            Add another
          </Button>
        )}
      </fieldset>
      <div className="flex flex-wrap items-center gap-3 border-t border-slate-200 pt-4">
        <SubmitButton pendingText="Sending…">Send to {organisationName}</SubmitButton>
        <p className="text-sm text-slate-600">Empty rows are left out. Nothing is added to the inventory before someone at {organisationName} reviews it.</p>
      </div>
    </form>
  );
}
