// The workshop's agenda (issue 15, decision 038): the steps a facilitated session walks through,
// in order. Pure data, shared by the workshop screen, its keyboard shortcuts and the tests.

export interface AgendaStep {
  key: "context" | "systems" | "fallbacks" | "data-flows" | "reveal" | "shocks" | "actions";
  title: string;
  /** What the facilitator asks the room, shown under the title. */
  prompt: string;
  /** Suggested minutes, for the agenda's timing. */
  minutes: number;
}

export const AGENDA: readonly AgendaStep[] = [
  { key: "context", title: "Context and offices", prompt: "Where are we, how many people work in each office, and which rules apply to us?", minutes: 10 },
  { key: "systems", title: "AI systems, models and access paths", prompt: "Which AI systems do we run, on which model, reached how, and what do we switch to if it goes dark?", minutes: 30 },
  { key: "fallbacks", title: "Fallbacks", prompt: "For each dependency: is there a fallback, when was it last drilled, how long does switching take?", minutes: 15 },
  { key: "data-flows", title: "Data flows", prompt: "Which data goes to each model, from which office, and on what legal basis?", minutes: 10 },
  { key: "reveal", title: "Reveal the scores", prompt: "Where do we stand, and what changed since we began?", minutes: 10 },
  { key: "shocks", title: "Run shocks together", prompt: "What breaks if a government switches a vendor off tomorrow?", minutes: 15 },
  { key: "actions", title: "Agree actions", prompt: "What do we do about it, who owns it, and by when?", minutes: 15 },
];

export const LAST_STEP = AGENDA.length - 1;

/** Minutes and seconds, or hours too: "4:05", "1:02:09". */
export function formatElapsed(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const two = (n: number) => String(n).padStart(2, "0");
  return h > 0 ? `${h}:${two(m)}:${two(s)}` : `${m}:${two(s)}`;
}
