// Token lifetimes, in a file without zod: the policy form imports the ceiling in the browser.

/** No token lives longer than this, whatever the organisation chooses (docs/decisions/029). */
export const TOKEN_LIFETIME_CEILING_DAYS = 365;
/** What a new organisation starts with. */
export const DEFAULT_TOKEN_POLICY = { defaultDays: 90, maxDays: 365 } as const;
