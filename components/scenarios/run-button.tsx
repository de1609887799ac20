"use client";
import { useActionState } from "react";
import { runScenarioAction } from "@/lib/scenarios/actions";
import { idle } from "@/lib/action-state";
import { SubmitButton } from "@/components/ui/submit-button";
import { Alert } from "@/components/ui/alert";

/** Runs a saved scenario again on the inventory as it stands today. */
export function RunScenarioButton({ orgSlug, id }: { orgSlug: string; id: string }) {
  const [state, action] = useActionState(runScenarioAction, idle);
  return (
    <form action={action} className="flex items-center gap-2">
      <input type="hidden" name="org" value={orgSlug} />
      <input type="hidden" name="id" value={id} />
      <SubmitButton pendingText="Running…">Run again</SubmitButton>
      {state.status === "error" && <Alert tone="error">{state.message}</Alert>}
      {state.status === "success" && (
        <span role="status" className="text-sm text-emerald-700">
          {state.message}
        </span>
      )}
    </form>
  );
}
