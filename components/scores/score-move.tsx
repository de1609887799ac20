import type { ActionState } from "@/lib/action-state";
import { Alert } from "@/components/ui/alert";

type Move = { before: number | null; after: number | null };

/** After a save: "Saved. Organisation score 72.9 → 74.1", from the action's answer. */
export function ScoreMoveNotice({ state }: { state: ActionState }) {
  if (state.status !== "success") return null;
  const move = state.data as Move | undefined;
  const moved = move && move.before !== null && move.after !== null;
  return (
    <Alert tone="success">
      {state.message ?? "Saved."}
      {moved && (
        <>
          {" "}
          <span data-testid="score-move">
            Organisation score {move.before!.toFixed(1)} → {move.after!.toFixed(1)}
          </span>
        </>
      )}
    </Alert>
  );
}
