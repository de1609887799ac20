import { AppError } from "@/lib/errors";
import { can, type Permission, type Role } from "@/lib/auth/permissions";

/** Who is acting, in which organisation, with which role: every data function takes one. */
export interface OrgContext {
  organisationId: string;
  organisationSlug: string;
  organisationName: string;
  userId: string;
  role: Role;
  /** The practice through which the caller reaches the organisation (decision 037); absent or null for a member. */
  via?: string | null;
  /** That practice's id (its name and logo may go on the reports the caller produces); absent or null for a member. */
  viaPracticeId?: string | null;
}

/** Throws FORBIDDEN unless the context's role holds the permission. */
export function assertCan(ctx: Pick<OrgContext, "role">, permission: Permission): void {
  if (!can(ctx.role, permission)) {
    throw new AppError("FORBIDDEN", `Your role (${ctx.role}) does not allow this.`);
  }
}
