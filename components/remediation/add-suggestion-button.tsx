"use client";
import { useActionState } from "react";
import { idle } from "@/lib/action-state";
import { addSuggestionAction } from "@/lib/remediation/actions";
import { Alert } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/submit-button";

/** "Add to plan" for one engine suggestion: only its id is sent; the server takes title and gain from the engine. */
export function AddSuggestionButton({ orgSlug, findingKey, title }: { orgSlug: string; findingKey: string; title: string }) {
  const [state, action] = useActionState(addSuggestionAction, idle);
  return (
    <div className="space-y-2">
      {state.status !== "success" && (
        <form action={action}>
          <input type="hidden" name="org" value={orgSlug} />
          <input type="hidden" name="findingKey" value={findingKey} />
          <input type="hidden" name="priority" value="medium" />
          <SubmitButton variant="secondary" pendingText="Adding…">
            Add to plan<span className="sr-only">: “{title}”</span>
          </SubmitButton>
        </form>
      )}
      {state.status === "error" && <Alert tone="error">{state.message}</Alert>}
      {state.status === "success" && <Alert tone="success">{state.message}</Alert>}
    </div>
  );
}
