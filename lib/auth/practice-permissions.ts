// Who may do what in a practice (a consultancy; decision 037): one typed table, failing closed
// like lib/auth/permissions.ts. What a practice member may do inside a client organisation is
// not here: that is the client role the partner chose for the engagement.

export const PRACTICE_ROLES = ["partner", "consultant"] as const;
export type PracticeRole = (typeof PRACTICE_ROLES)[number];

export const PRACTICE_ROLE_LABELS: Record<PracticeRole, string> = { partner: "Partner", consultant: "Consultant" };

export const PRACTICE_ROLE_DESCRIPTIONS: Record<PracticeRole, string> = {
  partner: "Manages the practice, its members and its clients, and chooses the practice's role in each client",
  consultant: "Works in the practice's clients, with the role the partner chose for each",
};

export const PRACTICE_PERMISSIONS = {
  "practice:read": ["partner", "consultant"],
  "practice:manage": ["partner"],
  "clients:manage": ["partner"],
  // Planning a client's next workshop: whoever facilitates it, partner or consultant.
  "clients:plan": ["partner", "consultant"],
} as const satisfies Record<string, readonly PracticeRole[]>;

export type PracticePermission = keyof typeof PRACTICE_PERMISSIONS;

export function isPracticeRole(value: unknown): value is PracticeRole {
  return typeof value === "string" && (PRACTICE_ROLES as readonly string[]).includes(value);
}

/** Whether a practice role holds a permission. Unknown roles and permissions hold nothing. */
export function canInPractice(role: unknown, permission: PracticePermission): boolean {
  if (!isPracticeRole(role)) return false;
  const allowed: readonly PracticeRole[] | undefined = PRACTICE_PERMISSIONS[permission];
  return allowed !== undefined && allowed.includes(role);
}
