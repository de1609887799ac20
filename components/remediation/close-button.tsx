"use client";
import { useActionState } from "react";
import { idle } from "@/lib/action-state";
import { closeRemediationActionAction } from "@/lib/remediation/actions";
import { Alert } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/submit-button";
import { ScoreMoveNotice } from "@/components/scores/score-move";

/**
 * "Close as done": re-scores the inventory and answers the gain achieved and the organisation
 * score's move since the action entered the plan. The answer stays shown after the row closes.
 */
export function CloseActionButton({ orgSlug, id, version, title, active }: { orgSlug: string; id: string; version: number; title: string; active: boolean }) {
  const [state, action] = useActionState(closeRemediationActionAction, idle);
  return (
    <div className="space-y-2">
      {active && state.status !== "success" && (
        <form action={action}>
          <input type="hidden" name="org" value={orgSlug} />
          <input type="hidden" name="id" value={id} />
          <input type="hidden" name="version" value={version} />
          <SubmitButton variant="secondary" pendingText="Closing…">
            Close as done<span className="sr-only">: “{title}”</span>
          </SubmitButton>
        </form>
      )}
      {state.status === "error" && <Alert tone="error">{state.message}</Alert>}
      <ScoreMoveNotice state={state} />
    </div>
  );
}
