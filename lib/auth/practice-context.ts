import { AppError } from "@/lib/errors";
import { canInPractice, PRACTICE_ROLE_LABELS, isPracticeRole, type PracticePermission, type PracticeRole } from "@/lib/auth/practice-permissions";

/** Who is acting in which practice, with which practice role: every practice data function takes one. */
export interface PracticeContext {
  practiceId: string;
  practiceSlug: string;
  practiceName: string;
  userId: string;
  role: PracticeRole;
}

/** Throws FORBIDDEN unless the context's practice role holds the permission. */
export function assertPracticeCan(ctx: Pick<PracticeContext, "role">, permission: PracticePermission): void {
  if (!canInPractice(ctx.role, permission)) {
    const role = isPracticeRole(ctx.role) ? PRACTICE_ROLE_LABELS[ctx.role].toLowerCase() : String(ctx.role);
    throw new AppError("FORBIDDEN", `Your role in the practice (${role}) does not allow this.`);
  }
}
