"use client";
import { useState } from "react";

/**
 * A key that changes with every answer of a form's server action. React resets a form after its
 * action runs; a `<select>` (and a checkbox) then returns to what it was mounted with, not to a
 * changed `defaultValue`, so a choice made before a server error would be lost. Keying the
 * form with this remounts it on each answer, with the answer's values as its defaults.
 * @example const formKey = useAnswerKey(state); return <form key={formKey} action={action}>…
 */
export function useAnswerKey(state: unknown): number {
  const [answer, setAnswer] = useState({ state, count: 0 });
  if (answer.state !== state) {
    setAnswer({ state, count: answer.count + 1 });
    return answer.count + 1;
  }
  return answer.count;
}
